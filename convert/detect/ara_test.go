package detect

import (
	"strings"
	"testing"

	"github.com/resconv/resconv/rules"
)

// TestArabicPhrases pins the classes of Arabic opening phrases: the
// feminine verbs of the General Assembly and the masculine ones of the
// Security Council, the idiom a verb is named with, the object of a
// feeling or stance that the Assembly names whole and the Council leaves
// out, the manner "مع" + a feeling, "وقد" + verb, a verbal noun + "منها".
func TestArabicPhrases(t *testing.T) {
	tests := []struct {
		body, para, phrase string
	}{
		// General Assembly: the object named whole
		{"ga", "وإذ تعرب عن امتنانها للدول الأعضاء،", "وإذ تعرب عن امتنانها"},
		{"ga", "وإذ تعرب أيضا عن ارتياحها لما تحقق،", "وإذ تعرب أيضا عن ارتياحها"},
		{"ga", "وإذ تعرب عن أشد القلق إزاء الحالة،", "وإذ تعرب عن أشد القلق"},
		{"ga", "وإذ تعرب عن تأييدها القوي أيضا للجهود،", "وإذ تعرب عن تأييدها القوي أيضا"},
		{"ga", "وإذ تكرر الإعراب عن تقديرها للأمين العام،", "وإذ تكرر الإعراب عن تقديرها"},
		{"ga", "وإذ تكرر تأكيد اقتناعها بأن السلام ممكن،", "وإذ تكرر تأكيد اقتناعها"},
		{"ga", "وإذ تؤكد مجددا تصميمها على المضي،", "وإذ تؤكد مجددا تصميمها"},
		{"ga", "وإذ يساورها قلق بالغ إزاء التقارير،", "وإذ يساورها قلق بالغ"},
		{"ga", "وإذ تثير جزعها الهجمات المتكررة،", "وإذ تثير جزعها"},
		{"ga", "وإذ يساورها القلق بوجه خاص إزاء الحالة،", "وإذ يساورها القلق بوجه خاص"},
		{"ga", "وإذ تلاحظ بوجه خاص أهمية التعاون،", "وإذ تلاحظ بوجه خاص"},
		{"ga", "وإذ تشير على وجه الخصوص إلى قرارها،", "وإذ تشير على وجه الخصوص"},
		{"ga", "وإذ يساورها قلق بالغ بصفة خاصة إزاء الحالة،", "وإذ يساورها قلق بالغ"},
		// the idiom of a verb the list does not know in this form
		{"ga", "إذ تحيط علما بالتقرير،", "إذ تحيط علما"},
		{"ga", "وإذ تُحيط علما بالمذكرة،", "وإذ تُحيط علما"},
		{"ga", "وإذ تقرّ بأهمية التعاون،", "وإذ تقرّ"},
		{"ga", "وإذ تقرّ أيضا بأهمية التعاون،", "وإذ تقرّ أيضا"},
		// manner and adjective after a known phrase
		{"ga", "وإذ تسلم مع الارتياح بالتقدم،", "وإذ تسلم مع الارتياح"},
		{"ga", "وإذ تحيط علما مع القلق بالتقرير،", "وإذ تحيط علما مع القلق"},
		{"ga", "وإذ تلاحظ مع القلق المتجدد استمرار الحالة،", "وإذ تلاحظ مع القلق المتجدد"},
		{"ga", "وإذ تعمل مع الدول الأعضاء،", "وإذ تعمل"},
		{"ga", "وإذ تلاحظ مع التقدير أيضا الجهود،", "وإذ تلاحظ مع التقدير أيضا"},
		{"ga", "وإذ تلاحظ مرة أخرى مع التقدير الجهود،", "وإذ تلاحظ مرة أخرى"},
		// "وقد" + verb, a verbal noun + "منها"
		{"ga", "وقد تلقت الرسالة المؤرخة،", "وقد تلقت"},
		{"ga", "وإذ هي عازمة عزما أكيدا على المضي،", "وإذ هي عازمة عزما أكيدا"},
		{"ga", "وإذ هي مقتنعة بأن التعاون ضروري،", "وإذ هي مقتنعة"},
		{"ga", "وإذ هي على علم بالتحديات،", "وإذ هي على علم"},
		{"ga", "ووعيا منها بأهمية التعاون،", "ووعيا منها"},
		{"ga", "وإدراكاً منها للتحديات،", "وإدراكاً منها"},
		// Security Council: masculine, named by verb and idiom only
		{"sc", "وإذ يؤكد من جديد التزامه القوي بسيادة البلد،", "وإذ يؤكد من جديد"},
		{"sc", "وإذ يعيد تأكيد دعمه للعملية،", "وإذ يعيد تأكيد"},
		{"sc", "وإذ يعرب عن بالغ القلق إزاء الحالة،", "وإذ يعرب"},
		{"sc", "وإذ يعرب كذلك عن قلقه العميق،", "وإذ يعرب كذلك"},
		{"sc", "وإذ يحيط علما بالتقرير،", "وإذ يحيط علما"},
		{"sc", "وإذ يضع في اعتباره المسؤولية الرئيسية،", "وإذ يضع في اعتباره"},
		{"sc", "وإذ يدين بقوة جميع الهجمات،", "وإذ يدين بقوة"},
		{"sc", "ويؤكد من جديد ما قرره،", "ويؤكد من جديد"},
		{"sc", "وقد نظر في التقرير،", "وقد نظر"},
	}
	for _, tt := range tests {
		t.Run(tt.phrase, func(t *testing.T) {
			formula := "\tإن الجمعية العامة،\n"
			if tt.body == "sc" {
				formula = "\tإن مجلس الأمن،\n"
			}
			d := buildWith(t, "ara", tt.body, formula+"\tإذ يشير إلى قراراته،\n\t"+tt.para+"\n\t1 -\tيقرر ما يلي؛\n")
			if len(d.Body.Preamble) != 2 {
				t.Fatalf("preamble = %d blocks, want 2", len(d.Body.Preamble))
			}
			if p := d.Body.Preamble[1].Phrase; p != tt.phrase {
				t.Errorf("phrase = %q, want %q", p, tt.phrase)
			}
		})
	}
}

