package detect

import "testing"

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
