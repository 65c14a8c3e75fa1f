package convert_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/beevik/etree"

	"github.com/resconv/resconv/convert"
	"github.com/resconv/resconv/convert/decode"
	"github.com/resconv/resconv/internal/golden"
	"github.com/resconv/resconv/internal/sharedtest"
	"github.com/resconv/resconv/rules"
	"github.com/resconv/resconv/schema"
)

const (
	testdataDir = "../testdata"
	seedFile    = "A_RES_70_237.ods.txt"
	inputSuffix = ".ods.txt"
	pdfSuffix   = ".pdf.txt"
	aknSuffix   = ".akn.xml"
)

// goldenOptions are the options the golden files are written with.
var goldenOptions = convert.Options{Indent: "  "}

// xsdLoaders holds, by path, the official schema loaded once per test
// binary: compiling it takes a while and a *schema.XSD is safe for
// concurrent use.
var xsdLoaders sync.Map // string → func() (*schema.XSD, error)

// officialXSD returns the AKN 3.0 schema from the shared folder. The test
// is skipped if the shared folder is missing (and fails under CI=true).
func officialXSD(t testing.TB) *schema.XSD {
	t.Helper()
	path := sharedtest.SharedFile(t, "akn/akomantoso30.xsd")
	load, _ := xsdLoaders.LoadOrStore(path, sync.OnceValues(func() (*schema.XSD, error) {
		return schema.LoadXSD(path)
	}))
	x, err := load.(func() (*schema.XSD, error))()
	if err != nil {
		if errors.Is(err, schema.ErrUnavailable) && os.Getenv("CI") != "true" {
			t.Skip(err)
		}
		t.Fatal(err)
	}
	return x
}

// firstProblem is the first problem of a validation error, without the
// "(and N more)" of its Error.
func firstProblem(err error) string {
	var ve *schema.ValidationError
	if errors.As(err, &ve) && len(ve.Problems) > 0 {
		p := ve.Problems[0]
		s := p.String()
		if p.Path != "" && !strings.Contains(s, p.Path) {
			s += " (at " + p.Path + ")"
		}
		if n := len(ve.Problems); n > 1 {
			s += fmt.Sprintf(" [%d problems in all]", n)
		}
		return s
	}
	return err.Error()
}

func readSeed(t testing.TB) []byte {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(testdataDir, seedFile))
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// TestGolden converts every testdata/*.ods.txt and compares the AKN with
// testdata/*.akn.xml byte for byte (go test ./... -update rewrites them). Every
// golden file must be valid against the official AKN schema.
func TestGolden(t *testing.T) {
	inputs, err := filepath.Glob(filepath.Join(testdataDir, "*"+inputSuffix))
	if err != nil {
		t.Fatal(err)
	}
	pdfs, err := filepath.Glob(filepath.Join(testdataDir, "*"+pdfSuffix))
	if err != nil {
		t.Fatal(err)
	}
	inputs = append(inputs, pdfs...)
	if len(inputs) == 0 {
		t.Fatalf("no %s files in %s", inputSuffix, testdataDir)
	}
	for _, in := range inputs {
		// X.ods.txt has the golden X.akn.xml, X.pdf.txt has X.pdf.akn.xml
		name := strings.TrimSuffix(strings.TrimSuffix(filepath.Base(in), inputSuffix), ".txt")
		t.Run(name, func(t *testing.T) {
			goldenPath := filepath.Join(testdataDir, name+aknSuffix)
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			res, err := convert.Convert(src, goldenOptions)
			if err != nil {
				t.Fatalf("Convert: %v", err)
			}
			golden.Check(t, goldenPath, res.AKN)
			t.Run("xsd", func(t *testing.T) {
				if err := officialXSD(t).Validate(filepath.Base(goldenPath), res.AKN); err != nil {
					t.Errorf("golden file is not valid AKN: %s", firstProblem(err))
				}
			})
		})
	}
}

// TestDeterministic converts the seed twice: the bytes must be the same.
func TestDeterministic(t *testing.T) {
	src := readSeed(t)
	var outs [2][]byte
	for i := range outs {
		res, err := convert.Convert(bytes.Clone(src), goldenOptions)
		if err != nil {
			t.Fatalf("Convert: %v", err)
		}
		outs[i] = res.AKN
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Errorf("two conversions of the seed differ at %s", golden.Diff(outs[1], outs[0]))
	}
}