// TestArabicSecurityCouncilHeader pins the Council's header lines in
// Arabic: the resolution line and the adoption line, with the meeting or,
// adopted without one, the date alone.
func TestArabicSecurityCouncilHeader(t *testing.T) {
	tests := []struct {
		adoption, meeting, date string
	}{
		{"الذي اتخذه مجلس الأمن في جلسته 9100، المعقودة في 3 آذار/مارس 2022", "جلسته 9100", "2022-03-03"},
		{"الذي اتخذه مجلس الأمن في جلسته 9101 المعقودة في 4 تشرين الأول/أكتوبر 2022", "جلسته 9101", "2022-10-04"},
		{"الذي اتخذه مجلس الأمن في 7 حزيران/يونيه 2021", "", "2021-06-07"},
	}
	for _, tt := range tests {
		t.Run(tt.date, func(t *testing.T) {
			d := buildWith(t, "ara", "sc", "القرار 2600 (2021)\n"+tt.adoption+"\n\tإن مجلس الأمن،\n\tإذ يشير إلى قراراته،\n\t1 -\tيقرر ما يلي؛\n")
			if d.Meta.ResolutionLine != "القرار 2600 (2021)" || d.Meta.AdoptionDate != tt.date {
				t.Errorf("meta = %+v", d.Meta)
			}
			if mt := d.Body.Meeting; mt == nil || mt.Text != tt.meeting || mt.Date != tt.date {
				t.Errorf("meeting = %+v", mt)
			}
		})
	}
}

// TestTrailingFormatMarks pins that a right-to-left mark (or another
// invisible format character) after the closing comma does not hide it:
// the paragraph stays preambular.
func TestTrailingFormatMarks(t *testing.T) {
	for _, mark := range []string{"\u200f", "\u061c", "\u200e ", " \u200f"} {
		d := buildWith(t, "ara", "sc", "\tإن مجلس الأمن،\n\tإذ يشير إلى قراراته،\n\tوإذ يتصرف بموجب الفصل السابع من الميثاق،"+mark+"\n\t1 -\tيقرر ما يلي؛\n")
		if n := len(d.Body.Preamble); n != 2 {
			t.Errorf("%q: preamble = %d blocks, want 2", mark, n)
		}
		if !endsWithComma("نص،"+mark) || !strings.HasSuffix(trimEnd("نص،"+mark), "،") {
			t.Errorf("%q: comma not seen", mark)
		}
	}
}

