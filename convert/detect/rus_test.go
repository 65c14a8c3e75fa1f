package detect

import (
	"testing"

	"github.com/resconv/resconv/convert/document"
)

// TestRussianMeetingAndAdoption: the Russian meeting and adoption lines in
// their typographic variants: the hyphen of "45-е" / "8722-м" as U+002D,
// U+2010, U+2011 (the most frequent in the exports) or U+2013, a Latin "e",
// a resumed meeting, and the Security Council's "принятая Советом
// Безопасности" line with or without its meeting.
func TestRussianMeetingAndAdoption(t *testing.T) {
	const ga = "Резолюция, принятая Генеральной Ассамблеей 3 марта 2031 года\n81/5.\tНазвание\n\tГенеральная Ассамблея,\n\tотмечая доклад,\n\t1.\tпостановляет продолжить работу.\n"
	for _, tt := range []struct {
		name, body, text, meeting, date string
	}{
		{"ga hyphen-minus", "ga", ga + "12-е пленарное заседание\n3 марта 2031 года\n", "12-е пленарное заседание", "2031-03-03"},
		{"ga U+2010", "ga", ga + "12\u2010е пленарное заседание\n3 марта 2031 года\n", "12\u2010е пленарное заседание", "2031-03-03"},
		{"ga U+2011", "ga", ga + "12\u2011е пленарное заседание\n3 марта 2031 года\n", "12\u2011е пленарное заседание", "2031-03-03"},
		{"ga U+2013, resumed", "ga", ga + "7\u2013е (возобновленное) пленарное заседание\n3 марта 2031 года\n", "7\u2013е (возобновленное) пленарное заседание", "2031-03-03"},
		{"ga Latin e, comma", "ga", ga + "12-e пленарное заседание,\n3 марта 2031 года\n", "12-e пленарное заседание", "2031-03-03"},
		{"sc meeting U+2011", "sc", "Резолюция 3001 (2031),\nпринятая Советом Безопасности на его 9990\u2011м заседании 4 апреля 2031 года\n\tСовет Безопасности,\n\tссылаясь на свои резолюции,\n\t1.\tпостановляет продлить мандат;\n", "9990\u2011м заседании", "2031-04-04"},
		{"sc no meeting", "sc", "Резолюция 3002 (2031),\nпринятая Советом Безопасности 5 апреля 2031 года\n\tСовет Безопасности,\n\tссылаясь на свои резолюции,\n\t1.\tпостановляет продлить мандат;\n", "", "2031-04-05"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := buildWith(t, "rus", tt.body, tt.text)
			mt := d.Body.Meeting
			if mt == nil || mt.Text != tt.meeting {
				t.Errorf("meeting = %+v, want %q", mt, tt.meeting)
			}
			if d.Meta.AdoptionDate != tt.date {
				t.Errorf("adoption date = %q, want %q", d.Meta.AdoptionDate, tt.date)
			}
			if d.Body.Formula == nil || len(d.Body.Preamble) != 1 || len(d.Body.Operative) != 1 {
				t.Errorf("body = %+v", d.Body)
			}
		})
	}
}

