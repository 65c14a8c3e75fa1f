package detect

import "testing"

// TestHeaderNoBreakSpaces: the header lines of Spanish and French
// resolutions keep the no-break (U+00A0) and narrow no-break (U+202F)
// spaces of the Word file between any two words; the adoption, committee
// and number lines are read all the same.
func TestHeaderNoBreakSpaces(t *testing.T) {
	tests := []struct {
		name, lang, text, date, key, report string
	}{
		{"spa nbsp", "spa", "Resolución aprobada por la\u00a0Asamblea\u00a0General el 3\u00a0de\u00a0mayo de 2031\n[sobre la base del informe de la Tercera\u00a0Comisión (A/86/401, párr.\u00a012)]\n86/12.\tUn título\n\tLa\u00a0Asamblea General,\n\tRecordando su resolución,\n", "2031-05-03", "thirdCommittee", "A/86/401, párr.\u00a012"},
		{"spa narrow", "spa", "Resolución aprobada por la Asamblea General el\u202f1º de julio de 2031\n[sin remisión previa a una Comisión\u202fPrincipal (A/86/L.7)]\n86/13.\tOtro título\n\tLa Asamblea General,\n\tRecordando su resolución,\n", "2031-07-01", "plenary", "A/86/L.7"},
		{"fra nbsp", "fra", "Résolution adoptée par l’Assemblée\u00a0générale le\u00a01er\u00a0juin\u00a02031\n[sur la base du rapport de la Deuxième\u00a0Commission (A/86/402)]\n86/14.\tUn titre\n\tL’Assemblée\u00a0générale,\n\tRappelant sa résolution,\n", "2031-06-01", "secondCommittee", "A/86/402"},
		{"fra narrow", "fra", "Résolution adoptée par l’Assemblée générale le 9\u202fjuin 2031\n[sans renvoi à une grande\u202fcommission (A/86/L.9)]\n86/15.\tUn titre\n\tL’Assemblée générale,\n\tRappelant sa résolution,\n", "2031-06-09", "plenary", "A/86/L.9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := buildWith(t, tt.lang, "ga", tt.text)
			m := d.Meta
			if m.AdoptionDate != tt.date {
				t.Errorf("adoption date = %q, want %q", m.AdoptionDate, tt.date)
			}
			if m.Number == "" || m.Title.Plain() == "" {
				t.Errorf("number %q title %q", m.Number, m.Title.Plain())
			}
			if m.Committee.Key != tt.key {
				t.Errorf("committee key = %q, want %q", m.Committee.Key, tt.key)
			}
			if m.Committee.Report != tt.report {
				t.Errorf("report = %q, want %q", m.Committee.Report, tt.report)
			}
			if d.Body.Formula == nil || len(d.Body.Preamble) != 1 {
				t.Errorf("body = %+v", d.Body)
			}
		})
	}
}

// TestPreambleNamesEsFr: the opening phrases of Spanish and French
// preambular paragraphs, with no-break spaces inside them, lengthened by
// the words the UN sets in italics with them, or an adverb with a
// participle that the phrase list does not know; a long paragraph that
// lost its closing comma is still a paragraph, not a heading.
func TestPreambleNamesEsFr(t *testing.T) {
	tests := []struct{ name, lang, para, phrase string }{
		{"spa renovada", "spa", "Observando con renovada preocupación la situación,", "Observando con renovada preocupación"},
		{"spa adverb participle", "spa", "Hondamente conmovida por los acontecimientos,", "Hondamente conmovida"},
		{"spa nbsp", "spa", "Tomando\u00a0nota del informe,", "Tomando\u00a0nota"},
		{"spa no comma", "spa", "Recordando además el párrafo 12 del documento final de la conferencia celebrada en una ciudad lejana", "Recordando además"},
		{"fra nbsp", "fra", "Se\u00a0félicitant à ce propos des progrès accomplis,", "Se\u00a0félicitant à ce propos"},
		{"fra se déclarant", "fra", "Se déclarant très préoccupée par la situation,", "Se déclarant très préoccupée"},
		{"fra ayant présentes", "fra", "Ayant présentes à l’esprit les conclusions,", "Ayant présentes à l’esprit"},
		{"fra impatience", "fra", "Attendant avec impatience la prochaine réunion,", "Attendant avec impatience"},
		{"fra adverb participle", "fra", "Sincèrement émue par les événements,", "Sincèrement émue"},
		{"fra no comma", "fra", "Rappelant également le paragraphe 12 du document final de la conférence tenue dans une ville lointaine", "Rappelant également"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			formula := map[string]string{"spa": "La Asamblea General,", "fra": "L’Assemblée générale,"}[tt.lang]
			d := buildWith(t, tt.lang, "ga", "86/1.\tTítulo\n\t"+formula+"\n\t"+tt.para+"\n\t"+tt.para+"\n\t1.\tDecide;\n")
			if len(d.Body.Preamble) != 2 {
				t.Fatalf("preamble = %d paragraphs, want 2", len(d.Body.Preamble))
			}
			if p := d.Body.Preamble[0].Phrase; p != tt.phrase {
				t.Errorf("phrase = %q, want %q", p, tt.phrase)
			}
		})
	}
}