// TestArabicDocNumber pins the Arabic forms of the resolution number: an
// emergency special session's number with its Arabic prefix and a part
// named by its letter name, and the emergency special session's ordinal.
func TestArabicDocNumber(t *testing.T) {
	tests := []struct{ line, num, title string }{
		{"دإط-11/7\tعنوان القرار", "دإط-11/7", "عنوان القرار"},
		{"79/12 ألف\tعنوان القرار", "79/12 ألف", "عنوان القرار"},
		{"79/12\t- عنوان القرار", "79/12", "عنوان القرار"},
		{"دإط-11/8 .\tعنوان القرار", "دإط-11/8 .", "عنوان القرار"},
	}
	for _, tt := range tests {
		t.Run(tt.num, func(t *testing.T) {
			d := buildWith(t, "ara", "ga", "قرار اتخذته الجمعية العامة في 2 آذار/مارس 2022\n"+tt.line+"\n\tإن الجمعية العامة،\n\tإذ تشير إلى قرارها،\n\t1 -\tتقرر ما يلي؛\n")
			if d.Meta.Number != tt.num || !strings.Contains(d.Meta.Title.Plain(), tt.title) {
				t.Errorf("number %q, title %q", d.Meta.Number, d.Meta.Title.Plain())
			}
		})
	}
}

// TestArabicDashItems pins the dash items of Arabic texts, written with a
// hyphen or an en dash, as sub-items of their paragraph.
func TestArabicDashItems(t *testing.T) {
	for _, dash := range []string{"-", "–", "•"} {
		d := buildWith(t, "ara", "sc", "\tإن مجلس الأمن،\n\tإذ يشير إلى قراراته،\n\t1 -\tيحث الأطراف على ما يلي:\n\t"+dash+"\tوقف الأعمال القتالية؛\n\t"+dash+"\tحماية المدنيين؛\n\t2 -\tيقرر أن يبقي المسألة قيد نظره.\n")
		op := d.Body.Operative
		if len(op) != 2 || len(op[0].Points) != 2 || op[0].Points[0].Num != dash {
			t.Errorf("%q: operative = %+v", dash, op)
		}
	}
}

// TestArabicDecimalComma pins that the decimals of a number written with
// a comma ("16,2") are not taken for a footnote number: the bracketed
// marker later in the text is the reference.
func TestArabicDecimalComma(t *testing.T) {
	d := buildWith(t, "ara", "ga", "\tإن الجمعية العامة،\n\tإذ تشير إلى قرارها(1)،\n"+
		"\t1 -\tتلاحظ أن 16,2 في المائة من الأطفال لم يلتحقوا بالمدارس؛\n\t2 -\tترحب بدعوة الأطراف(2) إلى التعجيل بالعمل؛\n",
		"القرار 70/1.", "اتفاق باريس.")
	op := d.Body.Operative
	if len(op) != 2 {
		t.Fatalf("operative = %+v", op)
	}
	for i, b := range op {
		notes := 0
		for _, in := range b.Text {
			if in.Note != nil {
				notes++
			}
		}
		if want := i; notes != want {
			t.Errorf("paragraph %s: %d references, want %d (%q)", b.Num, notes, want, b.Text.Plain())
		}
	}
	rs, err := rules.Load(rules.Options{Language: "ara", Body: "ga", Layout: "ods"})
	if err != nil {
		t.Fatal(err)
	}
	re := rs.Rule("ara.notes-not-after").Regexp()
	for in, want := range map[string]bool{"فإن 16,": true, "16,": true, "في عام 2005,": false, "نص،": false, "1234,": false} {
		if got := re.MatchString(in); got != want {
			t.Errorf("ara.notes-not-after on %q = %v, want %v", in, got, want)
		}
	}
}

// TestArabicRomanItems pins that the "’1‘" items of an Arabic paragraph
// are listed beside its letter items, as the UN's Arabic files do.
func TestArabicRomanItems(t *testing.T) {
	d := buildWith(t, "ara", "ga", "\tإن الجمعية العامة،\n\tإذ تشير إلى قرارها،\n"+
		"\t1 -\tتقرر ما يلي:\n\t(أ)\tأن تنشئ فريقا؛\n\t(ب)\tأن تكلف الفريق بما يلي:\n\t’1‘\tإعداد تقرير؛\n\t’2‘\tتقديم توصيات؛\n\t(ج)\tأن تبقي المسألة قيد نظرها.\n")
	var nums []string
	for _, p := range d.Body.Operative[0].Points {
		nums = append(nums, p.Num)
		if len(p.Points) != 0 {
			t.Errorf("%s holds %d items", p.Num, len(p.Points))
		}
	}
	if got := strings.Join(nums, " "); got != "(أ) (ب) ’1‘ ’2‘ (ج)" {
		t.Errorf("points = %s", got)
	}
}
