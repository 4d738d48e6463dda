// Package tfjson loads Terraform's machine-readable output — plan JSON
// (terraform show -json PLANFILE), state JSON (terraform show -json) and the
// raw terraform.tfstate (format version 4) — into the same infra resources
// the HCL loader makes: the same kinds, Terraform addresses and attribute
// names, so every Terraform and AWS rule runs unchanged on what will really
// be deployed (a plan) or what is deployed now (a state).
//
// A plan settles most of what HCL leaves unknown. What it leaves unknown
// (after_unknown) becomes an unknown value, except an Optional+Computed
// attribute that the configuration does not write: a plan shows it as
// unknown, but the provider default applies, so it is left absent, as the
// HCL loader leaves it. Sensitive values are marked and never printed.
// Graph edges are rebuilt from the references in the plan's configuration
// section; a state has no configuration, so its edges come from the
// recorded dependencies and carry no attribute path.
package tfjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"

	"github.com/prodgrade/prodgrade/internal/infra"
)

// Format is the kind of Terraform JSON document.
type Format int

// Formats Detect tells apart.
const (
	// Unknown is anything else, including JSON that is not an object.
	Unknown Format = iota
	// Plan is terraform show -json PLANFILE.
	Plan
	// State is terraform show -json (values.root_module).
	State
	// RawState is a terraform.tfstate file ("version": 4, "resources").
	RawState
)

func (f Format) String() string {
	switch f {
	case Plan:
		return "terraform plan"
	case State, RawState:
		return "terraform state"
	}
	return "unknown"
}

// Loaded is the outcome of loading one file.
type Loaded struct {
	// Components holds one component for the file: Kind "terraform plan" or
	// "terraform state", Name the file's base name, Path the name given.
	Components []*infra.Component
	// Notes say what could not be graded from this file (coverage notes);
	// they are also on the component.
	Notes []infra.Note
	// ConfigAddr maps each resource address to the address of the
	// configuration block it came from: "module.db.aws_db_instance.this[0]"
	// → "module.db.aws_db_instance.this", so a caller can find the block in
	// the .tf files (module instance keys and the resource's key dropped).
	ConfigAddr map[string]string
}

// Error is a file that could not be read as Terraform JSON. Line and Col
// (1-based, in characters) are zero when the problem has no position.
type Error struct {
	File      string
	Line, Col int
	// What is the kind of problem when it has a position: "invalid JSON"
	// (syntax) or "unexpected JSON" (valid JSON of the wrong shape).
	What string
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s: %s at line %d, column %d: %s", e.File, e.What, e.Line, e.Col, e.Msg)
	}
	return e.File + ": " + e.Msg
}

// Detect tells what kind of Terraform JSON data holds, from its top-level
// keys only. It accepts the same encodings as Load.
func Detect(data []byte) Format {
	text, err := decodeText(data)
	if err != nil {
		return Unknown
	}
	return detect(text)
}

func detect(text []byte) Format {
	dec := json.NewDecoder(bytes.NewReader(text))
	tok, err := dec.Token()
	if err != nil || tok != json.Delim('{') {
		return Unknown
	}
	keys := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return Unknown
		}
		key, ok := tok.(string)
		if !ok {
			return Unknown
		}
		switch key {
		case "planned_values", "resource_changes", "configuration", "prior_state", "resource_drift":
			return Plan
		case "values":
			return State
		case "serial", "lineage", "resources":
			if keys["version"] {
				return RawState
			}
		}
		keys[key] = true
		if err := skipValue(dec); err != nil {
			return Unknown
		}
	}
	switch {
	case keys["format_version"] && !keys["version"]:
		// terraform show -json prints {"format_version":"1.0"} and nothing
		// else for an empty state.
		return State
	case keys["version"] && (keys["resources"] || keys["lineage"] || keys["serial"]):
		return RawState
	}
	return Unknown
}

// skipValue consumes one JSON value from dec without keeping it.
func skipValue(dec *json.Decoder) error {
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth == 0 {
			return nil
		}
	}
}

