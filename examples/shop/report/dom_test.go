package report

import (
	"bytes"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
	"testing"
)

// node is an element of a parsed report. The report is written as
// polyglot markup (HTML that is also well-formed XML), so encoding/xml in
// strict mode parses it: a stray '<' from unescaped data, an unclosed or
// misnested element, or a bad attribute fails the parse.
type node struct {
	Name string
	Attr map[string]string
	Kids []*node
	Text string // the text directly inside
}

// parse parses a report or fails the test.
func parse(t testing.TB, b []byte) *node {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.Strict = true
	root := &node{Name: "#document"}
	stack := []*node{root}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			line, col := dec.InputPos()
			t.Fatalf("the report does not parse at %d:%d: %v", line, col, err)
		}
		top := stack[len(stack)-1]
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{Name: tok.Name.Local, Attr: map[string]string{}}
			for _, a := range tok.Attr {
				n.Attr[a.Name.Local] = a.Value
			}
			top.Kids = append(top.Kids, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			top.Text += string(tok)
		}
	}
	if len(stack) != 1 {
		t.Fatalf("the report leaves %d elements open", len(stack)-1)
	}
	return root
}

// all returns the elements named name under n, in document order.
func (n *node) all(name string) []*node {
	var out []*node
	for _, k := range n.Kids {
		if k.Name == name {
			out = append(out, k)
		}
		out = append(out, k.all(name)...)
	}
	return out
}

// byID returns the element with id, or nil.
func (n *node) byID(id string) *node {
	if n.Attr["id"] == id {
		return n
	}
	for _, k := range n.Kids {
		if m := k.byID(id); m != nil {
			return m
		}
	}
	return nil
}

// text returns all the text under n.
func (n *node) text() string {
	var b strings.Builder
	b.WriteString(n.Text)
	for _, k := range n.Kids {
		b.WriteString(k.text())
	}
	return b.String()
}

// num reads a numeric attribute, failing the test when it is not one.
func (n *node) num(t testing.TB, attr string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(n.Attr[attr], 64)
	if err != nil {
		t.Fatalf("<%s %s=%q>: %v", n.Name, attr, n.Attr[attr], err)
	}
	return v
}

// tip returns the <title> of a shape, what a mouse over it shows.
func (n *node) tip() string {
	for _, k := range n.Kids {
		if k.Name == "title" {
			return k.text()
		}
	}
	return ""
}

// tipped returns the rects of svg whose tip starts with prefix.
func tipped(svg *node, prefix string) []*node {
	var out []*node
	for _, r := range svg.all("rect") {
		if strings.HasPrefix(r.tip(), prefix) {
			out = append(out, r)
		}
	}
	return out
}
