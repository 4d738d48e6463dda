package helm

import (
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	yamlv3 "go.yaml.in/yaml/v3"

	"github.com/prodgrade/prodgrade/internal/infra"
)

// lineMap says which line of a template wrote each line of its rendered
// output, so that a finding on a rendered object points at the template,
// where the fix goes.
//
// Text written literally in a template is copied to the output as is,
// indentation included; only actions ({{ … }}) are replaced. So a mapping
// key the template writes literally appears in the output at the same
// column, and in the same order. The map walks the rendered YAML (its
// keys and their nesting) alongside the template text:
//
//   - a key is found on a template line that writes the same key literally
//     at the same column, within its parent key's block (the lines
//     indented deeper than the parent, or a "- " list at its indentation),
//     searching forward from where the previous sibling's block ends; its
//     own children are looked for in its block;
//   - a key that repeats because a range loop wrote it again is found
//     before that point, but only after a range action in the block;
//   - a literal list item ("- ALL") is found the same way;
//   - what the template does not write literally (a key or a subtree that
//     toYaml, include or tpl writes, a key that is itself an action) is
//     located at the first line of its parent's block, from the previous
//     sibling on, that holds only an output action (the
//     `{{- toYaml .Values.resources | nindent 12 }}` line), else at the
//     parent key's line, else at the document's first output action.
//
// Limits: what an included template (_helpers.tpl) writes is located at
// the include in this template, not in the helper; a key written on the
// same line as an action that comes before it, flow-style YAML spread
// over several lines, and templates that write their literal text out of
// order (define, block) are located approximately, at a nearby line of the
// same block; a value that came from values.yaml is located where the
// template writes it, not in values.yaml. A column is kept only where the
// template line reads as the output line up to it (a literal line, or an
// action at the value's place), and an end only on a literal line.
type lineMap struct {
	tmpl []tline
	// tmplText and outText are the lines of the template and of its output.
	tmplText, outText []string
	// to maps an output line (0-based) to a template line (0-based), or
	// -1; direct marks output lines whose template line was found by
	// matching (not a fallback), whose columns may be kept.
	to     []int
	direct []bool

	// Indexes, so that mapping is about linear in the output's size
	// whatever the template: the lines that write each key or list item
	// at each column (ascending); for each line, the next line at or
	// after it that only holds an output action, or that holds a range
	// (len(tmpl) if none); each line's block ends, once computed (0: not yet).
	keys, items           map[keyAt][]int
	nextOutput, nextRange []int
	ends                  [2][]int
}

type keyAt struct {
	text string
	col  int
}

// tline is what one template line writes literally.
type tline struct {
	indent     int    // leading spaces
	dash       bool   // the literal text starts with "- "
	key        string // a mapping key written literally at the start, after any "- "
	keyCol     int    // its 0-based column
	item       string // a literal scalar list item ("- ALL"), when there is no key
	itemCol    int
	structural bool // literal text other than blanks and comments
	action     bool // an action starts on the line
	output     bool // an action that writes output, and no literal key or item
	ranges     bool // a range action
}

// controlWords are the actions that write no output.
var controlWords = map[string]bool{
	"if": true, "else": true, "end": true, "range": true, "with": true, "define": true,
	"block": true, "break": true, "continue": true, "/*": true,
}

func newLineMap(tmpl, out string) *lineMap {
	m := &lineMap{tmplText: splitLines(tmpl), outText: splitLines(out)}
	m.tmpl = scanTemplate(m.tmplText)
	n := len(m.tmpl)
	m.keys, m.items = map[keyAt][]int{}, map[keyAt][]int{}
	m.nextOutput, m.nextRange = make([]int, n+1), make([]int, n+1)
	m.nextOutput[n], m.nextRange[n] = n, n
	for j := n - 1; j >= 0; j-- {
		l := &m.tmpl[j]
		m.nextOutput[j], m.nextRange[j] = m.nextOutput[j+1], m.nextRange[j+1]
		if l.output {
			m.nextOutput[j] = j
		}
		if l.ranges {
			m.nextRange[j] = j
		}
	}
	for j, l := range m.tmpl {
		if l.key != "" {
			m.keys[keyAt{l.key, l.keyCol}] = append(m.keys[keyAt{l.key, l.keyCol}], j)
		}
		if l.item != "" {
			m.items[keyAt{l.item, l.itemCol}] = append(m.items[keyAt{l.item, l.itemCol}], j)
		}
	}
	m.ends = [2][]int{make([]int, n), make([]int, n)}
	m.to, m.direct = make([]int, len(m.outText)), make([]bool, len(m.outText))
	for i := range m.to {
		m.to[i] = -1
	}
	m.walk(out)
	m.resolve()
	return m
}

