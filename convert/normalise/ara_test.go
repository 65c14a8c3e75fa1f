package normalise

import (
	"testing"

	"github.com/resconv/resconv/rules"
)

// TestArabicSession pins the Arabic session line of the masthead: a
// regular session by its compound ordinal, an emergency special session
// ("الدورة الاستثنائية الطارئة ...") by its own ordinal.
func TestArabicSession(t *testing.T) {
	rs, err := rules.Load(rules.Options{Language: "ara", Body: "ga", Layout: "ods"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		line string
		n    int
	}{
		{"الدورة الثامنة والسبعون", 78},
		{"الدورة الاستثنائية الطارئة الحادية عشرة", 11},
		{"الدورة الاستثنائية الطارئة العاشرة", 10},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			in := "\tإن الجمعية العامة،\n\n<<ODS JOB NO>>N2330000A<<ODS JOB NO>>\n<<ODS DOC SYMBOL1>>A/RES/ES-11/9<<ODS DOC SYMBOL1>>\n" +
				"_______________\n\nالأمــم المتحـدةA/RES/ES-11/9الجمعية العامةDistr.: General\n3 March 2025" + tt.line + "\n\n25-03000 (A)\n"
			res, err := ODS(in, rs)
			if err != nil {
				t.Fatal(err)
			}
			if res.Meta.Session != tt.n {
				t.Errorf("session = %d (%q), want %d", res.Meta.Session, res.Meta.SessionText, tt.n)
			}
		})
	}
}
