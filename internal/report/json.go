package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"unicode/utf8"
)

// WriteJSON writes the report as indented JSON followed by a newline.
//
// The output is exactly what encoding/json would write with two-space
// indentation and no HTML escaping, but findings — by far the largest part,
// hundreds of thousands on a big tree — are written by hand and streamed,
// so a large report costs neither reflection nor a second copy in memory.
func WriteJSON(out io.Writer, r *Report) error {
	w := bufio.NewWriterSize(out, 256<<10)
	var scratch bytes.Buffer
	field := func(name string, v any, last bool) error {
		w.WriteString("  ")
		writeJSONString(w, name)
		w.WriteString(": ")
		scratch.Reset()
		enc := json.NewEncoder(&scratch)
		enc.SetEscapeHTML(false)
		enc.SetIndent("  ", "  ")
		if err := enc.Encode(v); err != nil {
			return err
		}
		w.Write(bytes.TrimSuffix(scratch.Bytes(), []byte("\n")))
		if !last {
			w.WriteByte(',')
		}
		w.WriteByte('\n')
		return nil
	}
	w.WriteString("{\n")
	if err := field("schema", r.Schema, false); err != nil {
		return err
	}
	if err := field("tool", r.Tool, false); err != nil {
		return err
	}
	if err := field("components", nonNil(r.Components), false); err != nil {
		return err
	}
	w.WriteString(`  "findings": `)
	if len(r.Findings) == 0 {
		w.WriteString("[]")
	} else {
		w.WriteString("[\n")
		for i := range r.Findings {
			writeFinding(w, &r.Findings[i])
			if i < len(r.Findings)-1 {
				w.WriteByte(',')
			}
			w.WriteByte('\n')
		}
		w.WriteString("  ]")
	}
	w.WriteString(",\n")
	if err := field("rules", nonNil(r.Rules), false); err != nil {
		return err
	}
	if err := field("notes", nonNil(r.Notes), false); err != nil {
		return err
	}
	if len(r.Waivers) > 0 {
		if err := field("waivers", r.Waivers, false); err != nil {
			return err
		}
	}
	if len(r.Attestations) > 0 {
		if err := field("attestations", r.Attestations, false); err != nil {
			return err
		}
	}
	if r.Baseline != nil {
		if err := field("baseline", r.Baseline, false); err != nil {
			return err
		}
	}
	if err := field("summary", r.Summary, true); err != nil {
		return err
	}
	w.WriteString("}\n")
	return w.Flush()
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// writeFinding writes one finding as encoding/json would, indented at depth 2.
// Keep it in step with the Finding struct tags (TestWriteJSONMatchesEncodingJSON checks).
func writeFinding(w *bufio.Writer, f *Finding) {
	str := func(name, v string, omitEmpty bool) {
		if omitEmpty && v == "" {
			return
		}
		w.WriteString(",\n      \"")
		w.WriteString(name)
		w.WriteString(`": `)
		writeJSONString(w, v)
	}
	num := func(name string, v int, omitEmpty bool) {
		if omitEmpty && v == 0 {
			return
		}
		w.WriteString(",\n      \"")
		w.WriteString(name)
		w.WriteString(`": `)
		var b [20]byte
		w.Write(strconv.AppendInt(b[:0], int64(v), 10))
	}
	w.WriteString("    {\n      \"rule\": ")
	writeJSONString(w, f.Rule)
	str("item", string(f.Item), false)
	str("severity", f.Severity.String(), false)
	str("status", string(f.Status), false)
	str("resource", f.Resource, false)
	str("component", f.Component, false)
	str("file", f.File, false)
	num("line", f.Line, false)
	num("end_line", f.EndLine, true)
	num("column", f.Column, true)
	num("end_column", f.EndColumn, true)
	str("message", f.Message, false)
	str("fix", f.Fix, true)
	str("expr", f.Expr, true)
	str("why", f.Why, true)
	str("fingerprint", f.Fingerprint, true)
	str("waiver", f.Waiver, true)
	if f.Baselined {
		w.WriteString(",\n      \"baselined\": true")
	}
	w.WriteString("\n    }")
}

const hexDigits = "0123456789abcdef"

// writeJSONString writes s as a JSON string the way encoding/json does with
// HTML escaping off: control characters, quotes and backslashes escaped,
// U+2028 and U+2029 escaped, invalid UTF-8 replaced by U+FFFD.
func writeJSONString(w *bufio.Writer, s string) {
	w.WriteByte('"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' {
				i++
				continue
			}
			w.WriteString(s[start:i])
			switch b {
			case '\\', '"':
				w.WriteByte('\\')
				w.WriteByte(b)
			case '\b':
				w.WriteString(`\b`)
			case '\f':
				w.WriteString(`\f`)
			case '\n':
				w.WriteString(`\n`)
			case '\r':
				w.WriteString(`\r`)
			case '\t':
				w.WriteString(`\t`)
			default:
				w.WriteString(`\u00`)
				w.WriteByte(hexDigits[b>>4])
				w.WriteByte(hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			w.WriteString(s[start:i])
			w.WriteString(`\ufffd`)
			i += size
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			w.WriteString(s[start:i])
			w.WriteString(`\u202`)
			w.WriteByte(hexDigits[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	w.WriteString(s[start:])
	w.WriteByte('"')
}
