package convert_test

import (
	"strings"
	"testing"

	"github.com/resconv/resconv/convert"
)

// TestDetectRussianSecurityCouncil: a Russian Security Council text is
// recognised by its formula "Совет Безопасности," without --lang or --body,
// with or without its "Резолюция NNNN (YYYY)," line.
func TestDetectRussianSecurityCouncil(t *testing.T) {
	const body = "\tСовет Безопасности,\n\tссылаясь на свои предыдущие резолюции,\n\t1.\tпостановляет продлить мандат;\n\t2.\tпостановляет продолжать заниматься этим вопросом.\n"
	const trailer = "<<ODS JOB NO>>N3100001R<<ODS JOB NO>>\n<<ODS DOC SYMBOL1>>S/RES/3001 (2031)<<ODS DOC SYMBOL1>>\n" +
		"Организация Объединенных НацийS/RES/3001 (2031)Совет БезопасностиDistr.: General\n4 April 2031\n"
	for name, src := range map[string]string{
		"with resolution line":    "Резолюция 3001 (2031),\nпринятая Советом Безопасности на его 9990\u2011м заседании 4 апреля 2031 года\n" + body + trailer,
		"without resolution line": "принятая Советом Безопасности 4 апреля 2031 года\n" + body + trailer,
	} {
		t.Run(name, func(t *testing.T) {
			res, err := convert.Convert([]byte(src), convert.Options{})
			if err != nil {
				t.Fatal(err)
			}
			akn := string(res.AKN)
			for _, want := range []string{"/akn/un/statement/deliberation/unsc/2031-04-04/3001-2031/rus@", `language="rus"`, "Совет Безопасности"} {
				if !strings.Contains(akn, want) {
					t.Errorf("the output lacks %q", want)
				}
			}
		})
	}
}
