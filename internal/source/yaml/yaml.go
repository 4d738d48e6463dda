// Package yaml reads YAML into prodgrade's value tree, keeping the file,
// line and column of every value. Kubernetes manifests, Compose files,
// CloudFormation templates and Ansible playbooks are all YAML; reading them
// through one pass gives every YAML-based source the same semantics, the
// same limits on hostile input and positions a finding can point at.
//
// Values follow YAML's own rules, not Terraform's: a scalar's type is the
// tag go.yaml.in/yaml/v3 resolves for it, so a quoted "true" or "8080" stays
// a string while plain true and 8080 are a bool and a number.
package yaml

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/prodgrade/prodgrade/internal/infra"
)

// Limits on what one Parse may build. Aliases let a few hundred bytes
// describe billions of nodes ("billion laughs"), and a deep tree can
// exhaust the stack of whatever walks it later, so both are bounded here
// rather than in every caller. No real configuration comes near either.
const (
	maxAliasNodes = 1_000_000
	maxDepth      = 10_000
)

// Document is one YAML document of a file.
type Document struct {
	// Value is the document's root. Every value in it carries its
	// location: File, and Line and Col (1-based, Col counting characters);
	// a scalar written on one line also has EndLine and EndCol (the column
	// after its last character). A value reached through an alias is
	// located at the alias, its members where the anchor wrote them.
	Value infra.Value
	// Loc is where the document starts: its "---", or its first node.
	Loc infra.Location
	// Duplicates are keys written twice in one mapping, at the second
	// occurrence: YAML forbids them, and the value kept (the last) may not
	// be the one the author meant.
	Duplicates []Duplicate
}

// Duplicate is a key written a second time in the same mapping.
type Duplicate struct {
	Key   string
	Loc   infra.Location // the second occurrence
	First int            // the line of the first
}

// Error is a YAML file that cannot be read. Line is 0 when the position is
// not known.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return e.File + ": " + e.Msg
	}
	return e.File + ":" + strconv.Itoa(e.Line) + ": " + e.Msg
}

// Parse parses every document of a (possibly multi-document) YAML stream.
// Empty documents, such as a lone "---" or only comments, are skipped.
// On an error it returns the documents read before it and an *Error.
//
// Anchors, aliases and merge keys (<<, a mapping or a list of mappings) are
// resolved; keys written in a mapping win over merged ones, and earlier
// mappings in a merge list win over later ones. A mapping key that is not
// a scalar is skipped; of duplicate keys the last one wins.
//
// Tags: the core ones decide a scalar's type; a !!int or !!float that
// float64 cannot hold exactly, a !!timestamp and a !!binary are strings as
// written. CloudFormation's short forms are turned into the long forms
// CloudFormation itself reads, so a template means the same whichever it
// uses: !Ref x becomes {"Ref": "x"}, !Condition c {"Condition": "c"}, and
// !GetAtt a.b, !Sub, !If and the other functions {"Fn::GetAtt": "a.b"} and
// so on. Any other tag is ignored and its node read as if untagged: a
// scalar as a string, a sequence as a list, a mapping as an object.
func Parse(file string, data []byte) ([]Document, error) {
	if line := flowTooDeep(data); line > 0 {
		// The library builds the whole tree before our own depth check
		// sees it: a million nested [ cost it seconds and most of a GiB.
		return nil, &Error{File: file, Line: line, Msg: fmt.Sprintf("exceeded max depth of %d", maxDepth)}
	}
	c := &converter{file: file, src: newSource(data), anchors: map[*yaml.Node]*expansion{}}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var docs []Document
	for {
		var doc yaml.Node
		if err := decode(dec, &doc); err != nil {
			if err == io.EOF {
				return docs, nil
			}
			return docs, c.parseError(err, data)
		}
		if len(doc.Content) == 0 || isEmpty(doc.Content[0]) {
			continue
		}
		v, err := c.value(doc.Content[0], 1)
		if err != nil {
			return docs, err
		}
		docs = append(docs, Document{Value: v, Loc: c.loc(&doc), Duplicates: c.dups})
		c.dups = nil
	}
}

// isEmpty reports the null a document holds when nothing is written in it,
// as opposed to one that says null or ~.
func isEmpty(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null" && n.Value == "" &&
		n.Style == 0 && n.Anchor == ""
}