// TestErrors checks that inputs that are not a resolution give an error
// that says why, not a panic and not an empty document.
func TestErrors(t *testing.T) {
	seed := readSeed(t)
	// without its formula a resolution is still told by its committee
	// line: take both away
	noFormula := regexp.MustCompile(`(?m)^\s*(?:The General Assembly,|\[on the report of .*\])\s*\n`).ReplaceAll(seed, nil)
	if bytes.Equal(noFormula, seed) {
		t.Fatal("the seed has no formula line to remove")
	}
	const noLanguage = "could not detect the language: the text has no formula, committee line or statement opening of a known language"
	tests := []struct {
		name string
		src  []byte
		opts convert.Options
		is   error  // errors.Is target, if any
		msg  string // the error message must contain this
	}{
		{name: "empty", src: nil, msg: noLanguage},
		{name: "hello world", src: []byte("hello world\n"), msg: noLanguage},
		{name: "binary", src: []byte("PK\x03\x04\x00\x00\x08\x00resolution\x00\xff\xfe"), is: decode.ErrBinary, msg: "not a text file"},
		{name: "no formula or committee line", src: noFormula, msg: noLanguage},
		{name: "unknown language", src: seed, opts: convert.Options{Language: "xx"}, is: rules.ErrUnknown, msg: `"xx"`},
		{name: "prose in English", src: []byte("The General Assembly,\nis a body of the United Nations.\n"), opts: convert.Options{Language: "eng"},
			msg: "not a resolution in a known layout: no symbol or resolution number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var (
				res *convert.Result
				err error
			)
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("Convert panicked: %v\n%s", r, debug.Stack())
					}
				}()
				res, err = convert.Convert(tt.src, tt.opts)
			}()
			if err == nil {
				t.Fatalf("Convert succeeded (%d bytes of AKN), want an error", len(res.AKN))
			}
			if res != nil {
				t.Errorf("Convert returned a result with its error %q", err)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %q is not %v", err, tt.is)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q does not say %q", err, tt.msg)
			}
		})
	}
}

// TestEvalSet converts the shared dev evaluation set and corpus: no input
// may panic, every input of the evaluation set (six languages, ODS and PDF)
// must convert, and every output must be valid AKN.
func TestEvalSet(t *testing.T) {
	if testing.Short() {
		t.Skip("long: converts and validates the whole dev set")
	}
	files := sharedtest.DevInputs(t)
	xsd := officialXSD(t)
	// every input of the evaluation set must convert; the corpus's other
	// eras and layouts (OCR, pdftotext) need only fail cleanly
	mustPass := regexp.MustCompile(`^(ods|pdf)-`)
	conv, err := convert.New(convert.Options{})
	if err != nil {
		t.Fatal(err)
	}

	jobs := make(chan string)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var checked, converted int
	for range 2 {
		wg.Go(func() {
			for path := range jobs {
				name := filepath.Base(path)
				strict := mustPass.MatchString(name)
				src, err := os.ReadFile(path)
				if err != nil {
					t.Errorf("%s: %v", name, err)
					continue
				}
				res, err, panicked := convertSafely(conv, src)
				switch {
				case panicked != "":
					t.Errorf("%s: Convert panicked: %s", name, panicked)
					continue
				case err != nil:
					if strict {
						t.Errorf("%s: Convert: %v", name, err)
					}
					continue
				}
				mu.Lock()
				converted++
				mu.Unlock()
				// every output must be valid, whatever its language
				if err := xsd.Validate(name, res.AKN); err != nil {
					t.Errorf("%s: not valid AKN: %s", name, firstProblem(err))
				}
				mu.Lock()
				checked++
				mu.Unlock()
			}
		})
	}
	for _, f := range files {
		jobs <- f
	}
	close(jobs)
	wg.Wait()
	if checked == 0 {
		t.Errorf("no output converted from the dev set")
	}
	t.Logf("%d inputs, %d converted and validated", len(files), converted)
}

// convertSafely converts src and turns a panic into its message and stack.
func convertSafely(conv *convert.Converter, src []byte) (res *convert.Result, err error, panicked string) {
	defer func() {
		if r := recover(); r != nil {
			panicked = fmt.Sprintf("%v\n%s", r, debug.Stack())
		}
	}()
	res, err = conv.Convert(src)
	return res, err, ""
}

