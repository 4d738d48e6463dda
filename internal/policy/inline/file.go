package inline

import (
	"bytes"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// language is how a file writes comments.
type language uint8

const (
	noComments language = iota // JSON (plans, .tf.json), unknown files
	hclLang                    // "#", "//" and "/* */"; comments may end a line
	yamlLang                   // "#", at the start of a line or after a blank
	dockerLang                 // "#" at the start of a line only
)

// languageOf decides a file's comment syntax from its name, or, for a
// Dockerfile (which has no fixed name), from the kind of resource that
// points into it.
func languageOf(path, kind string) language {
	base := strings.ToLower(filepath.Base(path))
	switch {
	case strings.HasSuffix(base, ".json"):
		return noComments
	case strings.HasSuffix(base, ".tf"), strings.HasSuffix(base, ".hcl"), strings.HasSuffix(base, ".tfvars"):
		return hclLang
	case strings.HasSuffix(base, ".yaml"), strings.HasSuffix(base, ".yml"):
		return yamlLang
	case strings.HasPrefix(kind, "dockerfile/"):
		return dockerLang
	}
	return noComments
}

// lineKind classifies a line of a file for placing directives.
type lineKind uint8

const (
	blank     lineKind = iota
	comment            // only a comment
	code               // anything else, with or without a comment at its end
	separator          // a YAML document marker, "---" or "..."
)

// comment is one comment of a file.
type commentText struct {
	line int // 1-based
	text string
	// trailing is set for a comment at the end of a line of code.
	trailing bool
}

// lexed is a file split into what directives need: the kind of each line
// (index 0 is line 1) and its comments.
type lexed struct {
	lines    []lineKind
	indent   []int // leading spaces of each line (YAML)
	text     [][]byte
	comments []commentText
}

func lex(lang language, path string, src []byte) *lexed {
	switch lang {
	case hclLang:
		return lexHCL(path, src)
	case yamlLang:
		return lexLines(src, true)
	case dockerLang:
		return lexLines(src, false)
	}
	return &lexed{}
}

// lexHCL uses HCL's own scanner, so that a "#" inside a string or a heredoc
// is never taken for a comment.
func lexHCL(path string, src []byte) *lexed {
	l := &lexed{text: bytes.Split(src, []byte("\n"))}
	l.lines = make([]lineKind, len(l.text))
	for i, t := range l.text {
		if len(bytes.TrimSpace(t)) > 0 {
			l.lines[i] = code // until a token says it is a comment
		}
	}
	toks, _ := hclsyntax.LexConfig(src, path, hcl.InitialPos)
	hasCode := make([]bool, len(l.text)+1)
	for _, t := range toks {
		switch t.Type {
		case hclsyntax.TokenNewline, hclsyntax.TokenEOF, hclsyntax.TokenComment:
		default:
			for ln := t.Range.Start.Line; ln <= t.Range.End.Line && ln <= len(l.text); ln++ {
				hasCode[ln] = true
			}
		}
	}
	for _, t := range toks {
		if t.Type != hclsyntax.TokenComment {
			continue
		}
		start, end := t.Range.Start.Line, t.Range.End.Line
		body := string(t.Bytes)
		if strings.HasSuffix(body, "\n") {
			end = start // a line comment's range ends on the next line
		}
		for ln := start; ln <= end && ln <= len(l.text); ln++ {
			if !hasCode[ln] {
				l.lines[ln-1] = comment
			}
		}
		var text string
		switch {
		case strings.HasPrefix(body, "#"):
			text = body[1:]
		case strings.HasPrefix(body, "//"):
			text = body[2:]
		default:
			continue // /* */: not a place for directives
		}
		l.comments = append(l.comments, commentText{line: start, text: strings.TrimRight(text, "\r\n"), trailing: hasCode[start]})
	}
	return l
}

// lexLines splits a YAML file or a Dockerfile into lines. In YAML a comment
// may also end a line ("key: value  # note") and block scalars (|, >) hold
// text in which "#" is no comment; a Dockerfile's heredocs (RUN <<EOF) are
// likewise text.
func lexLines(src []byte, yaml bool) *lexed {
	l := &lexed{text: bytes.Split(src, []byte("\n"))}
	l.lines = make([]lineKind, len(l.text))
	l.indent = make([]int, len(l.text))
	scalarIndent := -1   // YAML: inside a block scalar introduced at this indentation
	heredocEnd := ""     // Dockerfile: inside a heredoc ending with this word
	heredocTrim := false // <<-: the end word may be indented
	for i, raw := range l.text {
		s := strings.TrimRight(string(raw), "\r")
		trimmed := strings.TrimLeft(s, " \t")
		indent := len(s) - len(trimmed)
		l.indent[i] = indent
		switch {
		case heredocEnd != "":
			l.lines[i] = code
			end := s
			if heredocTrim {
				end = strings.TrimLeft(s, "\t")
			}
			if end == heredocEnd {
				heredocEnd = ""
			}
			continue
		case scalarIndent >= 0 && (trimmed == "" || indent > scalarIndent):
			l.lines[i] = code // block scalar text, blank lines included
			continue
		}
		scalarIndent = -1
		switch {
		case trimmed == "":
			l.lines[i] = blank
		case strings.HasPrefix(trimmed, "#"):
			l.lines[i] = comment
			l.comments = append(l.comments, commentText{line: i + 1, text: trimmed[1:]})
		case yaml && (trimmed == "---" || trimmed == "..." || strings.HasPrefix(trimmed, "--- ")):
			l.lines[i] = separator
		default:
			l.lines[i] = code
			if !yaml {
				heredocEnd, heredocTrim = heredocStart(trimmed)
				continue
			}
			body := trimmed
			if at := trailingComment(trimmed); at >= 0 {
				l.comments = append(l.comments, commentText{line: i + 1, text: trimmed[at+1:], trailing: true})
				body = strings.TrimRight(trimmed[:at], " \t")
			}
			if blockScalar(body) {
				scalarIndent = indent
			}
		}
	}
	return l
}

// trailingComment returns the index of the "#" that starts a comment at
// the end of a YAML line, or -1: a "#" after a blank, outside quotes.
func trailingComment(s string) int {
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote == '"' && c == '\\':
			i++
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			// A quote opens a string only at the start of a scalar.
			if i == 0 || strings.ContainsRune(" \t:-[{,", rune(s[i-1])) {
				quote = c
			}
		case c == '#' && i > 0 && (s[i-1] == ' ' || s[i-1] == '\t'):
			return i
		}
	}
	return -1
}

