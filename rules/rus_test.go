package rules

import "testing"

// TestRussianMastheadSession: the masthead's date and session cell, for
// a regular session and for an emergency special session ("чрезвычайная
// специальная сессия"), whose number is the ordinal before it.
func TestRussianMastheadSession(t *testing.T) {
	s, err := Load(Options{Language: "rus", Body: "ga", Layout: "ods"})
	if err != nil {
		t.Fatal(err)
	}
	re := s.Rule("ods.masthead-date-session").Regexp()
	for _, tt := range []struct {
		line string
		n    int
	}{
		{"9 May 2031Восемьдесят пятая сессия", 85},
		{"9 May 2031Восемьдесят\u00a0пятая сессия", 85},
		{"9 May 2031Сотая сессия", 100},
		{"9 May 2031Двенадцатая чрезвычайная специальная сессия", 12},
		{"9 May 2031Десятая чрезвычайная\u00a0специальная сессия", 10},
	} {
		m := re.FindStringSubmatch(tt.line)
		if m == nil {
			t.Errorf("%q: no match", tt.line)
			continue
		}
		ord := m[re.SubexpIndex("sessionOrdinal")]
		if n, ok := s.Ordinal(ord); !ok || n != tt.n {
			t.Errorf("%q: Ordinal(%q) = %d, %v; want %d", tt.line, ord, n, ok, tt.n)
		}
	}
}