// BenchmarkConvertSeed converts the seed with one Converter, as a batch
// does: the rules are loaded once.
func BenchmarkConvertSeed(b *testing.B) {
	src := readSeed(b)
	c, err := convert.New(goldenOptions)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Convert(src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNew measures loading the built-in rules: the start-up cost.
func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := convert.New(goldenOptions); err != nil {
			b.Fatal(err)
		}
	}
}

// ---------------------------------------------------------------------
// TestSeed: the acceptance checks of the seed resolution A/RES/70/237.

func TestSeed(t *testing.T) {
	src := readSeed(t)
	res, err := convert.Convert(src, goldenOptions)
	if err != nil {
		t.Fatalf("Convert: %v", err)
	}
	x := etree.NewDocument()
	if err := x.ReadFromBytes(res.AKN); err != nil {
		t.Fatalf("output is not well-formed XML: %v", err)
	}
	root := x.Root()
	if root == nil || root.Tag != "akomaNtoso" || root.NamespaceURI() != "http://docs.oasis-open.org/legaldocml/ns/akn/3.0" {
		t.Fatalf("root element is not AKN 3.0 akomaNtoso: %v", root)
	}
	st := root.SelectElement("statement")
	if st == nil {
		t.Fatal("no statement under akomaNtoso")
	}

	t.Run("preamble", func(t *testing.T) {
		want := []string{
			"Recalling", "Recalling also", "Bearing in mind", "Noting", "Affirming", "Noting",
			"Expressing concern", "Considering", "Noting", "Noting also", "Taking note",
			"Considering", "Bearing in mind", "Welcoming", "Stressing", "Welcoming",
		}
		var got []string
		for _, c := range st.FindElements("./preamble/container") {
			got = append(got, c.SelectAttrValue("name", "<no name>"))
		}
		if !slices.Equal(got, want) {
			t.Errorf("preamble containers (%d):\n\tgot:  %q\n\twant: %q (%d)", len(got), got, want, len(want))
		}
		if all := x.FindElements("//container"); len(all) != len(want) {
			t.Errorf("%d container elements in the document, want %d", len(all), len(want))
		}
		f := st.FindElement("./preamble/formula")
		if f == nil {
			t.Error("no formula in the preamble")
		} else if got := norm(text(f, false)); got != "The General Assembly," {
			t.Errorf("formula text %q, want %q", got, "The General Assembly,")
		}
	})

	t.Run("operative", func(t *testing.T) {
		paras := st.FindElements("./mainBody/paragraph")
		var nums []string
		for _, p := range paras {
			nums = append(nums, childText(p, "num"))
		}
		if want := []string{"1.", "2.", "3.", "4.", "5.", "6."}; !slices.Equal(nums, want) {
			t.Fatalf("mainBody paragraph numbers %q, want %q", nums, want)
		}
		wantPoints := map[int][]string{2: {"(a)", "(b)"}, 4: {"(a)", "(b)", "(c)", "(d)"}}
		for i, p := range paras {
			var pts []string
			for _, pt := range p.FindElements(".//point") {
				pts = append(pts, childText(pt, "num"))
			}
			if w := wantPoints[i+1]; !slices.Equal(pts, w) {
				t.Errorf("paragraph %d: points %q, want %q", i+1, pts, w)
			}
		}
	})

	t.Run("notes", func(t *testing.T) {
		notes := x.FindElements("//authorialNote")
		var markers []string
		for _, n := range notes {
			markers = append(markers, n.SelectAttrValue("marker", ""))
		}
		if want := []string{"1", "2", "3", "4"}; !slices.Equal(markers, want) {
			t.Fatalf("authorialNote markers %q, want %q", markers, want)
		}
		wantText := []string{"See A/C.2/59/3 and A/60/687.", "A/54/213, A/55/140 and Corr.", "A/70/174.", "A/68/98."}
		for i, n := range notes {
			if got := norm(text(n, false)); !strings.HasPrefix(got, wantText[i]) {
				t.Errorf("note %s text %q, want it to begin %q", markers[i], got, wantText[i])
			}
		}
		sups := x.FindElements("//sup")
		if len(sups) != 1 || sups[0].Text() != "3" {
			var got []string
			for _, s := range sups {
				got = append(got, s.Text())
			}
			t.Errorf("sup elements %q, want one, 3 (the second reference to note 3); %d references in all, want 5",
				got, len(notes)+len(sups))
		}

		// where each note is referred to
		where := []struct {
			marker, name, contains string
		}{
			{"1", "Bearing in mind", "World Summit on the Information Society"},
			{"2", "Taking note", "Taking note of the reports of the Secretary-General"},
			{"3", "Welcoming", "Welcoming the effective work"},
			{"4", "Welcoming", "Welcoming the conclusion of the Group"},
		}
		for i, w := range where {
			c := ancestor(notes[i], "container")
			if c == nil || c.Parent() == nil || c.Parent().Tag != "preamble" {
				t.Errorf("note %s is not in a preamble container (it is in %s)", w.marker, pathOf(notes[i]))
				continue
			}
			if name := c.SelectAttrValue("name", ""); name != w.name || !strings.Contains(norm(text(c, true)), w.contains) {
				t.Errorf("note %s is in the container %s (name %q): %q, want the %q one with %q",
					w.marker, c.SelectAttrValue("eId", "?"), name, clip(norm(text(c, true)), 80), w.name, w.contains)
			}
		}
		if len(sups) > 0 {
			p := ancestor(sups[0], "paragraph")
			if p == nil || p.Parent() == nil || p.Parent().Tag != "mainBody" || childText(p, "num") != "1." {
				t.Errorf("the second reference to note 3 is at %s, want it in operative paragraph 1", pathOf(sups[0]))
			}
		}
	})

	t.Run("conclusions", func(t *testing.T) {
		c := st.SelectElement("conclusions")
		if c == nil {
			t.Fatal("no conclusions")
		}
		in := c.FindElement(".//inline[@name='adoptionMeeting']")
		if in == nil || in.Text() != "82nd plenary meeting" {
			t.Errorf("conclusions: inline name=adoptionMeeting %s, want text %q", describe(in), "82nd plenary meeting")
		}
		dd := c.FindElement(".//docDate")
		if dd == nil || dd.SelectAttrValue("date", "") != "2015-12-23" || dd.Text() != "23 December 2015" {
			t.Errorf("conclusions: docDate %s, want date=2015-12-23 and text %q", describe(dd), "23 December 2015")
		}
	})

	t.Run("coverPage", func(t *testing.T) {
		cp := st.SelectElement("coverPage")
		if cp == nil {
			t.Fatal("no coverPage")
		}
		checks := []struct {
			what, path, attr, val, text string
		}{
			{"symbol", ".//docNumber[@refersTo='#symbol']", "", "", "A/RES/70/237"},
			{"date of issuance", ".//docDate[@refersTo='#dateOfIssuance']", "date", "2015-12-30", "30 December 2015"},
			{"session", ".//session", "value", "70", "Seventieth session"},
			{"agenda item", ".//inline[@name='agenda item']", "", "", "Agenda item 92"},
			{"committee", ".//docProponent", "refersTo", "#firstCommittee", ""},
			{"report", ".//docProponent/inline", "", "", "A/70/455"},
			{"adoption line", ".//docTitle", "", "", "Resolution adopted by the General Assembly on 23 December 2015"},
		}
		for _, c := range checks {
			e := cp.FindElement(c.path)
			switch {
			case e == nil:
				t.Errorf("coverPage %s: no %s", c.what, c.path)
			case c.attr != "" && e.SelectAttrValue(c.attr, "") != c.val:
				t.Errorf("coverPage %s: %s, want %s=%q", c.what, describe(e), c.attr, c.val)
			case c.text != "" && norm(text(e, false)) != c.text:
				t.Errorf("coverPage %s: %s, want text %q", c.what, describe(e), c.text)
			}
		}
		if dp := cp.FindElement(".//docProponent"); dp != nil {
			if got, want := norm(text(dp, false)), "[on the report of the First Committee (A/70/455)]"; got != want {
				t.Errorf("docProponent text %q, want %q", got, want)
			}
		}
	})

	t.Run("meta", func(t *testing.T) {
		meta := st.SelectElement("meta")
		if meta == nil {
			t.Fatal("no meta")
		}
		checks := []struct{ path, attr, want string }{
			{"./identification/FRBRWork/FRBRthis", "value", "/akn/un/statement/deliberation/unga/2015-12-23/70-237/!main"},
			{"./identification/FRBRExpression/FRBRthis", "value", "/akn/un/statement/deliberation/unga/2015-12-23/70-237/eng@!main"},
			{"./identification/FRBRExpression/FRBRlanguage", "language", "eng"},
		}
		for _, c := range checks {
			if e := meta.FindElement(c.path); e == nil || e.SelectAttrValue(c.attr, "") != c.want {
				t.Errorf("meta %s: %s, want %s=%q", c.path, describe(e), c.attr, c.want)
			}
		}
		if dn := meta.FindElement(".//docketNumber"); dn == nil || dn.Text() != "15-16991 (E)" {
			t.Errorf("meta docketNumber %s, want %q", describe(dn), "15-16991 (E)")
		}
	})

	t.Run("no noise", func(t *testing.T) {
		noise := []string{"<<ODS", "[DU1]", "Please recycle", "2/3", "N1545757E", "*1516991*", "_____", "-----"}
		pageNumbers := []string{"2/3", "3/3", "1/3"} // whole words: "63/37" is not one
		for _, sec := range []string{"coverPage", "preface", "preamble", "mainBody", "conclusions"} {
			e := st.SelectElement(sec)
			if e == nil {
				t.Errorf("no %s", sec)
				continue
			}
			s := text(e, true)
			for _, n := range noise {
				if i := strings.Index(s, n); i >= 0 {
					t.Errorf("%s contains %q: …%s…", sec, n, s[max(0, i-40):min(len(s), i+len(n)+40)])
				}
			}
			for _, w := range strings.Fields(s) {
				if slices.Contains(pageNumbers, w) {
					t.Errorf("%s contains the page number %q", sec, w)
				}
			}
		}
	})

	t.Run("ids", func(t *testing.T) {
		ids := map[string]string{} // eId → path of its element
		for _, e := range all(root) {
			id := e.SelectAttrValue("eId", "")
			if id == "" {
				continue
			}
			if prev, ok := ids[id]; ok {
				t.Errorf("eId %q used twice: %s and %s", id, prev, pathOf(e))
			}
			ids[id] = pathOf(e)
		}
		refs := x.FindElements("//references/*")
		if len(refs) == 0 {
			t.Error("no TLC entries in meta/references")
		}
		for _, r := range refs {
			if r.SelectAttrValue("eId", "") == "" {
				t.Errorf("TLC entry without eId: %s", describe(r))
			}
		}
		// local references: refersTo (a list), href="#…" (except <a>,
		// whose target may be outside), source and FRBRauthor's as
		for _, e := range all(root) {
			for _, a := range e.Attr {
				var targets []string
				switch {
				case a.Key == "refersTo":
					targets = strings.Fields(a.Value)
				case a.Key == "href" && e.Tag != "a" && strings.HasPrefix(a.Value, "#"),
					a.Key == "source", a.Key == "as":
					targets = []string{a.Value}
				}
				for _, tg := range targets {
					id, ok := strings.CutPrefix(tg, "#")
					if !ok {
						t.Errorf("%s %s=%q: not a local reference (#id)", pathOf(e), a.Key, a.Value)
						continue
					}
					if _, ok := ids[id]; !ok {
						t.Errorf("%s %s=%q: no element has eId=%q", pathOf(e), a.Key, a.Value, id)
					}
				}
			}
		}
	})

	t.Run("body words", func(t *testing.T) {
		// the seed's body: from the adoption line to the meeting date
		lines := strings.Split(string(src), "\n")
		first := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(strings.TrimSpace(l), "Resolution adopted by") })
		last := slices.IndexFunc(lines, func(l string) bool { return strings.TrimSpace(l) == "23 December 2015" })
		if first < 0 || last < first {
			t.Fatalf("cannot find the body of the seed (lines %d to %d)", first+1, last+1)
		}
		var want []string
		for _, w := range strings.Fields(strings.Join(lines[first:last+1], "\n")) {
			want = append(want, gluedNote.ReplaceAllString(w, "$1"))
		}

		// the output's body text, notes and note markers left out
		var b strings.Builder
		cp := st.SelectElement("coverPage")
		for _, e := range []*etree.Element{
			cp.FindElement(".//docTitle"), cp.FindElement(".//docProponent"),
			st.SelectElement("preface"), st.SelectElement("preamble"),
			st.SelectElement("mainBody"), st.SelectElement("conclusions"),
		} {
			if e != nil {
				wordText(&b, e)
				b.WriteByte(' ')
			}
		}
		got := strings.Fields(b.String())

		// every word of the seed's body, in order
		j := 0
		var extra []string // output words not in the seed, in order
		for i, w := range want {
			k := slices.Index(got[j:], w)
			if k < 0 {
				t.Fatalf("seed word %d %q (after %q) is missing from the output after %q; the output goes on with %q",
					i+1, w, want[max(0, i-6):i], got[max(0, j-6):j], got[j:min(len(got), j+8)])
			}
			extra = append(extra, got[j:j+k]...)
			j += k + 1
		}
		extra = append(extra, got[j:]...)
		// ... and nothing else: an output word the seed does not have is
		// text invented or repeated by the converter
		if len(extra) > 0 {
			t.Errorf("the output body has %d words that the seed body does not have: %q", len(extra), clipList(extra, 20))
		}
		t.Logf("%d seed body words found in order in %d output words", len(want), len(got))
	})
}