type converter struct {
	file string
	src  *source
	// anchors holds each anchored node once converted, so that an alias
	// shares the value instead of building it again; nil marks a node
	// being converted, which an alias inside it would make endless.
	anchors map[*yaml.Node]*expansion
	// nodes counts the values built, those repeated by aliases included;
	// expanded counts only the latter, against maxAliasNodes.
	nodes, expanded int
	// deepest is the deepest level reached, to know an anchor's height.
	deepest int
	// dups are the duplicate keys of the document being converted.
	dups []Duplicate
}

// expansion is an anchored value with the number of values it stands for
// and its height, so that each alias to it is counted against the limits
// as if it had been written out.
type expansion struct {
	v            infra.Value
	size, height int
}

func (c *converter) value(n *yaml.Node, depth int) (infra.Value, error) {
	switch {
	case n.Kind == yaml.AliasNode:
		return c.alias(n, depth)
	case n.Anchor != "":
		e, err := c.anchor(n, depth)
		if err != nil {
			return infra.Value{}, err
		}
		return e.v, nil
	}
	return c.build(n, depth)
}

func (c *converter) anchor(n *yaml.Node, depth int) (*expansion, error) {
	c.anchors[n] = nil
	nodes, deepest := c.nodes, c.deepest
	c.deepest = depth
	v, err := c.build(n, depth)
	if err != nil {
		return nil, err
	}
	e := &expansion{v: v, size: c.nodes - nodes, height: c.deepest - depth + 1}
	c.deepest = max(c.deepest, deepest)
	c.anchors[n] = e
	return e, nil
}

func (c *converter) alias(n *yaml.Node, depth int) (infra.Value, error) {
	e, seen := c.anchors[n.Alias]
	switch {
	case seen && e == nil:
		return infra.Value{}, c.errorf(n, "alias *%s is inside its own anchor", n.Value)
	case seen:
		if depth+e.height-1 > maxDepth {
			return infra.Value{}, c.errorf(n, "alias *%s nests values more than %d levels deep", n.Value, maxDepth)
		}
		c.nodes += e.size
		c.deepest = max(c.deepest, depth+e.height-1)
	default:
		// An anchor not converted where it was written (inside a key
		// that was skipped) is converted at its first alias.
		var err error
		if e, err = c.anchor(n.Alias, depth); err != nil {
			return infra.Value{}, err
		}
	}
	c.expanded += e.size
	if c.expanded > maxAliasNodes {
		return infra.Value{}, c.errorf(n, "too many alias expansions (more than %d values)", maxAliasNodes)
	}
	return e.v.WithLoc(c.loc(n)), nil
}

// build converts a node that is not an alias.
func (c *converter) build(n *yaml.Node, depth int) (infra.Value, error) {
	name := intrinsic(n.Tag)
	if name == "" {
		return c.plain(n, depth)
	}
	c.nodes++
	v, err := c.plain(n, depth+1)
	if err != nil {
		return infra.Value{}, err
	}
	return infra.ObjectValue([]infra.Field{{Name: name, Value: v}}).WithLoc(v.Loc), nil
}

// plain converts a node, ignoring its tag unless it is one of YAML's.
func (c *converter) plain(n *yaml.Node, depth int) (infra.Value, error) {
	if depth > maxDepth {
		return infra.Value{}, c.errorf(n, "values nested more than %d levels deep", maxDepth)
	}
	c.nodes++
	c.deepest = max(c.deepest, depth)
	var v infra.Value
	switch n.Kind {
	case yaml.ScalarNode:
		v = scalar(n)
	case yaml.SequenceNode:
		items := make([]infra.Value, 0, len(n.Content))
		for _, item := range n.Content {
			x, err := c.value(item, depth+1)
			if err != nil {
				return infra.Value{}, err
			}
			items = append(items, x)
		}
		v = infra.ListValue(items)
	case yaml.MappingNode:
		var err error
		if v, err = c.mapping(n, depth); err != nil {
			return infra.Value{}, err
		}
	}
	return v.WithLoc(c.loc(n)), nil
}

