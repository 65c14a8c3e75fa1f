package rules

import "testing"

// TestOrdinalsEsFr: Spanish and French session ordinals 1..100, with the
// hyphens and spaces Word files keep between their words.
func TestOrdinalsEsFr(t *testing.T) {
	tests := []struct {
		lang, words string
		n           int
	}{
		{"spa", "Primer", 1}, {"spa", "Decimotercer", 13}, {"spa", "Vigésimo primero", 21},
		{"spa", "Septuagésimo\u00a0sexto", 76}, {"spa", "Nonagésimo noveno", 99}, {"spa", "Centésimo", 100},
		{"fra", "Première", 1}, {"fra", "Vingt et unième", 21}, {"fra", "Soixante\u2011seizième", 76},
		{"fra", "Soixante\u2010et\u2010onzième", 71}, {"fra", "Quatre‐vingt‐dix‐neuvième", 99}, {"fra", "Centième", 100},
		{"fra", "Soixante-dix-septième", 77},
	}
	for _, tt := range tests {
		t.Run(tt.lang+" "+tt.words, func(t *testing.T) {
			s, err := Load(Options{Language: tt.lang, Body: "ga", Layout: "ods"})
			if err != nil {
				t.Fatal(err)
			}
			if got, ok := s.Ordinal(tt.words); !ok || got != tt.n {
				t.Errorf("Ordinal(%q) = %d, %v; want %d", tt.words, got, ok, tt.n)
			}
		})
	}
}

// TestPhraseNoBreak: a known phrase is found when the text writes a
// no-break space or a Unicode hyphen inside it, and returned as written.
func TestPhraseNoBreak(t *testing.T) {
	s, err := Load(Options{Language: "fra", Body: "ga", Layout: "ods"})
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{
		"Se\u00a0félicitant des progrès": "Se\u00a0félicitant",
		"Prenant\u202fnote du rapport":   "Prenant\u202fnote",
		"Se félicitant des progrès":      "Se félicitant",
	} {
		if got := s.Phrase("preamble", in); got != want {
			t.Errorf("Phrase(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestDatesEsFr: the first day of a month with its ordinal sign, and
// no-break spaces between the words of a date.
func TestDatesEsFr(t *testing.T) {
	tests := []struct{ lang, date, iso string }{
		{"spa", "1º de marzo de 2031", "2031-03-01"},
		{"spa", "1.º de marzo de 2031", "2031-03-01"},
		{"spa", "1.er de marzo de 2031", "2031-03-01"},
		{"spa", "1°\u00a0de\u00a0marzo\u202fde 2031", "2031-03-01"},
		{"fra", "1er mars 2031", "2031-03-01"},
		{"fra", "1ᵉʳ\u00a0mars\u202f2031", "2031-03-01"},
		{"fra", "31 mars 2031", "2031-03-31"},
	}
	for _, tt := range tests {
		s, err := Load(Options{Language: tt.lang, Body: "ga", Layout: "ods"})
		if err != nil {
			t.Fatal(err)
		}
		if got, ok := s.Date(tt.date); !ok || got != tt.iso {
			t.Errorf("%s Date(%q) = %q, %v; want %q", tt.lang, tt.date, got, ok, tt.iso)
		}
	}
}