// TestSecurityCouncilPhrasesEsFr: the Security Council sets in italics a
// verb with only the words it cannot do without; what the General
// Assembly adds to it ("su compromiso", "sa volonté") stays out.
func TestSecurityCouncilPhrasesEsFr(t *testing.T) {
	tests := []struct{ name, lang, para, phrase string }{
		{"spa possessive", "spa", "Reafirmando su compromiso con la soberanía del país,", "Reafirmando"},
		{"spa fixed", "spa", "Habiendo determinado que la situación constituye una amenaza,", "Habiendo determinado"},
		{"spa extension", "spa", "Acogiendo con beneplácito además los esfuerzos,", "Acogiendo con beneplácito además"},
		{"fra possessive", "fra", "Réaffirmant sa volonté de coopérer,", "Réaffirmant"},
		{"fra fixed", "fra", "Rendant hommage au personnel de la mission,", "Rendant hommage"},
		{"fra no avec", "fra", "Notant avec satisfaction les progrès,", "Notant"},
		{"fra également", "fra", "Soulignant également la nécessité,", "Soulignant également"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			formula := map[string]string{"spa": "El Consejo de Seguridad,", "fra": "Le Conseil de sécurité,"}[tt.lang]
			d := buildWith(t, tt.lang, "sc", "\t"+formula+"\n\t"+tt.para+"\n\t1.\tDecide;\n")
			if len(d.Body.Preamble) != 1 {
				t.Fatalf("preamble = %d paragraphs, want 1", len(d.Body.Preamble))
			}
			if p := d.Body.Preamble[0].Phrase; p != tt.phrase {
				t.Errorf("phrase = %q, want %q", p, tt.phrase)
			}
		})
	}
}

// TestMeetingLineEsFr: the closing meeting line with its ordinal in
// figures or, in emergency special sessions, in words.
func TestMeetingLineEsFr(t *testing.T) {
	tests := []struct{ name, lang, formula, line, date, iso string }{
		{"spa figures", "spa", "La Asamblea General,", "57a sesión plenaria", "3 de mayo de 2031", "2031-05-03"},
		{"spa words", "spa", "La Asamblea General,", "Vigésima\u00a0tercera sesión plenaria", "3 de mayo de 2031", "2031-05-03"},
		{"fra figures", "fra", "L’Assemblée générale,", "57e séance plénière", "3 mai 2031", "2031-05-03"},
		{"fra words", "fra", "L’Assemblée générale,", "Vingt‑troisième séance plénière", "3 mai 2031", "2031-05-03"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := buildWith(t, tt.lang, "ga", "86/1.\tTítulo\n\t"+tt.formula+"\n\t1.\tDecide;\n\n"+tt.line+"\n"+tt.date)
			mt := d.Body.Meeting
			if mt == nil || mt.Text != tt.line || mt.Date != tt.iso {
				t.Errorf("meeting = %+v", mt)
			}
		})
	}
}

// TestNotesNotInPercent: in French and Spanish a decimal comma number
// before a spaced percent sign ("16,2 %") holds no footnote number; the
// note is found where it is glued to a word.
func TestNotesNotInPercent(t *testing.T) {
	tests := []struct{ name, lang, para, want string }{
		{"spa space", "spa", "Observando que el 16,2 % de los niños no asisten a la escuela2,", "Observando que el 16,2 % de los niños no asisten a la escuela[2],"},
		{"fra nbsp", "fra", "Notant que 41,2\u00a0% des enfants ne sont pas scolarisés2,", "Notant que 41,2\u00a0% des enfants ne sont pas scolarisés[2],"},
		{"fra year", "fra", "Rappelant le rapport de 2005,2 qui porte sur 3 % des cas,", "Rappelant le rapport de 2005,[2] qui porte sur 3 % des cas,"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			formula := map[string]string{"spa": "La Asamblea General,", "fra": "L’Assemblée générale,"}[tt.lang]
			d := buildWith(t, tt.lang, "ga", "86/1.\tTítulo\n\t"+formula+"\n\tRecordando su resolución,1\n\t"+tt.para+"\n", "Uno.", "Dos.")
			b := marked(d.Body.Preamble[1].Text)
			if b != tt.want {
				t.Errorf("got  %s\nwant %s", b, tt.want)
			}
		})
	}
}