func splitLines(s string) []string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}

// scanTemplate reads what each template line writes literally. Actions may
// span lines; a line inside one writes nothing literally.
func scanTemplate(lines []string) []tline {
	out := make([]tline, len(lines))
	inAction := false
	for i, text := range lines {
		l := &out[i]
		var literal strings.Builder // the line with its actions removed
		prefix, prefixDone := "", inAction
		for pos := 0; pos < len(text); {
			if inAction {
				end := strings.Index(text[pos:], "}}")
				if end < 0 {
					break
				}
				pos += end + 2
				inAction = false
				continue
			}
			start := strings.Index(text[pos:], "{{")
			if start < 0 {
				literal.WriteString(text[pos:])
				if !prefixDone {
					prefix = text
				}
				break
			}
			literal.WriteString(text[pos : pos+start])
			if !prefixDone {
				prefix, prefixDone = text[:pos+start], true
			}
			pos += start + 2
			inAction = true
			l.actionStart(text[pos:])
		}
		lit := literal.String()
		trimmed := strings.TrimSpace(lit)
		l.structural = trimmed != "" && !strings.HasPrefix(trimmed, "#")
		l.indent = len(text) - len(strings.TrimLeft(text, " "))
		l.readKey(prefix, prefix == text)
		if l.key != "" || l.item != "" {
			l.output = false
		}
	}
	return out
}

// actionStart records what kind of action starts at s (after "{{").
func (l *tline) actionStart(s string) {
	s = strings.TrimLeft(strings.TrimPrefix(s, "-"), " \t")
	l.action = true
	word := s
	if i := strings.IndexAny(s, " \t}("); i >= 0 {
		word = s[:i]
	}
	if strings.HasPrefix(s, "/*") {
		word = "/*"
	}
	switch {
	case word == "range":
		l.ranges = true
	case controlWords[word]:
	case strings.HasPrefix(word, "$") && isAssignment(s):
	default:
		l.output = true
	}
}

// isAssignment reports an action that only sets a variable: {{ $x := … }}.
func isAssignment(s string) bool {
	rest := strings.TrimLeft(s[strings.IndexAny(s+" ", " \t"):], " \t")
	return strings.HasPrefix(rest, ":=") || strings.HasPrefix(rest, "=")
}

// readKey reads a literal key or list item from the literal text that
// starts the line (before its first action). whole says the line has no
// action, so a key may end the line.
func (l *tline) readKey(prefix string, whole bool) {
	s := strings.TrimLeft(prefix, " ")
	col := len(prefix) - len(s)
	for strings.HasPrefix(s, "- ") || s == "-" {
		l.dash = true
		rest := strings.TrimLeft(s[1:], " ")
		col += len(s) - len(rest)
		s = rest
	}
	if s == "" || strings.ContainsAny(s[:1], "#{[&*!|>%@`") {
		return
	}
	key, rest, ok := splitKey(s)
	if ok && (strings.HasPrefix(rest, " ") || rest == "" && whole) {
		l.key, l.keyCol = key, utf8.RuneCountInString(prefix[:col])
		return
	}
	if l.dash && whole {
		item := s
		if i := strings.Index(item, " #"); i >= 0 {
			item = item[:i]
		}
		l.item, l.itemCol = unquote(strings.TrimSpace(item)), utf8.RuneCountInString(prefix[:col])
	}
}

// splitKey splits "key: rest" (the key plain or quoted) at its colon.
func splitKey(s string) (key, rest string, ok bool) {
	if s[0] == '"' || s[0] == '\'' {
		end := strings.IndexByte(s[1:], s[0])
		if end < 0 || !strings.HasPrefix(s[end+2:], ":") {
			return "", "", false
		}
		return unquote(s[:end+2]), s[end+3:], true
	}
	for i := 0; i < len(s); i++ {
		if s[i] == ':' && (i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\t') {
			return strings.TrimRight(s[:i], " \t"), s[i+1:], i > 0
		}
	}
	return "", "", false
}

