package ansible

import "strings"

// span is one whitespace-separated word of a task's free-form text, with
// its byte offsets.
type span struct {
	text       string
	start, end int
}

// words splits text at whitespace outside quotes and Jinja delimiters,
// as Ansible splits a module's key=value arguments.
func words(text string) []span {
	var out []span
	start := -1
	depth := 0 // {{ … }}, {% … %}, {# … #}
	var quote byte
	for i := 0; i < len(text); i++ {
		c := text[i]
		if start < 0 {
			if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
				continue
			}
			start = i
		}
		switch {
		case quote != 0:
			if c == '\\' && i+1 < len(text) {
				i++
			} else if c == quote {
				quote = 0
			}
		case (c == '"' || c == '\'') && depth == 0:
			quote = c
		case c == '{' && i+1 < len(text) && strings.IndexByte("{%#", text[i+1]) >= 0:
			depth++
			i++
		case depth > 0 && i+1 < len(text) && strings.IndexByte("}%#", c) >= 0 && text[i+1] == '}':
			depth--
			i++
		case depth == 0 && (c == ' ' || c == '\t' || c == '\n' || c == '\r'):
			out = append(out, span{text: text[start:i], start: start, end: i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, span{text: text[start:], start: start, end: len(text)})
	}
	return out
}

// splitKV is words without offsets.
func splitKV(text string) []string {
	ws := words(text)
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.text
	}
	return out
}

// freeFormKeys are the key=value options Ansible takes out of a free-form
// module's text; the rest of the text is the command (_raw_params).
var freeFormKeys = map[string]bool{
	"creates": true, "removes": true, "chdir": true, "executable": true, "warn": true,
	"stdin": true, "stdin_add_newline": true, "strip_empty_ends": true, "decrypt": true,
	"expand_argument_vars": true,
}

// freeForm are the modules whose argument is text rather than key=value
// pairs.
var freeForm = map[string]bool{
	"command": true, "shell": true, "raw": true, "script": true, "win_command": true, "win_shell": true,
	"include_tasks": true, "import_tasks": true, "include": true, "import_playbook": true,
	"include_vars": true, "add_host": false, "group_by": false, "set_fact": false, "meta": true,
}

// parseArgs reads a module's arguments written as text: key=value pairs,
// or for a free-form module its text with the options above taken out.
// Values are returned as written (quotes removed).
func parseArgs(module, text string) (raw string, kv [][2]string) {
	ws := words(text)
	if freeForm[module] {
		var b strings.Builder
		last := 0
		for _, w := range ws {
			k, v, ok := strings.Cut(w.text, "=")
			if !ok || !freeFormKeys[k] {
				continue
			}
			kv = append(kv, [2]string{k, unquote(v)})
			b.WriteString(text[last:w.start])
			last = w.end
		}
		b.WriteString(text[last:])
		return strings.TrimSpace(b.String()), kv
	}
	var rest []string
	for _, w := range ws {
		k, v, ok := strings.Cut(w.text, "=")
		if !ok || k == "" || strings.ContainsAny(k, " {}'\"") {
			rest = append(rest, w.text)
			continue
		}
		kv = append(kv, [2]string{k, unquote(v)})
	}
	return strings.Join(rest, " "), kv
}

// shlex splits a command module's text into argv as Python's shlex does
// in POSIX mode: quotes group, backslashes escape, nothing is expanded.
func shlex(text string) ([]string, bool) {
	var out []string
	var b strings.Builder
	in := false
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '\'':
			in = true
			j := strings.IndexByte(text[i+1:], '\'')
			if j < 0 {
				return nil, false
			}
			b.WriteString(text[i+1 : i+1+j])
			i += 1 + j
		case c == '"':
			in = true
			for i++; i < len(text) && text[i] != '"'; i++ {
				if text[i] == '\\' && i+1 < len(text) && strings.IndexByte("\\\"$`\n", text[i+1]) >= 0 {
					i++
				}
				b.WriteByte(text[i])
			}
			if i >= len(text) {
				return nil, false
			}
		case c == '\\' && i+1 < len(text):
			in = true
			i++
			if text[i] != '\n' {
				b.WriteByte(text[i])
			}
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			if in {
				out = append(out, b.String())
				b.Reset()
				in = false
			}
		default:
			in = true
			b.WriteByte(c)
		}
	}
	if in {
		out = append(out, b.String())
	}
	return out, true
}

// shellQuote quotes a word so that a POSIX shell reads it back unchanged,
// except that $ expansions stay expansions (the command module expands
// environment variables in its arguments).
func shellQuote(w string) string {
	if w == "" {
		return "''"
	}
	if !strings.Contains(w, "$") {
		return "'" + strings.ReplaceAll(w, "'", `'\''`) + "'"
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(w); i++ {
		if strings.IndexByte("\"\\`", w[i]) >= 0 {
			b.WriteByte('\\')
		}
		b.WriteByte(w[i])
	}
	b.WriteByte('"')
	return b.String()
}