func (c *converter) mapping(n *yaml.Node, depth int) (infra.Value, error) {
	fields := make([]infra.Field, 0, len(n.Content)/2)
	var merged [][]infra.Field // in order of precedence
	var seen map[string]int    // key → line, built only for mappings of several keys
	if len(n.Content) > 2 {
		seen = make(map[string]int, len(n.Content)/2)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, vn := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.AliasNode {
			k = k.Alias
		}
		if k.Kind != yaml.ScalarNode {
			continue
		}
		if k.Tag == "!!merge" {
			m, err := c.merge(vn, depth+1)
			if err != nil {
				return infra.Value{}, err
			}
			merged = append(merged, m...)
			continue
		}
		if first, dup := seen[k.Value]; dup {
			c.dups = append(c.dups, Duplicate{Key: k.Value, Loc: c.loc(k), First: first})
		} else if seen != nil {
			seen[k.Value] = k.Line
		}
		v, err := c.value(vn, depth+1)
		if err != nil {
			return infra.Value{}, err
		}
		fields = append(fields, infra.Field{Name: k.Value, Value: v})
	}
	if len(merged) > 0 {
		// ObjectValue keeps the last of duplicate names: put the merged
		// fields first, the mapping that wins most last.
		all := make([]infra.Field, 0, len(fields))
		for i := len(merged) - 1; i >= 0; i-- {
			all = append(all, merged[i]...)
		}
		fields = append(all, fields...)
	}
	return infra.ObjectValue(fields), nil
}

// merge returns the fields of a merge key's mappings, the one that wins
// first.
func (c *converter) merge(n *yaml.Node, depth int) ([][]infra.Field, error) {
	t := target(n)
	ok := isMap(t)
	if t.Kind == yaml.SequenceNode && intrinsic(t.Tag) == "" {
		ok = true
		for _, m := range t.Content {
			ok = ok && isMap(m)
		}
	}
	if !ok {
		return nil, c.errorf(n, "merge key << takes a mapping or a list of mappings")
	}
	// Converted as any value, so that an alias here is counted like any other.
	v, err := c.value(n, depth)
	if err != nil {
		return nil, err
	}
	if isMap(t) {
		return [][]infra.Field{v.Fields()}, nil
	}
	out := make([][]infra.Field, 0, v.Len())
	for _, m := range v.List() {
		out = append(out, m.Fields())
	}
	return out, nil
}

func isMap(n *yaml.Node) bool {
	n = target(n)
	return n.Kind == yaml.MappingNode && intrinsic(n.Tag) == ""
}

func target(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode {
		return n.Alias
	}
	return n
}

// intrinsic is the long-form key of a CloudFormation short-form tag, or "".
func intrinsic(tag string) string {
	switch tag {
	case "!Ref", "!Condition":
		return tag[1:]
	case "!Base64", "!Cidr", "!FindInMap", "!GetAtt", "!GetAZs", "!ImportValue",
		"!Join", "!Select", "!Split", "!Sub", "!Transform",
		"!And", "!Equals", "!If", "!Not", "!Or":
		return "Fn::" + tag[1:]
	}
	return ""
}

func scalar(n *yaml.Node) infra.Value {
	s := n.Value
	switch n.Tag {
	case "!!null":
		switch s {
		case "", "~", "null", "Null", "NULL":
			return infra.NullValue()
		}
	case "!!bool":
		switch s {
		case "true", "True", "TRUE":
			return infra.BoolValue(true)
		case "false", "False", "FALSE":
			return infra.BoolValue(false)
		}
	case "!!int", "!!float":
		if f, ok := number(n.Tag, s); ok {
			return infra.NumberValue(f)
		}
	}
	return infra.StringValue(s)
}

// number reads a scalar tagged !!int or !!float in the forms the YAML
// library resolves: underscores, 0x, 0o, 0b and 0-prefixed octal, .inf and
// .nan. An integer float64 cannot hold exactly is not a number: turned into
// one it would no longer be the value written (an account or ID).
func number(tag, s string) (float64, bool) {
	const exact = 1 << 53
	plain := strings.ReplaceAll(s, "_", "")
	i, err := strconv.ParseInt(plain, 0, 64)
	if err == nil {
		return float64(i), -exact <= i && i <= exact
	}
	if errors.Is(err, strconv.ErrRange) || tag != "!!float" {
		return 0, false
	}
	switch strings.ToLower(plain) {
	case ".inf", "+.inf":
		return math.Inf(1), true
	case "-.inf":
		return math.Inf(-1), true
	case ".nan":
		return math.NaN(), true
	}
	if strings.ContainsAny(plain, "xXpPnN") { // not YAML: Go's hex floats, Inf, NaN
		return 0, false
	}
	f, err := strconv.ParseFloat(plain, 64)
	return f, err == nil
}

