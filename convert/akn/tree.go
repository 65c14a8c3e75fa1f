package akn

// element is an XML element of the output, built by the writer and then
// serialised. It has the few methods of etree's Element the writer uses,
// with the same results, and none of its bookkeeping (parents, indexes,
// namespaces): building the tree with etree took a quarter of a
// conversion's allocations.
type element struct {
	tag   string // with its prefix: "akn4un:footerFirstPage"
	attrs []attribute
	kids  []node
	arena *arena
}

// arena hands out the elements of one output, and the first room of their
// attributes and children, from a few large blocks rather than one
// allocation each.
type arena struct {
	els   []element
	attrs []attribute
	kids  []node
}

func (a *arena) element(tag string) *element {
	if len(a.els) == cap(a.els) {
		a.els = make([]element, 0, grow(cap(a.els)))
	}
	a.els = a.els[:len(a.els)+1]
	e := &a.els[len(a.els)-1]
	e.tag, e.arena = tag, a
	return e
}

// grow is the size of the next block after one of size n: small for a
// small document, large for a large one.
func grow(n int) int { return min(max(2*n, 64), 1024) }

// attrRoom returns an empty slice with room for n attributes.
func (a *arena) attrRoom(n int) []attribute { return room(&a.attrs, n) }

// kidRoom returns an empty slice with room for n children.
func (a *arena) kidRoom(n int) []node { return room(&a.kids, n) }

// room takes an empty slice with room for n items from the block *buf,
// which it replaces by a new one when full.
func room[T any](buf *[]T, n int) []T {
	b := *buf
	if cap(b)-len(b) < n {
		b = make([]T, 0, max(grow(cap(b)), n))
	}
	s := b[len(b) : len(b) : len(b)+n]
	*buf = b[:len(b)+n]
	return s
}

type attribute struct{ key, value string }

// node is a child of an element: an element, or text when el is nil.
type node struct {
	el   *element
	text string
}

// newElement makes an element of a new tree (a new arena), or of the
// tree of in.
func newElement(tag string, in ...*element) *element {
	if len(in) > 0 {
		return in[0].arena.element(tag)
	}
	return (&arena{}).element(tag)
}

// add appends a child.
func (e *element) add(n node) {
	if e.kids == nil {
		e.kids = e.arena.kidRoom(1)
	}
	e.kids = append(e.kids, n)
}

// CreateElement adds a child element and returns it.
func (e *element) CreateElement(tag string) *element {
	c := e.arena.element(tag)
	e.add(node{el: c})
	return c
}

// CreateAttr sets an attribute: a new one at the end, or the value of the
// one of that name.
func (e *element) CreateAttr(key, value string) {
	for i := range e.attrs {
		if e.attrs[i].key == key {
			e.attrs[i].value = value
			return
		}
	}
	if e.attrs == nil {
		e.attrs = e.arena.attrRoom(1)
	}
	e.attrs = append(e.attrs, attribute{key, value})
}

// CreateText adds a text child (even an empty one, which makes the
// element be written with an end tag, as etree does).
func (e *element) CreateText(text string) { e.add(node{text: text}) }

// SetText replaces the text before the element's first child element, as
// etree's SetText does: the texts there become one (none if text is "").
func (e *element) SetText(text string) {
	end := 0
	for end < len(e.kids) && e.kids[end].el == nil {
		end++
	}
	switch {
	case end == 0:
		if text != "" {
			e.add(node{})
			copy(e.kids[1:], e.kids)
			e.kids[0] = node{text: text}
		}
	case text == "":
		e.kids = append(e.kids[:0], e.kids[end:]...)
	default:
		e.kids[0].text = text
		e.kids = append(e.kids[:1], e.kids[end:]...)
	}
}

// AddChild adds an element made with newElement as the last child.
func (e *element) AddChild(c *element) { e.add(node{el: c}) }

// RemoveChild removes the child element c.
func (e *element) RemoveChild(c *element) {
	for i, k := range e.kids {
		if k.el == c {
			e.kids = append(e.kids[:i], e.kids[i+1:]...)
			return
		}
	}
}

// hasElements tells whether e has child elements.
func (e *element) hasElements() bool {
	for _, k := range e.kids {
		if k.el != nil {
			return true
		}
	}
	return false
}