// gluedNote matches a token with a footnote number glued to it: the
// digits follow a letter or punctuation ("2005,1", "Security;3"), never
// other digits ("68/243").
var gluedNote = regexp.MustCompile(`^(.*[\p{L},.;:)\]])[0-9]+$`)

// inlineTags are the AKN inline elements: their text runs on with the text
// around them. Any other element (p, num, docNumber, docTitle, eol, …)
// separates words.
var inlineTags = map[string]bool{
	"inline": true, "span": true, "i": true, "b": true, "u": true, "sub": true, "sup": true,
	"ref": true, "mref": true, "rref": true, "abbr": true, "term": true, "date": true,
	"docDate": true, "docAuthority": true, "organization": true,
	"person": true, "location": true, "concept": true, "role": true, "event": true,
	"quantity": true, "def": true, "entity": true, "object": true, "session": true,
}

// wordText writes the text of e for word comparison: without notes
// (authorialNote) and note markers (sup), with a space at the boundaries
// of non-inline elements.
func wordText(b *strings.Builder, e *etree.Element) {
	for _, c := range e.Child {
		switch c := c.(type) {
		case *etree.CharData:
			b.WriteString(c.Data)
		case *etree.Element:
			if c.Tag == "authorialNote" || c.Tag == "sup" {
				continue
			}
			if !inlineTags[c.Tag] {
				b.WriteByte(' ')
			}
			wordText(b, c)
			if !inlineTags[c.Tag] {
				b.WriteByte(' ')
			}
		}
	}
}