// TestRussianPhrases: the names of Russian preambular paragraphs the
// phrase list does not give whole: a Latin "c" for the preposition "с",
// an instrumental in -ом, an adverbial "должным образом", an adverb in -о
// before the participle, "принимая к сведению" after adverbs, "выражая"
// with its feeling (not in the Security Council), and idioms with their
// object; ", в частности," is not part of the phrase.
func TestRussianPhrases(t *testing.T) {
	for _, tt := range []struct {
		body, para, want string
	}{
		{"ga", "c удовлетворением принимая к сведению доклад,", "c удовлетворением принимая к сведению"},
		{"ga", "c признательностью отмечая также работу,", "c признательностью отмечая также"},
		{"ga", "с глубоким беспокойством отмечая рост,", "с глубоким беспокойством отмечая"},
		{"ga", "с обеспокоенностью принимая к сведению доклад,", "с обеспокоенностью принимая к сведению"},
		{"ga", "должным образом принимая к сведению доклад,", "должным образом принимая к сведению"},
		{"ga", "тщательно изучив доклад,", "тщательно изучив"},
		{"ga", "выражая глубочайшую признательность всем,", "выражая глубочайшую признательность"},
		{"ga", "вновь выражая обеспокоенность ростом,", "вновь выражая обеспокоенность"},
		{"ga", "испытывая серьезную озабоченность ростом,", "испытывая серьезную озабоченность"},
		{"ga", "выражая также удовлетворение ходом работы,", "выражая также удовлетворение"},
		{"ga", "выражая решительную поддержку также усилиям,", "выражая решительную поддержку также"},
		{"ga", "приветствуя, в частности, работу,", "приветствуя"}, // the majority of the UN's files
		{"ga", "приветствуя в этой связи работу,", "приветствуя"},  // "в этой связи" too
		{"ga", "отмечая в этой связи доклад,", "отмечая"},
		{"ga", "будучи серьезно обеспокоена, в частности, ростом,", "будучи серьезно обеспокоена"},
		{"ga", "имея в виду доклад,", "имея в виду"},
		{"ga", "привлекая также внимание к докладу,", "привлекая также внимание"},
		{"ga", "воздавая должное усилиям,", "воздавая должное"},
		{"sc", "выражая свою солидарность с народом,", "выражая"},
	} {
		t.Run(tt.para, func(t *testing.T) {
			text := "\tГенеральная Ассамблея,\n\t" + tt.para + "\n\t1.\tпостановляет продолжить работу.\n"
			if tt.body == "sc" {
				text = "\tСовет Безопасности,\n\t" + tt.para + "\n\t1.\tпостановляет продлить мандат;\n"
			}
			d := buildWith(t, "rus", tt.body, text)
			if len(d.Body.Preamble) != 1 {
				t.Fatalf("preamble = %+v", d.Body.Preamble)
			}
			if got := d.Body.Preamble[0].Phrase; got != tt.want {
				t.Errorf("phrase = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestUnpunctuatedParagraph: a preambular paragraph that has lost its
// final comma is still a paragraph when it opens with a known phrase and is
// longer than a heading; a short line without punctuation is a heading.
func TestUnpunctuatedParagraph(t *testing.T) {
	d := buildWith(t, "rus", "ga", "\tГенеральная Ассамблея,\n\tссылаясь на свои резолюции,\n"+
		"\tпринимая к сведению данные, опубликованные в докладе, которые свидетельствуют о росте торговли в регионе\n"+
		"\tотмечая доклад,\n\tОбщие положения\n\t1.\tпостановляет продолжить работу.\n")
	if n := len(d.Body.Preamble); n != 3 {
		t.Fatalf("preamble = %d blocks, want 3", n)
	}
	if b := d.Body.Preamble[1]; b.Kind != document.Preambular || b.Phrase != "принимая к сведению" {
		t.Errorf("unpunctuated paragraph = %+v", b)
	}
	if op := d.Body.Operative; len(op) != 2 || op[0].Kind != document.Heading {
		t.Errorf("operative = %+v (the short line is a heading)", op)
	}
}

// TestNoteAfterSymbolNBSP: a note glued to a resolution symbol that follows
// a no-break space ("резолюции\u00a076/149" + note 3) is found as after a
// plain space.
func TestNoteAfterSymbolNBSP(t *testing.T) {
	for _, sp := range []string{" ", "\u00a0", "\u202f"} {
		d := buildWith(t, "rus", "ga", "\tГенеральная Ассамблея,\n\tссылаясь на свою резолюцию"+sp+"81/4563;\n", "a", "b", "c")
		got := marked(d.Body.Preamble[0].Text)
		if want := "ссылаясь на свою резолюцию" + sp + "81/456[3];"; got != want {
			t.Errorf("got  %q\nwant %q", got, want)
		}
	}
}

// TestRussianDecimalComma: Russian writes "16,1 процента" with a decimal
// comma and its note numbers before punctuation: a digit after a digit and
// a comma is no note, one glued to a word is.
func TestRussianDecimalComma(t *testing.T) {
	d := buildWith(t, "rus", "ga", "\tГенеральная Ассамблея,\n\tотмечая, что доля выросла на 16,1 процента, как указано в докладе1,\n", "a")
	got := marked(d.Body.Preamble[0].Text)
	if want := "отмечая, что доля выросла на 16,1 процента, как указано в докладе[1],"; got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// TestDocnumWithoutTitle: a resolution number alone on its line, without
// a title (a few of the UN's files), is still the number.
func TestDocnumWithoutTitle(t *testing.T) {
	d := buildWith(t, "rus", "ga", "Резолюция, принятая Генеральной Ассамблеей 3 марта 2031 года\n81/12.\n\tГенеральная Ассамблея,\n\tотмечая доклад,\n\t1.\tпостановляет продолжить работу.\n")
	if d.Meta.Number != "81/12." || len(d.Meta.Title) != 0 {
		t.Errorf("number %q, title %q", d.Meta.Number, d.Meta.Title.Plain())
	}
	if d.Body.Formula == nil || len(d.Body.Preamble) != 1 {
		t.Errorf("body = %+v", d.Body)
	}
}

// TestDocnumWithPartLetter: the number of a resolution adopted as one part
// keeps its letter, "81/15 B.", and the title follows it.
func TestDocnumWithPartLetter(t *testing.T) {
	for _, sp := range []string{" ", "\u00a0"} {
		d := buildWith(t, "rus", "ga", "Резолюция, принятая Генеральной Ассамблеей 3 марта 2031 года\n81/15"+sp+"B.\tНазвание части\n\tГенеральная Ассамблея,\n\tотмечая доклад,\n\t1.\tпостановляет продолжить работу.\n")
		if d.Meta.Number != "81/15"+sp+"B." || d.Meta.Title.Plain() != "Название части" {
			t.Errorf("number %q, title %q", d.Meta.Number, d.Meta.Title.Plain())
		}
	}
}

// TestNoteAfterSymbolAbbrev: a note glued to the number of a symbol whose
// part after the slash is an abbreviation ("решении 3/COP.14" + note 2) is
// found, also with Cyrillic look-alike letters and no stop ("7/СОР16" +
// note 1); a section number "3.1" after a word is none.
func TestNoteAfterSymbolAbbrev(t *testing.T) {
	d := buildWith(t, "rus", "ga", "\tГенеральная Ассамблея,\n\tнапоминая, что в пункте 3.1 доклада1 и в своем решении 5/CMA.32 Конференция,\n", "a", "b")
	got := marked(d.Body.Preamble[0].Text)
	if want := "напоминая, что в пункте 3.1 доклада[1] и в своем решении 5/CMA.3[2] Конференция,"; got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	d = buildWith(t, "rus", "ga", "\tГенеральная Ассамблея,\n\tпринимая к сведению решение 7/СОР161 Конференции,\n", "a")
	if in := d.Body.Preamble[0].Text; len(in) < 2 || in[1].Note == nil || in[0].Text != "принимая к сведению решение 7/СОР16" {
		t.Errorf("Cyrillic letters, no stop: %+v", in)
	}
}

// TestNoteAfterSpace: a note number set after a space, before
// punctuation ("торговли 11;", also after a closing quote), is taken when nothing likelier is found;
// a number after a space is text when the note is glued elsewhere, and a
// number followed by a word is never a note.
func TestNoteAfterSpace(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"отмечая влияние на право торговли 1;", "отмечая влияние на право торговли [1];"},
		{"отмечая пункт 1; и доклад1;", "отмечая пункт 1; и доклад[1];"},
		{"отмечая 1 доклад;", "отмечая 1 доклад;"},
		{"отмечая «Повестку дня» 1;", "отмечая «Повестку дня» [1];"}, // after a closing quote
	} {
		d := buildWith(t, "rus", "ga", "\tГенеральная Ассамблея,\n\t"+tt.text+"\n", "a")
		got := marked(d.Body.Preamble[0].Text)
		if got != tt.want {
			t.Errorf("got  %q\nwant %q", got, tt.want)
		}
	}
}

// TestNoteAfterRomanSymbol: a note glued to a decision numbered by a
// roman session number ("решение VII/11" + note 2) is found.
func TestNoteAfterRomanSymbol(t *testing.T) {
	d := buildWith(t, "rus", "ga", "\tГенеральная Ассамблея,\n\tссылаясь на доклад1 и решение XII/42 Конференции,\n", "a", "b")
	got := marked(d.Body.Preamble[0].Text)
	if want := "ссылаясь на доклад[1] и решение XII/4[2] Конференции,"; got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
