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