// Load reads one plan or state file. name is the file's path (used in
// locations, notes and errors; "-" or "<stdin>" work for standard input).
// The data may be UTF-8 (with or without a BOM) or UTF-16 with a BOM, as
// PowerShell's > writes it, with LF or CRLF line ends.
func Load(name string, data []byte) (*Loaded, error) {
	text, err := decodeText(data)
	if err != nil {
		return nil, &Error{File: name, Msg: err.Error()}
	}
	if len(bytes.TrimSpace(text)) == 0 {
		return nil, &Error{File: name, Msg: "empty file; expected the output of terraform show -json"}
	}
	l := &loader{name: name, text: text, out: &Loaded{ConfigAddr: map[string]string{}}}
	format := detect(text)
	if format == Unknown {
		// A syntax error anywhere is reported first, with its position,
		// whatever the top-level keys say. For a known format, decoding
		// finds it (see unmarshal) without a second pass over the text.
		if err := checkSyntax(text); err != nil {
			return nil, jsonError(name, text, err)
		}
	}
	switch format {
	case Plan:
		err = l.plan()
	case State:
		err = l.state()
	case RawState:
		err = l.rawState()
	default:
		return nil, &Error{File: name, Msg: "not Terraform plan or state JSON: expected the output of " +
			"terraform show -json (format_version with planned_values or values) or a terraform.tfstate (version 4)"}
	}
	if err != nil {
		return nil, err
	}
	comp := &infra.Component{
		Name:      filepath.Base(name),
		Path:      name,
		Kind:      format.String(),
		Tool:      "Terraform",
		Resources: l.resources,
		Notes:     l.out.Notes,
	}
	l.out.Components = []*infra.Component{comp}
	return l.out, nil
}

type loader struct {
	name      string
	text      []byte
	out       *Loaded
	resources []*infra.Resource
	seen      map[string]bool
	lines     map[string]int // address → line of its first "address" key
}

func (l *loader) loc() infra.Location { return infra.Location{File: l.name} }

// locOf locates a resource in the file: the line where its address first
// appears, so a finding from a plan graded on its own points somewhere.
func (l *loader) locOf(addr string) infra.Location {
	if l.lines == nil {
		l.lines = addressLines(l.text)
	}
	line := int32(l.lines[addr])
	return infra.Location{File: l.name, Pos: infra.Pos{Line: line, EndLine: line}}
}

// addressLines maps every "address": "…" value in a JSON document to the
// line of its first occurrence, in one pass over the text.
func addressLines(text []byte) map[string]int {
	out := map[string]int{}
	key := []byte(`"address"`)
	line, last := 1, 0
	for i := 0; ; {
		j := bytes.Index(text[i:], key)
		if j < 0 {
			return out
		}
		at := i + j
		line += bytes.Count(text[last:at], []byte("\n"))
		last = at
		k := at + len(key)
		for k < len(text) && (text[k] == ' ' || text[k] == '\t' || text[k] == '\r' || text[k] == '\n' || text[k] == ':') {
			k++
		}
		i = k
		if k >= len(text) || text[k] != '"' {
			continue
		}
		end := k + 1
		for end < len(text) && text[end] != '"' {
			if text[end] == '\\' {
				end++
			}
			end++
		}
		if end >= len(text) {
			return out
		}
		var addr string
		if json.Unmarshal(text[k:end+1], &addr) == nil {
			if _, seen := out[addr]; !seen {
				out[addr] = line + bytes.Count(text[at:k], []byte("\n"))
			}
		}
		i = end + 1
	}
}

func (l *loader) note(msg string) {
	l.out.Notes = append(l.out.Notes, infra.Note{Kind: infra.NoteCoverage, File: l.name, Message: msg})
}

// add appends r unless a resource with its address was added before (the
// first source wins: resource_changes over prior_state over planned_values).
func (l *loader) add(r *infra.Resource, configAddr string) {
	if l.seen == nil {
		l.seen = map[string]bool{}
	}
	if l.seen[r.Address] {
		return
	}
	l.seen[r.Address] = true
	if r.Name == "" {
		r.Name = nameOf(r.Address)
	}
	l.resources = append(l.resources, r)
	if configAddr != "" {
		l.out.ConfigAddr[r.Address] = configAddr
	}
}

// nameOf is the block name in a Terraform address: the last segment,
// without module path or instance key.
func nameOf(addr string) string {
	if i := strings.IndexByte(addr, '['); i >= 0 && strings.HasSuffix(addr, "]") {
		addr = addr[:i]
	}
	if i := strings.LastIndexByte(addr, '.'); i >= 0 {
		return addr[i+1:]
	}
	return addr
}

// unmarshal decodes the whole document into v, turning type errors into
// positioned messages.
func (l *loader) unmarshal(v any) error {
	if err := json.Unmarshal(l.text, v); err != nil {
		if serr := checkSyntax(l.text); serr != nil {
			err = serr // the same error, worded and placed as for any format
		}
		return jsonError(l.name, l.text, err)
	}
	return nil
}