// TestNotesAfterSymbols: a footnote number glued to the end of a symbol
// is found: after a no-break space ("resolución\u00a086/374"), in a
// financial period ("2030/314") and in a decision of a treaty body
// ("4/COP.162") or after a session in roman numerals ("XIV/124").
func TestNotesAfterSymbols(t *testing.T) {
	tests := []struct{ name, para, want string }{
		{"nbsp", "Recordando su resolución\u00a086/374 sobre la cuestión,", "Recordando su resolución\u00a086/37[4] sobre la cuestión,"},
		{"period", "Recordando el informe correspondiente a 2030/314 sobre la cuestión,", "Recordando el informe correspondiente a 2030/31[4] sobre la cuestión,"},
		{"decision", "Recordando la decisión 4/COP.164 de la Conferencia,", "Recordando la decisión 4/COP.16[4] de la Conferencia,"},
		{"roman session", "Recordando la decisión XIV/124 de la Conferencia,", "Recordando la decisión XIV/12[4] de la Conferencia,"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := buildWith(t, "spa", "ga", "86/1.\tTítulo\n\tLa Asamblea General,\n\tRecordando su resolución,1 sus decisiones,2 y su informe,3\n\t"+tt.para+"\n", "Uno.", "Dos.", "Tres.", "Cuatro.")
			b := marked(d.Body.Preamble[1].Text)
			if b != tt.want {
				t.Errorf("got  %s\nwant %s", b, tt.want)
			}
		})
	}
}

// TestLongPhrasesEsFr: the General Assembly sets in italics a verb with
// the possessive and the attitude it expresses, not with a document; the
// Security Council sets the verb alone.
func TestLongPhrasesEsFr(t *testing.T) {
	tests := []struct{ name, lang, body, para, phrase string }{
		{"spa attitude", "spa", "ga", "Expresando su sincera gratitud también a los Estados,", "Expresando su sincera gratitud también"},
		{"spa document", "spa", "ga", "Reafirmando su resolución 80/1,", "Reafirmando"},
		{"spa sc", "spa", "sc", "Expresando su sincera gratitud a los Estados,", "Expresando"},
		{"fra attitude", "fra", "ga", "Réaffirmant son profond attachement au multilatéralisme,", "Réaffirmant son profond attachement"},
		{"fra document", "fra", "ga", "Réaffirmant sa résolution 80/1,", "Réaffirmant"},
		{"fra sc", "fra", "sc", "Réaffirmant son attachement à la souveraineté,", "Réaffirmant"},
		{"fra superlative", "fra", "ga", "Exprimant les plus vives préoccupations quant aux effets de la crise,", "Exprimant les plus vives préoccupations"},
		{"fra endorsement", "fra", "ga", "Faisant également siennes les conclusions du comité,", "Faisant également siennes"},
		{"fra infinitive", "fra", "ga", "Déclarant à nouveau craindre que les mesures prises,", "Déclarant à nouveau craindre"},
		{"fra attention", "fra", "ga", "Appelant en outre l’attention sur la situation des régions côtières,", "Appelant en outre l’attention"},
		{"fra regain", "fra", "ga", "Constatant avec un regain d’inquiétude que les pertes augmentent,", "Constatant avec un regain d’inquiétude"},
		{"spa superlative", "spa", "ga", "Expresando la más profunda gratitud a los Estados,", "Expresando la más profunda gratitud"},
		{"spa endorsement", "spa", "ga", "Reiterando que hace suyas las conclusiones del comité,", "Reiterando que hace suyas"},
		{"fra sc inquiet", "fra", "sc", "Se déclarant profondément inquiet des combats,", "Se déclarant profondément inquiet"},
		{"spa sc en particular", "spa", "sc", "Recordando en particular su resolución 3001 (2031),", "Recordando"},
		{"spa en particular", "spa", "ga", "Observando en particular la labor del comité,", "Observando en particular"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			formula := map[string]string{"spaga": "La Asamblea General,", "fraga": "L’Assemblée générale,", "spasc": "El Consejo de Seguridad,", "frasc": "Le Conseil de sécurité,"}[tt.lang+tt.body]
			d := buildWith(t, tt.lang, tt.body, "\t"+formula+"\n\t"+tt.para+"\n\t1.\tDecide;\n")
			if len(d.Body.Preamble) != 1 {
				t.Fatalf("preamble = %d paragraphs, want 1", len(d.Body.Preamble))
			}
			if p := d.Body.Preamble[0].Phrase; p != tt.phrase {
				t.Errorf("phrase = %q, want %q", p, tt.phrase)
			}
		})
	}
}