func (c *converter) loc(n *yaml.Node) infra.Location {
	l := infra.Location{File: c.file, Pos: infra.Pos{Line: int32(n.Line), Col: int32(n.Column)}}
	if n.Kind == yaml.ScalarNode {
		if w := c.src.width(n); w > 0 {
			l.EndLine, l.EndCol = l.Line, l.Col+int32(w)
		}
	}
	return l
}

func (c *converter) errorf(n *yaml.Node, format string, args ...any) *Error {
	return &Error{File: c.file, Line: n.Line, Msg: fmt.Sprintf(format, args...)}
}

// parserProblems are the messages of libyaml's parser, as opposed to its
// scanner: go.yaml.in/yaml/v3 reports their lines counted from 0, and
// true marks those about a block collection, for which it reports where
// the collection starts instead of where the problem is.
var parserProblems = map[string]bool{
	"did not find expected key":              true,
	"did not find expected '-' indicator":    true,
	"did not find expected <stream-start>":   false,
	"did not find expected <document start>": false,
	"did not find expected node content":     false,
	"did not find expected ',' or ']'":       false, // the line of the [ is the useful one
	"did not find expected ',' or '}'":       false,
	"found undefined tag handle":             false,
	"found duplicate %YAML directive":        false,
	"found incompatible YAML document":       false,
	"found duplicate %TAG directive":         false,
}

// parseError turns an error of the YAML library into an *Error with the
// line of the problem, counted from 1.
func (c *converter) parseError(err error, data []byte) *Error {
	line, msg := libraryError(err, data)
	if parserProblems[msg] && line > 1 && line <= len(c.src.lines) {
		// The line is where the block collection starts. Parsed alone
		// from there, the collection starts on the first line, which the
		// library leaves out, so it says where the problem is.
		if err := decodeAll(data[c.src.lines[line-1]:]); err != nil {
			if l, m := libraryError(err, data); m == msg {
				line += l - 1
			}
		}
	}
	return &Error{File: c.file, Line: line, Msg: msg}
}

// libraryError reads an error of the YAML library, a string of the form
// "yaml: line N: problem", into a line counted from 1 and the problem.
func libraryError(err error, data []byte) (int, string) {
	if errors.Is(err, errInternal) {
		return 0, err.Error()
	}
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if num, problem, ok := strings.Cut(rest, ": "); ok {
			if n, err := strconv.Atoi(num); err == nil {
				line, msg = n, problem
			}
		}
	}
	_, fromParser := parserProblems[msg]
	switch {
	case fromParser:
		line++
	case strings.HasPrefix(msg, "unknown anchor '"):
		line = aliasLine(data, strings.TrimSuffix(strings.TrimPrefix(msg, "unknown anchor '"), "' referenced"))
	case line == 0 && !strings.HasPrefix(msg, "attempted to go past"):
		// The library leaves out line 1 (0 from its scanner).
		line = 1
	}
	return line, msg
}

// errInternal is a panic of the YAML library, which it calls an internal
// error "(please report)": a file being scanned must not stop the scan.
var errInternal = errors.New("internal error of the YAML library")

func decode(dec *yaml.Decoder, n *yaml.Node) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%w: %v", errInternal, p)
		}
	}()
	return dec.Decode(n)
}

// decodeAll parses YAML into nodes only, to see where it fails.
func decodeAll(data []byte) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var n yaml.Node
		if err := decode(dec, &n); err != nil {
			if err == io.EOF {
				return nil
			}
			return err
		}
	}
}

// aliasLine is the line of the first alias *name in data, or 0; the YAML
// library does not say where an unknown anchor was used.
func aliasLine(data []byte, name string) int {
	alias := []byte("*" + name)
	for off := 0; ; {
		i := bytes.Index(data[off:], alias)
		if i < 0 {
			return 0
		}
		end := off + i + len(alias)
		if end == len(data) || bytes.IndexByte([]byte(" \t\r\n,[]{}"), data[end]) >= 0 {
			return bytes.Count(data[:off+i], []byte("\n")) + 1
		}
		off = end
	}
}