func unquote(s string) string {
	if len(s) >= 2 && s[0] == '\'' && s[len(s)-1] == '\'' {
		return strings.ReplaceAll(s[1:len(s)-1], "''", "'")
	}
	if len(s) >= 2 && s[0] == '"' {
		if u, err := strconv.Unquote(s); err == nil {
			return u
		}
	}
	return s
}

// walk maps every rendered document.
func (m *lineMap) walk(out string) {
	dec := yamlv3.NewDecoder(strings.NewReader(out))
	cursor := 0
	for {
		var doc yamlv3.Node
		if err := decodeNode(dec, &doc); err != nil {
			return // io.EOF, or output that is not YAML: File reports it
		}
		if len(doc.Content) == 0 {
			continue
		}
		root := doc.Content[0]
		fb := m.fallback(0, len(m.tmpl), cursor, -1)
		switch root.Kind {
		case yamlv3.MappingNode:
			m.mapping(root, 0, len(m.tmpl), &cursor, fb)
		case yamlv3.SequenceNode:
			m.sequence(root, 0, len(m.tmpl), fb)
		default:
			m.subtree(root, fb)
		}
	}
}

func decodeNode(dec *yamlv3.Decoder, n *yamlv3.Node) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = io.ErrUnexpectedEOF
		}
	}()
	return dec.Decode(n)
}

// set records that output line (1-based) was written by template line
// (0-based); the first record wins.
func (m *lineMap) set(out, tmpl int, direct bool) {
	if out < 1 || out > len(m.to) || tmpl < 0 {
		return
	}
	if m.to[out-1] < 0 {
		m.to[out-1] = tmpl
		m.direct[out-1] = direct
	}
}

// mapping maps the keys of a block mapping whose keys lie in template
// lines [from, to); parent is the template line of what holds it.
func (m *lineMap) mapping(n *yamlv3.Node, from, to int, cursor *int, parent int) {
	if n.Style&yamlv3.FlowStyle != 0 {
		m.subtree(n, parent)
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		j := m.find(from, to, *cursor, m.keys[keyAt{k.Value, k.Column - 1}])
		if j < 0 || k.Kind != yamlv3.ScalarNode {
			fb := m.fallback(from, to, *cursor, parent)
			m.set(k.Line, fb, false)
			m.subtree(v, fb)
			continue
		}
		m.set(k.Line, j, true)
		m.value(v, j+1, m.blockEnd(j, to, false), j)
		*cursor = m.blockEnd(j, to, true)
	}
}

// value maps the value of a key found at template line parent, whose
// block is template lines [from, to).
func (m *lineMap) value(v *yamlv3.Node, from, to, parent int) {
	switch {
	case v.Kind == yamlv3.MappingNode:
		cursor := from
		m.mapping(v, from, to, &cursor, parent)
	case v.Kind == yamlv3.SequenceNode && v.Style&yamlv3.FlowStyle == 0:
		m.sequence(v, from, to, parent)
	default:
		m.subtree(v, parent)
	}
}

// sequence maps the items of a block sequence whose items lie in template
// lines [from, to). The keys of mapping items are found like any key,
// with one cursor for all items.
func (m *lineMap) sequence(n *yamlv3.Node, from, to, parent int) {
	cursor := from
	for _, item := range n.Content {
		switch item.Kind {
		case yamlv3.MappingNode:
			m.mapping(item, from, to, &cursor, m.fallbackOr(from, to, cursor, parent))
		case yamlv3.ScalarNode:
			j := m.find(from, to, cursor, m.items[keyAt{item.Value, item.Column - 1}])
			if j < 0 {
				m.set(item.Line, m.fallback(from, to, cursor, parent), false)
				continue
			}
			m.set(item.Line, j, true)
			cursor = j + 1
		default:
			m.subtree(item, m.fallback(from, to, cursor, parent))
		}
	}
}

// fallbackOr is the line of a list item's parts that are not found: its
// parent's line if the parent was found, else the block's output action.
func (m *lineMap) fallbackOr(from, to, cursor, parent int) int {
	if parent >= 0 {
		return parent
	}
	return m.fallback(from, to, cursor, parent)
}

// subtree locates every line of a subtree at one template line.
func (m *lineMap) subtree(n *yamlv3.Node, line int) {
	m.set(n.Line, line, false)
	for _, c := range n.Content {
		m.subtree(c, line)
	}
}