// TestSecurityCouncilAdoptionEsFr: the forms of the adoption line of a
// Security Council resolution, with or without a meeting, with
// "celebrada"/"tenue", no-break spaces and the first of a month.
func TestSecurityCouncilAdoptionEsFr(t *testing.T) {
	tests := []struct{ name, lang, text, meeting, iso string }{
		{"spa meeting", "spa", "Resolución 3001 (2031)\nAprobada por el Consejo de Seguridad en su 9901a sesión, celebrada el 1º de marzo de 2031\n\tEl Consejo de Seguridad,\n\t1.\tDecide;\n", "9901a sesión", "2031-03-01"},
		{"spa nbsp", "spa", "Resolución\u00a03002 (2031)\nAprobada por el Consejo de\u00a0Seguridad en su 9902ª\u00a0sesión, celebrada el 2\u00a0de\u00a0marzo de 2031\n\tEl Consejo de Seguridad,\n\t1.\tDecide;\n", "9902ª\u00a0sesión", "2031-03-02"},
		{"spa written", "spa", "Resolución 3003 (2031)\nAprobada por el Consejo de Seguridad el 3 de marzo de 2031\n\tEl Consejo de Seguridad,\n\t1.\tDecide;\n", "", "2031-03-03"},
		{"fra meeting", "fra", "Résolution 3001 (2031)\nAdoptée par le Conseil de sécurité à sa 9901e séance, le 1er mars 2031\n\tLe Conseil de sécurité,\n\t1.\tDécide;\n", "9901e séance", "2031-03-01"},
		{"fra tenue", "fra", "Résolution 3002 (2031)\nAdoptée par le Conseil de sécurité à sa 9902e\u00a0séance, tenue le 2\u00a0mars\u00a02031\n\tLe Conseil de sécurité,\n\t1.\tDécide;\n", "9902e\u00a0séance", "2031-03-02"},
		{"fra written", "fra", "Résolution 3003 (2031)\nAdoptée par le Conseil de sécurité le 3\u202fmars 2031\n\tLe Conseil de sécurité,\n\t1.\tDécide;\n", "", "2031-03-03"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := buildWith(t, tt.lang, "sc", tt.text)
			if d.Meta.AdoptionDate != tt.iso || d.Meta.ResolutionLine == "" {
				t.Errorf("meta = %+v", d.Meta)
			}
			if mt := d.Body.Meeting; mt == nil || mt.Text != tt.meeting || mt.Date != tt.iso {
				t.Errorf("meeting = %+v", mt)
			}
		})
	}
}

// TestPartNumberLine: a part of a resolution adopted on its own carries
// its letter in the number line, "86/12 B.", in every language.
func TestPartNumberLine(t *testing.T) {
	tests := []struct{ lang, text, number, title string }{
		{"spa", "Resolución aprobada por la Asamblea General el 3 de mayo de 2031\n86/12 B.\tUn título\n\tLa Asamblea General,\n\t1.\tDecide;\n", "86/12 B.", "Un título"},
		{"fra", "Résolution adoptée par l’Assemblée générale le 3 mai 2031\n86/12\u00a0B.\tUn titre\n\tL’Assemblée générale,\n\t1.\tDécide;\n", "86/12\u00a0B.", "Un titre"},
	}
	for _, tt := range tests {
		d := buildWith(t, tt.lang, "ga", tt.text)
		if d.Meta.Number != tt.number || d.Meta.Title.Plain() != tt.title {
			t.Errorf("%s: number %q title %q", tt.lang, d.Meta.Number, d.Meta.Title.Plain())
		}
	}
}
