package infra

import (
	"strconv"
	"strings"
)

// Path addresses a member inside a value, one step per segment: an
// attribute or block name, a map key, or a list index written in decimal.
// Segments may hold any text, so a Kubernetes label key such as
// app.kubernetes.io/name is one step, not four.
type Path []string

// ParsePath reads a path as rules write it. Names are separated by dots;
// a list index is a number, either as a segment (ingress.0.cidr_blocks) or
// in brackets (ingress[0].cidr_blocks); a key that holds dots, slashes or
// brackets is written in brackets and double quotes, with Go string
// escapes (metadata.labels["app.kubernetes.io/name"]). A malformed bracket
// is read as plain text up to the next dot.
func ParsePath(s string) Path {
	var p Path
	for rest := s; rest != ""; {
		var seg string
		seg, rest = nextSegment(rest)
		p = append(p, seg)
	}
	return p
}

// nextSegment splits the first segment off a path's text.
func nextSegment(s string) (seg, rest string) {
	if s[0] == '[' {
		if len(s) > 1 && s[1] == '"' {
			if q, err := strconv.QuotedPrefix(s[1:]); err == nil && strings.HasPrefix(s[1+len(q):], "]") {
				if key, err := strconv.Unquote(q); err == nil {
					return key, trimDot(s[len(q)+2:])
				}
			}
		} else if end := strings.IndexByte(s, ']'); end > 0 {
			if _, err := strconv.Atoi(s[1:end]); err == nil {
				return s[1:end], trimDot(s[end+1:])
			}
		}
	}
	stops := ".["
	if s[0] == '[' {
		stops = "." // a malformed bracket: plain text
	}
	end := strings.IndexAny(s[1:], stops) + 1
	if s[0] == '.' {
		return "", s[1:]
	}
	if end == 0 {
		end = len(s)
	}
	return s[:end], trimDot(s[end:])
}

func trimDot(s string) string { return strings.TrimPrefix(s, ".") }

// String writes the path in the form ParsePath reads, quoting only the
// segments that need it.
func (p Path) String() string {
	var b strings.Builder
	for i, seg := range p {
		switch {
		case seg != "" && !strings.ContainsAny(seg, `.[]"`) && !strings.ContainsFunc(seg, isSpace):
			if i > 0 {
				b.WriteByte('.')
			}
			b.WriteString(seg)
		default:
			b.WriteString("[" + strconv.Quote(seg) + "]")
		}
	}
	return b.String()
}

func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }

// At returns the member at path. An object is stepped into by name, a list
// by index. A name step on a list steps into its element only when it has
// exactly one (a nested block written once, as Terraform models it): with
// several elements there is no implicit first, and the result is null —
// read repeated blocks with Blocks or List. An unknown step yields that
// unknown value, so a rule sees why the value it needed is missing.
func (v Value) At(path Path) Value {
	cur := v
	for _, seg := range path {
		var ok bool
		if cur, ok = cur.step(seg); !ok {
			return cur
		}
	}
	return cur
}

// Get is At(ParsePath(path)), without allocating for the common literal paths.
func (v Value) Get(path string) Value {
	cur := v
	for path != "" {
		var seg string
		seg, path = nextSegment(path)
		var ok bool
		if cur, ok = cur.step(seg); !ok {
			return cur
		}
	}
	return cur
}

// step takes one step; ok is false when the walk must stop with the
// returned value (null, or the unknown met on the way).
func (v Value) step(seg string) (Value, bool) {
	if v.kind == List {
		if i, err := strconv.Atoi(seg); err == nil {
			if i < 0 || i >= len(v.list) {
				return Value{}, false
			}
			return v.list[i], true
		}
		if len(v.list) != 1 {
			return Value{}, false
		}
		v = v.list[0]
	}
	switch v.kind {
	case Unknown:
		return v, false
	case Object:
		return v.Field(seg), true
	}
	return Value{}, false
}
