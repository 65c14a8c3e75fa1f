package rules

import (
	"strings"
	"testing"
)

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

// TestRussianSessionOrdinals: every session name from the first to the
// hundredth, as the masthead writes it (feminine, "сессия"): an ordinal
// word, or a cardinal ten and an ordinal unit ("Семьдесят шестая").
func TestRussianSessionOrdinals(t *testing.T) {
	s, err := Load(Options{Language: "rus", Body: "ga", Layout: "ods"})
	if err != nil {
		t.Fatal(err)
	}
	units := []string{"", "первая", "вторая", "третья", "четвертая", "пятая", "шестая", "седьмая", "восьмая", "девятая"}
	teens := []string{"десятая", "одиннадцатая", "двенадцатая", "тринадцатая", "четырнадцатая", "пятнадцатая", "шестнадцатая", "семнадцатая", "восемнадцатая", "девятнадцатая"}
	tensOrd := []string{"", "", "двадцатая", "тридцатая", "сороковая", "пятидесятая", "шестидесятая", "семидесятая", "восьмидесятая", "девяностая"}
	tens := []string{"", "", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят", "восемьдесят", "девяносто"}
	for n := 1; n <= 100; n++ {
		var name string
		switch {
		case n == 100:
			name = "Сотая"
		case n < 10:
			name = units[n]
		case n < 20:
			name = teens[n-10]
		case n%10 == 0:
			name = tensOrd[n/10]
		default:
			name = tens[n/10] + " " + units[n%10]
		}
		for _, v := range []string{name, strings.Replace(name, " ", "\u00a0", 1)} {
			if got, ok := s.Ordinal(v); !ok || got != n {
				t.Errorf("Ordinal(%q) = %d, %v; want %d", v, got, ok, n)
			}
		}
	}
}
