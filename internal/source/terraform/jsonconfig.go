package terraform

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// Terraform's JSON configuration syntax (.tf.json, as CDK for Terraform
// writes it) is translated into native syntax and then evaluated like any
// .tf file, so there is one evaluator. Each element is written on the line
// it had in the JSON file (when the JSON has one element per line, as
// pretty-printed JSON does), so findings point at the JSON source.
//
// Without the provider's schema a JSON object cannot be told apart from a
// nested block; both become object values, which rules read the same way
// (Value.Get steps into blocks and objects alike).

// jnode is one JSON value with the line it starts on.
type jnode struct {
	line   int
	kind   byte // 'o' object, 'a' array, 's' string, 'n' number, 'b' bool, 'z' null
	keys   []string
	vals   []*jnode // object values, or array items
	str    string   // string value, number text, or "true"/"false"
	klines []int    // line of each object key
}

// jsonError is a document that is not JSON, or nested too deep, at a line.
type jsonError struct {
	line int
	msg  string
}

func (e *jsonError) Error() string { return e.msg }

// parseJSON reads a JSON document keeping key order and lines.
func parseJSON(src []byte) (*jnode, error) {
	newlines := []int{}
	for i, c := range src {
		if c == '\n' {
			newlines = append(newlines, i)
		}
	}
	lineAt := func(off int64) int { return sort.SearchInts(newlines, int(off)) + 1 }
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	var read func(depth int) (*jnode, error)
	read = func(depth int) (*jnode, error) {
		if depth > 200 {
			return nil, &jsonError{line: lineAt(dec.InputOffset()), msg: "JSON nested more than 200 levels"}
		}
		off := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			line := lineAt(dec.InputOffset())
			var se *json.SyntaxError
			if errors.As(err, &se) {
				line = lineAt(se.Offset)
			}
			return nil, &jsonError{line: line, msg: err.Error()}
		}
		// InputOffset is where the previous token ended; skip the spaces
		// and separators before this one to find its line.
		for int(off) < len(src) && strings.IndexByte(" \t\r\n,:", src[off]) >= 0 {
			off++
		}
		n := &jnode{line: lineAt(off)}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{':
				n.kind = 'o'
				for dec.More() {
					koff := dec.InputOffset()
					kt, err := dec.Token()
					if err != nil {
						return nil, err
					}
					for int(koff) < len(src) && strings.IndexByte(" \t\r\n,", src[koff]) >= 0 {
						koff++
					}
					v, err := read(depth + 1)
					if err != nil {
						return nil, err
					}
					n.keys = append(n.keys, kt.(string))
					n.klines = append(n.klines, lineAt(koff))
					n.vals = append(n.vals, v)
				}
			case '[':
				n.kind = 'a'
				for dec.More() {
					v, err := read(depth + 1)
					if err != nil {
						return nil, err
					}
					n.vals = append(n.vals, v)
				}
			default:
				return nil, fmt.Errorf("unexpected %q", t)
			}
			if _, err := dec.Token(); err != nil { // the closing delimiter
				return nil, err
			}
		case string:
			n.kind, n.str = 's', t
		case json.Number:
			n.kind, n.str = 'n', t.String()
		case bool:
			n.kind, n.str = 'b', strconv.FormatBool(t)
		case nil:
			n.kind = 'z'
		}
		return n, nil
	}
	root, err := read(0)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("data after the top-level value")
	}
	if root.kind != 'o' {
		return nil, fmt.Errorf("a .tf.json file must hold a JSON object")
	}
	return root, nil
}

// hclWriter writes native syntax, one element per line, and remembers the
// JSON line each line of it came from.
type hclWriter struct {
	b     bytes.Buffer
	lines []int // lines[i] is the JSON line of native line i+1
}

// at starts a new line for an element from JSON line line.
func (w *hclWriter) at(line int) {
	if len(w.lines) > 0 {
		w.b.WriteByte('\n')
	}
	w.lines = append(w.lines, line)
}

// end closes a block on a line of its own, mapped to the last element's line.
func (w *hclWriter) end() {
	w.at(w.lines[len(w.lines)-1])
	w.write("}")
}

func (w *hclWriter) write(s string) { w.b.WriteString(s) }

// jsonToHCL translates a .tf.json document into native syntax, and says
// for each of its lines the JSON line it came from.
func jsonToHCL(src []byte) ([]byte, []int, error) {
	root, err := parseJSON(src)
	if err != nil {
		return nil, nil, err
	}
	w := &hclWriter{}
	for i, k := range root.keys {
		v, line := root.vals[i], root.klines[i]
		switch k {
		case "resource", "data":
			eachLabeled(v, 2, func(labels []string, body *jnode, l int) { w.block(k, labels, body, l, false) }, line)
		case "module", "output", "variable":
			eachLabeled(v, 1, func(labels []string, body *jnode, l int) { w.block(k, labels, body, l, k == "variable") }, line)
		case "provider":
			eachLabeled(v, 1, func(labels []string, body *jnode, l int) { w.block(k, labels, body, l, false) }, line)
		case "locals":
			for _, o := range objects(v) {
				w.at(o.line)
				w.write("locals {")
				w.attrs(o, nil)
				w.end()
			}
		case "terraform":
			for _, o := range objects(v) {
				w.terraform(o)
			}
		}
	}
	if len(w.lines) > 0 {
		w.write("\n")
	}
	return w.b.Bytes(), w.lines, nil
}

// objects returns an object, or the objects of an array (JSON syntax lets
// any level be an array of objects, to repeat keys).
func objects(n *jnode) []*jnode {
	switch n.kind {
	case 'o':
		return []*jnode{n}
	case 'a':
		var out []*jnode
		for _, v := range n.vals {
			out = append(out, objects(v)...)
		}
		return out
	}
	return nil
}