// text is the text of e and its descendants; withNotes includes the text
// of authorialNotes.
func text(e *etree.Element, withNotes bool) string {
	var b strings.Builder
	var walk func(*etree.Element)
	walk = func(e *etree.Element) {
		for _, c := range e.Child {
			switch c := c.(type) {
			case *etree.CharData:
				b.WriteString(c.Data)
			case *etree.Element:
				if c.Tag == "authorialNote" && !withNotes {
					continue
				}
				walk(c)
			}
		}
	}
	walk(e)
	return b.String()
}

// norm collapses white space.
func norm(s string) string { return strings.Join(strings.Fields(s), " ") }

func childText(e *etree.Element, tag string) string {
	if c := e.SelectElement(tag); c != nil {
		return norm(text(c, false))
	}
	return ""
}

func ancestor(e *etree.Element, tag string) *etree.Element {
	for p := e.Parent(); p != nil; p = p.Parent() {
		if p.Tag == tag {
			return p
		}
	}
	return nil
}

// all lists e and its descendant elements in document order.
func all(e *etree.Element) []*etree.Element {
	out := []*etree.Element{e}
	for _, c := range e.ChildElements() {
		out = append(out, all(c)...)
	}
	return out
}

// pathOf names e by its ancestors, with eIds where they have one.
func pathOf(e *etree.Element) string {
	var segs []string
	for ; e != nil && e.Tag != ""; e = e.Parent() {
		s := e.FullTag()
		if id := e.SelectAttrValue("eId", ""); id != "" {
			s += "[" + id + "]"
		}
		segs = append(segs, s)
	}
	slices.Reverse(segs)
	return "/" + strings.Join(segs, "/")
}

// describe shows an element's tag, attributes and text, or "none".
func describe(e *etree.Element) string {
	if e == nil {
		return "none"
	}
	var b strings.Builder
	b.WriteString("<" + e.FullTag())
	for _, a := range e.Attr {
		fmt.Fprintf(&b, " %s=%q", a.FullKey(), a.Value)
	}
	fmt.Fprintf(&b, "> %q", clip(norm(text(e, false)), 80))
	return b.String()
}

func clipList(s []string, n int) []string {
	if len(s) > n {
		return append(slices.Clip(s[:n]), "…")
	}
	return s
}

func clip(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