// source finds a scalar in the text, to know where it ends: the library
// gives only where a node starts.
type source struct {
	data  []byte
	lines []int // offset of each line's start, as YAML breaks lines
	// A cursor: conversion visits nodes mostly in order, so finding the
	// next one starts where the last one was, not at its line's start.
	line, col, off int
}

func newSource(data []byte) *source {
	if len(data) >= 2 && (data[0] == 0xfe && data[1] == 0xff || data[0] == 0xff && data[1] == 0xfe) {
		return &source{} // UTF-16: columns are not byte offsets of data
	}
	start := 0
	if bytes.HasPrefix(data, []byte("\ufeff")) {
		start = 3
	}
	s := &source{data: data, lines: make([]int, 1, bytes.Count(data, []byte("\n"))+2)}
	s.lines[0] = start
	for i := start; i < len(data); i++ {
		switch b := data[i]; {
		case b == '\n':
		case b == '\r':
			if i+1 < len(data) && data[i+1] == '\n' {
				i++
			}
		case b == 0xc2 && i+1 < len(data) && data[i+1] == 0x85: // NEL
			i++
		case b == 0xe2 && i+2 < len(data) && data[i+1] == 0x80 && (data[i+2] == 0xa8 || data[i+2] == 0xa9): // LS, PS
			i += 2
		default:
			continue
		}
		s.lines = append(s.lines, i+1)
	}
	return s
}

// width is the number of characters of a scalar written on one line, or
// 0 when the text at the node's position is not the scalar's value as is
// (escapes, folded lines, block scalars, tags, anchors).
func (s *source) width(n *yaml.Node) int {
	var quote, special string // special: characters the text would escape
	switch n.Style {
	case 0:
	case yaml.DoubleQuotedStyle:
		quote, special = `"`, `"\`
	case yaml.SingleQuotedStyle:
		quote, special = `'`, `'`
	default:
		return 0
	}
	v := n.Value
	if v == "" && quote == "" || strings.ContainsAny(v, "\r\n\u0085\u2028\u2029"+special) {
		return 0
	}
	off, ok := s.offset(n.Line, n.Column)
	if !ok {
		return 0
	}
	text := s.data[off:]
	if !hasPrefix(text, quote) || !hasPrefix(text[len(quote):], v) || !hasPrefix(text[len(quote)+len(v):], quote) {
		return 0
	}
	return utf8.RuneCountInString(v) + 2*len(quote)
}

func hasPrefix(b []byte, s string) bool {
	return len(b) >= len(s) && string(b[:len(s)]) == s
}

// offset is the byte offset of a 1-based line and character column.
func (s *source) offset(line, col int) (int, bool) {
	if line < 1 || line > len(s.lines) || col < 1 {
		return 0, false
	}
	if line != s.line || col < s.col {
		s.line, s.col, s.off = line, 1, s.lines[line-1]
	}
	end := len(s.data)
	if line < len(s.lines) {
		end = s.lines[line]
	}
	for s.col < col {
		if s.off >= end {
			return 0, false
		}
		if s.data[s.off] < utf8.RuneSelf {
			s.off++
		} else {
			_, size := utf8.DecodeRune(s.data[s.off:end])
			s.off += size
		}
		s.col++
	}
	return s.off, true
}

// flowTooDeep scans data without parsing it and returns the line where flow
// collections ([ and {) nest deeper than maxDepth, or 0. Quoted scalars and
// comments are skipped; block nesting needs an indentation per level, so a
// file cannot nest deeply that way without being quadratically large.
func flowTooDeep(data []byte) int {
	depth, line := 0, 1
	for i := 0; i < len(data); i++ {
		switch c := data[i]; c {
		case '\n':
			line++
		case '#':
			if i == 0 || data[i-1] == ' ' || data[i-1] == '\t' || data[i-1] == '\n' {
				for i < len(data) && data[i] != '\n' {
					i++
				}
				line++
			}
		case '"', '\'':
			for i++; i < len(data) && data[i] != c; i++ {
				if data[i] == '\\' && c == '"' {
					i++
				} else if data[i] == '\n' {
					line++
				}
			}
		case '[', '{':
			if depth++; depth > maxDepth {
				return line
			}
		case ']', '}':
			if depth > 0 {
				depth--
			}
		}
	}
	return 0
}