// blockScalar reports a YAML line that introduces a block scalar: it ends
// in "|" or ">", with optional chomping and indentation indicators.
func blockScalar(s string) bool {
	s = strings.TrimRight(s, "+-0123456789")
	return strings.HasSuffix(s, "|") || strings.HasSuffix(s, ">")
}

// heredocStart returns the end word of a heredoc an instruction opens
// (RUN <<EOF, COPY <<-"EOT" /x), and whether it may be indented.
func heredocStart(s string) (string, bool) {
	i := strings.Index(s, "<<")
	if i < 0 {
		return "", false
	}
	w := s[i+2:]
	trim := strings.HasPrefix(w, "-")
	w = strings.TrimPrefix(w, "-")
	w = strings.TrimLeft(w, `"'`)
	n := 0
	for n < len(w) && (w[n] == '_' || w[n] >= 'A' && w[n] <= 'Z' || w[n] >= 'a' && w[n] <= 'z' || w[n] >= '0' && w[n] <= '9') {
		n++
	}
	if n == 0 {
		return "", false
	}
	return w[:n], trim
}

// kind returns the kind of 1-based line n; lines past the end are blank.
func (l *lexed) kind(n int) lineKind {
	if n < 1 || n > len(l.lines) {
		return blank
	}
	return l.lines[n-1]
}

// target is the line a whole-line comment at line n is about: the next
// line of code, past other comments (several directives may stack) and,
// in YAML, past document markers. A blank line ends the search: a
// directive separated from the code by a blank line is about nothing, as
// a doc comment separated from its declaration is. 0 when there is none.
func (l *lexed) target(n int) int {
	for m := n + 1; m <= len(l.lines); m++ {
		switch l.kind(m) {
		case code:
			return m
		case blank:
			return 0
		}
	}
	return 0
}