// eachLabeled walks depth levels of object keys (the block labels) down to
// the block bodies.
func eachLabeled(n *jnode, depth int, f func(labels []string, body *jnode, line int), line int) {
	var walk func(n *jnode, labels []string, line int)
	walk = func(n *jnode, labels []string, line int) {
		if len(labels) == depth {
			for _, b := range objects(n) {
				f(labels, b, line)
			}
			return
		}
		for _, o := range objects(n) {
			for i, k := range o.keys {
				if k != "//" {
					walk(o.vals[i], append(append([]string(nil), labels...), k), o.klines[i])
				}
			}
		}
	}
	walk(n, nil, line)
}

func (w *hclWriter) block(typ string, labels []string, body *jnode, line int, variable bool) {
	w.at(line)
	w.write(typ)
	for _, l := range labels {
		w.write(" " + quote(l))
	}
	w.write(" {")
	// These arguments hold an expression in a JSON string, not a template.
	raw := map[string]bool{"provider": true, "depends_on": true}
	if variable {
		raw = map[string]bool{"type": true}
	}
	w.attrs(body, raw)
	w.end()
}

// attrs writes an object's members as arguments; dynamic and lifecycle
// keep their block form, which the evaluator reads as blocks.
func (w *hclWriter) attrs(o *jnode, raw map[string]bool) {
	for i, k := range o.keys {
		v, line := o.vals[i], o.klines[i]
		switch {
		case k == "//" || !validName(k):
			continue
		case k == "dynamic":
			for _, d := range objects(v) {
				for j, name := range d.keys {
					for _, body := range objects(d.vals[j]) {
						w.dynamic(name, body, d.klines[j])
					}
				}
			}
			continue
		case k == "lifecycle" && v.kind == 'o':
			w.at(line)
			w.write("lifecycle {")
			w.attrs(v, map[string]bool{"ignore_changes": true, "replace_triggered_by": true})
			w.end()
			continue
		}
		w.at(line)
		w.write(k + " = ")
		switch {
		case raw[k] && v.kind == 's' && !strings.ContainsAny(v.str, "\r\n"):
			w.write(v.str)
		case k == "providers" && v.kind == 'o':
			w.providers(v) // { aws = aws.eu }: references, not strings
		default:
			w.value(v)
		}
	}
}

func (w *hclWriter) dynamic(name string, body *jnode, line int) {
	w.at(line)
	w.write("dynamic " + quote(name) + " {")
	for i, k := range body.keys {
		switch k {
		case "for_each", "labels":
			w.at(body.klines[i])
			w.write(k + " = ")
			w.value(body.vals[i])
		case "iterator":
			if body.vals[i].kind == 's' && validName(body.vals[i].str) {
				w.at(body.klines[i])
				w.write("iterator = " + body.vals[i].str)
			}
		case "content":
			for _, c := range objects(body.vals[i]) {
				w.at(body.klines[i])
				w.write("content {")
				w.attrs(c, nil)
				w.end()
			}
		}
	}
	w.end()
}

func (w *hclWriter) terraform(o *jnode) {
	w.at(o.line)
	w.write("terraform {")
	for i, k := range o.keys {
		v, line := o.vals[i], o.klines[i]
		switch k {
		case "backend":
			for _, b := range objects(v) {
				for j, typ := range b.keys {
					for _, body := range objects(b.vals[j]) {
						w.at(b.klines[j])
						w.write("backend " + quote(typ) + " {")
						w.attrs(body, nil)
						w.end()
					}
				}
			}
		case "cloud", "required_providers":
			for _, body := range objects(v) {
				w.at(line)
				w.write(k + " {")
				w.attrs(body, nil)
				w.end()
			}
		case "required_version", "experiments":
			w.at(line)
			w.write(k + " = ")
			w.value(v)
		}
	}
	w.end()
}

// value writes a JSON value as an expression: strings are templates, as
// in Terraform's JSON syntax.
func (w *hclWriter) value(v *jnode) {
	switch v.kind {
	case 's':
		w.write(quote(v.str))
	case 'n', 'b':
		w.write(v.str)
	case 'z':
		w.write("null")
	case 'a':
		w.write("[")
		for i, e := range v.vals {
			if i > 0 {
				w.write(",")
			}
			w.at(e.line)
			w.value(e)
		}
		w.write("]")
	case 'o':
		w.write("{")
		first := true
		for i, k := range v.keys {
			if k == "//" {
				continue
			}
			if !first {
				w.write(",")
			}
			first = false
			w.at(v.klines[i])
			w.write(quote(k) + " = ")
			w.value(v.vals[i])
		}
		w.write("}")
	}
}

// quote writes s as a native quoted template: the characters that mean
// something to the native syntax but not to JSON strings are escaped, while
// ${ and %{ keep their meaning in both.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 {
				fmt.Fprintf(&b, `\u%04x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// validName reports an identifier that can be an argument name.
func validName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && (r == '-' || r >= '0' && r <= '9') {
			continue
		}
		return false
	}
	return true
}

// providers writes a module call's providers map, whose JSON strings name
// provider configurations.
func (w *hclWriter) providers(v *jnode) {
	w.write("{")
	for i, k := range v.keys {
		e := v.vals[i]
		if e.kind != 's' || !validRef(e.str) || !validRef(k) {
			continue
		}
		w.at(v.klines[i])
		w.write(k + " = " + e.str)
	}
	w.write("}")
}

// validRef reports a provider reference such as aws or aws.eu.
func validRef(s string) bool {
	for _, p := range strings.Split(s, ".") {
		if !validName(p) {
			return false
		}
	}
	return true
}