// unmarshalSpan decodes a span of the document into v, placing a type
// error in the document (the span is a slice of l.text, so where it starts
// is told by the capacities).
func (l *loader) unmarshalSpan(sp span, v any) error {
	err := json.Unmarshal(sp, v)
	if err == nil {
		return nil
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		te.Offset += int64(cap(l.text) - cap(sp))
	}
	return jsonError(l.name, l.text, err)
}

// decodeText returns data as UTF-8 without a byte order mark.
func decodeText(data []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return data[3:], nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return utf16(data, unicode.LittleEndian, unicode.ExpectBOM)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return utf16(data, unicode.BigEndian, unicode.ExpectBOM)
	case len(data) >= 2 && data[0] != 0 && data[1] == 0:
		// JSON starts with an ASCII character, so a zero second byte is
		// UTF-16LE without a BOM.
		return utf16(data, unicode.LittleEndian, unicode.IgnoreBOM)
	case len(data) >= 2 && data[0] == 0 && data[1] != 0:
		return utf16(data, unicode.BigEndian, unicode.IgnoreBOM)
	}
	return data, nil
}

func utf16(data []byte, order unicode.Endianness, bom unicode.BOMPolicy) ([]byte, error) {
	if len(data)%2 != 0 {
		// Cut off mid-character: even if what is whole parses, the file is
		// not the one Terraform wrote.
		return nil, fmt.Errorf("invalid UTF-16: %d bytes, an odd number, so the file is cut off mid-character; write the plan again", len(data))
	}
	out, err := unicode.UTF16(order, bom).NewDecoder().Bytes(data)
	if err != nil {
		return nil, fmt.Errorf("invalid UTF-16: %v", err)
	}
	return out, nil
}

// checkSyntax reports the first syntax error of text, or trailing data.
func checkSyntax(text []byte) error {
	if json.Valid(text) {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(text))
	var v json.RawMessage
	if err := dec.Decode(&v); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return &json.SyntaxError{Offset: int64(len(text))}
		}
		return err
	}
	off := dec.InputOffset()
	if _, err := dec.Token(); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return err
		}
	}
	for off < int64(len(text)) && strings.IndexByte(" \t\r\n", text[off]) >= 0 {
		off++
	}
	return &trailingError{offset: off + 1} // point at the first extra character
}

type trailingError struct{ offset int64 }

func (e *trailingError) Error() string { return "unexpected data after the top-level value" }

// jsonError positions a decoding error in text.
func jsonError(name string, text []byte, err error) error {
	var (
		se *json.SyntaxError
		te *json.UnmarshalTypeError
		tr *trailingError
	)
	switch {
	case errors.As(err, &se):
		msg := se.Error()
		if msg == "" {
			msg = "unexpected end of file (the file is cut off)"
		}
		line, col := position(text, se.Offset)
		return &Error{File: name, Line: line, Col: col, What: "invalid JSON", Msg: msg}
	case errors.As(err, &te):
		line, col := position(text, te.Offset)
		field := te.Field
		if field == "" {
			field = "value"
		}
		return &Error{File: name, Line: line, Col: col, What: "unexpected JSON",
			Msg: fmt.Sprintf("%s: expected %s, found a JSON %s", field, goTypeName(te.Type.String()), te.Value)}
	case errors.As(err, &tr):
		line, col := position(text, tr.offset)
		return &Error{File: name, Line: line, Col: col, What: "invalid JSON", Msg: tr.Error()}
	}
	return &Error{File: name, Msg: err.Error()}
}

func goTypeName(t string) string {
	switch {
	case strings.HasPrefix(t, "[]"):
		return "an array"
	case strings.HasPrefix(t, "map["), strings.HasPrefix(t, "tfjson."), strings.HasPrefix(t, "struct"):
		return "an object"
	case t == "string":
		return "a string"
	case t == "bool":
		return "true or false"
	case strings.HasPrefix(t, "int"), strings.HasPrefix(t, "float"):
		return "a number"
	}
	return t
}

// position turns a byte offset into a 1-based line and column (in characters).
func position(text []byte, off int64) (line, col int) {
	if off < 0 {
		off = 0
	}
	if off > int64(len(text)) {
		off = int64(len(text))
	}
	before := text[:off]
	line = 1 + bytes.Count(before, []byte{'\n'})
	start := bytes.LastIndexByte(before, '\n') + 1
	col = utf8.RuneCount(bytes.TrimSuffix(before[start:], []byte{'\r'}))
	if col == 0 {
		col = 1
	}
	return line, col
}
