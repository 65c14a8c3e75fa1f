package detect

import (
	"strings"
	"testing"

	"github.com/resconv/resconv/convert/document"
	"github.com/resconv/resconv/convert/normalise"
	"github.com/resconv/resconv/rules"
)

// TestPresidentialStatement: a statement by the President of the Security
// Council has a title (perhaps wrapped), an opening paragraph that gives
// the date (with the meeting, or without one when the statement was
// issued by written procedure) and paragraphs that open with no verb of
// their own. The symbol names the kind; without one, the title does.
func TestPresidentialStatement(t *testing.T) {
	const paras = "\t“The Security Council welcomes the agreement.\n\t“The Security Council decides to remain seized of the matter.”\n"
	tests := []struct {
		name, symbol, text, date string
	}{
		{"meeting", "S/PRST/2030/4",
			"Statement by the President of the Security Council\n\tAt the 9999th meeting of the Security Council, held on 3 May 2030, in connection with the Council’s consideration of the item entitled “Item”, the President of the Security Council made the following statement on behalf of the Council:\n",
			"2030-05-03"},
		{"wrapped title, written procedure", "S/PRST/2030/5",
			"Statement by the President of the \nSecurity Council\n\tOn 21 June 2030, in connection with the Council’s consideration of the item entitled “Item”, in accordance with the procedure set out in S/2030/1, the President of the Security Council issued the following statement on behalf of the Council:\n",
			"2030-06-21"},
		{"no symbol", "",
			"Statement by the President of the Security \nCouncil\n\tAt the 10001st meeting of the Security Council, held on 1 July 2030, in connection with the Council’s consideration of the item entitled “Item”, the President of the Security Council made the following statement on behalf of the Council:\n",
			"2030-07-01"},
	}
	rs, err := rules.Load(rules.Options{Language: "eng", Body: "sc", Layout: "ods"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := tt.text + paras
			if !LooksIn(TrimmedLines(text), rs) {
				t.Fatal("LooksIn: the statement is not recognised")
			}
			n := &normalise.Result{Meta: document.Meta{Symbol: tt.symbol}}
			for i, l := range strings.Split(text, "\n") {
				n.Lines = append(n.Lines, normalise.Line{No: i + 1, Text: l})
			}
			d := Document(n, rs)
			m := d.Meta
			if m.Kind != "presidentialStatement" || m.Title.Plain() != "Statement by the President of the Security Council" || m.AdoptionDate != tt.date {
				t.Errorf("meta: kind %q, title %q, date %q", m.Kind, m.Title.Plain(), m.AdoptionDate)
			}
			if d.Body.Formula != nil || len(d.Body.Preamble) > 0 {
				t.Errorf("a formula or preamble: %+v %+v", d.Body.Formula, d.Body.Preamble)
			}
			var got []string
			for _, b := range d.Body.Operative {
				got = append(got, b.Kind.String()+":"+b.Phrase)
			}
			if g := strings.Join(got, " "); g != "opening: operative: operative:" {
				t.Errorf("blocks = %s", g)
			}
		})
	}
}

// TestResolutionIsNoStatement: a resolution's kind stays empty, and a
// paragraph that merely reports a statement is not an opening.
func TestResolutionIsNoStatement(t *testing.T) {
	d := buildWith(t, "eng", "sc", "Resolution 2999 (2030)\nAdopted by the Security Council at its 9999th meeting, on 3 May 2030\n\tThe Security Council,\n\tRecalling the statement of its President of 1 May 2030 (S/PRST/2030/3),\n\t1.\tDecides to remain seized of the matter.\n")
	if d.Meta.Kind != "" {
		t.Errorf("kind = %q", d.Meta.Kind)
	}
	for _, b := range append(d.Body.Preamble, d.Body.Operative...) {
		if b.Kind == document.Opening {
			t.Errorf("an opening: %s", b.Text.Plain())
		}
	}
}