// find returns the first of lines (ascending) in [cursor, to), or else
// the first in [from, cursor) preceded by a range action in the block (a
// loop writes its body again); -1 if none.
func (m *lineMap) find(from, to, cursor int, lines []int) int {
	to = min(to, len(m.tmpl))
	first := func(lo, hi int) int {
		if i := sort.SearchInts(lines, lo); i < len(lines) && lines[i] < hi {
			return lines[i]
		}
		return -1
	}
	if j := first(max(cursor, from), to); j >= 0 {
		return j
	}
	if from >= to {
		return -1
	}
	return first(max(from, m.nextRange[from]), min(cursor, to))
}

// fallback is where output the template does not write literally comes
// from: the first line of the block, from the cursor on, that only holds
// an output action; else parent; else the first such line anywhere in
// the block; else the block's first line.
func (m *lineMap) fallback(from, to, cursor, parent int) int {
	to = min(to, len(m.tmpl))
	if at := min(max(cursor, from), len(m.tmpl)); m.nextOutput[at] < to {
		return m.nextOutput[at]
	}
	if parent >= 0 {
		return parent
	}
	if at := min(from, len(m.tmpl)); m.nextOutput[at] < to {
		return m.nextOutput[at]
	}
	return from
}

// blockEnd is the end of the block of the key at template line i, at most
// to: the first line after it with literal text indented no deeper than
// the key, except a "- " list at the key's own indentation. Lines holding
// only actions do not end a block (their output is indented by the
// action, not by where they are written), except in a tight block, which
// also ends at an action indented no deeper than the key: where the next
// sibling's text starts, as templates are usually written.
func (m *lineMap) blockEnd(i, to int, tight bool) int {
	k := 0
	if tight {
		k = 1
	}
	if m.ends[k][i] == 0 {
		m.ends[k][i] = m.findEnd(i, tight)
	}
	return min(m.ends[k][i], to, len(m.tmpl))
}

func (m *lineMap) findEnd(i int, tight bool) int {
	col := m.tmpl[i].keyCol
	for j := i + 1; j < len(m.tmpl); j++ {
		l := &m.tmpl[j]
		switch {
		case l.structural:
			if l.indent < col || l.indent == col && !l.dash {
				return j
			}
		case tight && l.action && l.indent <= col:
			return j
		}
	}
	return len(m.tmpl)
}

// pos moves a position in the output to the template.
func (m *lineMap) pos(p infra.Pos) infra.Pos {
	if p.Line < 1 {
		return p
	}
	out := int(p.Line) - 1
	j, ok := m.lookup(out)
	if !ok {
		return infra.Pos{Line: 1}
	}
	moved := infra.Pos{Line: int32(j + 1)}
	if out >= len(m.direct) || !m.direct[out] || j >= len(m.tmplText) {
		return moved
	}
	rendered, written := m.outText[out], m.tmplText[j]
	switch {
	case rendered == written:
		moved.Col, moved.EndCol = p.Col, p.EndCol
		if p.EndLine == p.Line {
			moved.EndLine = moved.Line
		}
	case p.Col > 0 && samePrefix(rendered, written, int(p.Col)-1):
		moved.Col = p.Col
	}
	return moved
}

// resolve gives every output line a template line: its own, or that of
// the nearest output line after it that has one (a document's "---"
// belongs to what follows), or before it.
func (m *lineMap) resolve() {
	next := -1
	for k := len(m.to) - 1; k >= 0; k-- {
		if m.to[k] >= 0 {
			next = m.to[k]
		} else {
			m.to[k] = next
		}
	}
	prev := -1
	for k := range m.to {
		if m.to[k] >= 0 {
			prev = m.to[k]
		} else {
			m.to[k] = prev
		}
	}
}

// lookup is the template line of an output line.
func (m *lineMap) lookup(out int) (int, bool) {
	if out < len(m.to) && m.to[out] >= 0 {
		return m.to[out], true
	}
	return 0, len(m.tmplText) > 0
}

// samePrefix reports whether a and b have the same first n characters.
func samePrefix(a, b string, n int) bool {
	i := 0
	for k := 0; k < n; k++ {
		if i >= len(a) || i >= len(b) {
			return false
		}
		ra, size := utf8.DecodeRuneInString(a[i:])
		if rb, _ := utf8.DecodeRuneInString(b[i:]); ra != rb {
			return false
		}
		i += size
	}
	return true
}
