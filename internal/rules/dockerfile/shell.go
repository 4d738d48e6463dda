package dockerfile

import (
	"path"
	"strings"

	"github.com/prodgrade/prodgrade/internal/rules/shellword"
)

// shellCmd is one simple command of a RUN's shell script: "apt-get
// install -y curl" out of "apt-get update && apt-get install -y curl | tee
// log". The rules ask what programs a RUN runs and with which arguments,
// so the script is split the way sh would split it: on &&, ||, ;, |, &,
// newlines and parentheses, with quotes removed, comments and redirections
// (> file, 2>&1, <<EOF) dropped, and $(…) kept whole inside its word.
type shellCmd struct {
	// words are the command's words with quotes removed.
	words []string
	// raw are the same words as written, quotes included, so that a rule
	// can tell a word that was quoted ("a | b" is not a pipe).
	raw []string
	// pipedFrom is set when the previous command's output is piped into
	// this one (a | b: set on b); pipeTo when this one's output goes to the
	// next.
	pipedFrom, pipeTo bool
	// heredocs are the delimiters of the here-documents it reads (<<EOF).
	heredocs []string
	// cond is set on the commands of a pipeline that is tested (if, elif,
	// while, until, !): its status is a condition, not a failure.
	cond bool
	// depth is 0 for a command of the RUN itself, 1 for one of a script it
	// runs with sh -c or a here-document, and so on. Pipes join commands of
	// the same depth only.
	depth int
}

// argv is the command as run: leading variable assignments (FOO=1 cmd)
// and wrappers that run the rest as a command (sudo, env, nice, nohup,
// time, command, exec) removed, and the program reduced to its base name
// (/usr/bin/apt-get is apt-get).
func (c shellCmd) argv() []string { return shellword.Argv(c.words) }

// prog is the program the command runs, "" when it runs none.
func (c shellCmd) prog() string {
	if a := c.argv(); len(a) > 0 {
		return a[0]
	}
	return ""
}

// runsSudo reports a command run through sudo.
func (c shellCmd) runsSudo() bool {
	w := shellword.DropAssignments(c.words)
	return len(w) > 0 && path.Base(w[0]) == "sudo"
}

// shellWords are the words that start a compound command or negate one;
// the command proper starts after them.
var shellWords = map[string]bool{"if": true, "then": true, "else": true, "elif": true, "do": true,
	"while": true, "until": true, "!": true, "{": true}

// shellEnds close a compound command and run nothing.
var shellEnds = map[string]bool{"fi": true, "done": true, "esac": true, "}": true, "": true}

// parseShell splits a POSIX shell script into its simple commands. It is
// not a full shell parser: it is enough to find programs and their
// arguments, and it never runs or expands anything. A command substitution
// $(…) or `…` and a process substitution <(…) stay whole inside their word.
func parseShell(script string) []shellCmd {
	p := &shellLexer{s: script}
	p.run()
	return p.cmds
}

type shellLexer struct {
	s         string
	i         int
	cmds      []shellCmd
	cur       shellCmd
	word, raw strings.Builder
	inWord    bool
	// skipWord drops the next word: the target of a redirection.
	skipWord bool
	// heredocWord marks that the next word is a here-document delimiter.
	heredocWord bool
	// pending are here-documents whose bodies start at the next newline.
	pending  []heredocDelim
	pipeNext bool
	// inCond is set between if/elif/while/until and then/do: the commands
	// there are a condition.
	inCond bool
}

type heredocDelim struct {
	word  string
	strip bool // <<- strips leading tabs
}

func (p *shellLexer) run() {
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '\\':
			if p.i+1 < len(p.s) && p.s[p.i+1] == '\n' {
				p.i += 2 // line continuation
				continue
			}
			if p.i+1 < len(p.s) {
				p.add(p.s[p.i+1:p.i+2], p.s[p.i:p.i+2])
				p.i += 2
				continue
			}
			p.i++
		case c == '\'':
			end := strings.IndexByte(p.s[p.i+1:], '\'')
			if end < 0 {
				end = len(p.s) - p.i - 1
			}
			p.add(p.s[p.i+1:p.i+1+end], p.s[p.i:min(len(p.s), p.i+2+end)])
			p.i += end + 2
		case c == '"':
			p.doubleQuoted()
		case c == '$' && p.i+1 < len(p.s) && (p.s[p.i+1] == '(' || p.s[p.i+1] == '{'):
			t := p.group(p.i + 1)
			p.add(t, t)
		case c == '`':
			end := strings.IndexByte(p.s[p.i+1:], '`')
			if end < 0 {
				end = len(p.s) - p.i - 1
			}
			t := p.s[p.i:min(len(p.s), p.i+2+end)]
			p.add(t, t)
			p.i += end + 2
		case c == '#' && !p.inWord:
			for p.i < len(p.s) && p.s[p.i] != '\n' {
				p.i++
			}
		case c == ' ' || c == '\t' || c == '\r':
			p.endWord()
			p.i++
		case c == '\n':
			p.endCmd(false)
			p.i++
			p.heredocBodies()
		case c == ';' || c == '(' || c == ')':
			p.endCmd(false)
			p.i++
		case c == '&':
			if p.i+1 < len(p.s) && p.s[p.i+1] == '>' { // &> file
				p.endWord()
				p.i += 2
				if p.i < len(p.s) && p.s[p.i] == '>' {
					p.i++
				}
				p.skipWord = true
				continue
			}
			p.endCmd(false)
			p.i++
			if p.i < len(p.s) && p.s[p.i] == '&' {
				p.i++
			}
		case c == '|':
			if p.i+1 < len(p.s) && p.s[p.i+1] == '|' {
				p.endCmd(false)
				p.i += 2
				continue
			}
			p.endCmd(true)
			p.i++
			if p.i < len(p.s) && p.s[p.i] == '&' {
				p.i++
			}
		case c == '<' && p.i+1 < len(p.s) && p.s[p.i+1] == '(':
			t := p.group(p.i + 1)
			t = "<" + t
			p.add(t, t)
		case c == '<' || c == '>':
			p.redirect()
		default:
			p.add(p.s[p.i:p.i+1], p.s[p.i:p.i+1])
			p.i++
		}
	}
	p.endCmd(false)
}

// add appends text to the current word.
func (p *shellLexer) add(text, raw string) {
	p.word.WriteString(text)
	p.raw.WriteString(raw)
	p.inWord = true
}

// doubleQuoted reads "…", where only \ before $ ` " \ and newline escapes
// and $(…) may hold quotes of its own.
func (p *shellLexer) doubleQuoted() {
	start := p.i
	p.i++
	var b strings.Builder
	for p.i < len(p.s) && p.s[p.i] != '"' {
		c := p.s[p.i]
		switch {
		case c == '\\' && p.i+1 < len(p.s) && strings.IndexByte("$`\"\\\n", p.s[p.i+1]) >= 0:
			if p.s[p.i+1] != '\n' {
				b.WriteByte(p.s[p.i+1])
			}
			p.i += 2
		case c == '$' && p.i+1 < len(p.s) && (p.s[p.i+1] == '(' || p.s[p.i+1] == '{'):
			b.WriteString(p.group(p.i + 1))
		default:
			b.WriteByte(c)
			p.i++
		}
	}
	p.i++ // the closing quote
	p.add(b.String(), p.s[start:min(p.i, len(p.s))])
}

// group reads from an opening ( or { at open to its match, minding
// nesting and quotes, and returns the text from the character before open
// ($ or <); p.i ends after the match.
func (p *shellLexer) group(open int) string {
	oc := p.s[open]
	cc := byte(')')
	if oc == '{' {
		cc = '}'
	}
	depth := 0
	i := open
	for i < len(p.s) {
		switch c := p.s[i]; c {
		case '\\':
			i++
		case '\'':
			if oc == '(' {
				if end := strings.IndexByte(p.s[i+1:], '\''); end >= 0 {
					i += end + 1
				}
			}
		case '"':
			for i++; i < len(p.s) && p.s[i] != '"'; i++ {
				if p.s[i] == '\\' {
					i++
				}
			}
		case oc:
			depth++
		case cc:
			depth--
			if depth == 0 {
				i++
				t := p.s[open-1 : i]
				p.i = i
				return t
			}
		}
		i++
	}
	t := p.s[open-1:]
	p.i = len(p.s)
	return t
}

// redirect reads a redirection operator; the word after it is its target
// (or a here-document's delimiter), not an argument of the command. A
// number written just before it (2>&1) is the file descriptor.
func (p *shellLexer) redirect() {
	if p.inWord && isDigits(p.word.String()) {
		p.word.Reset()
		p.raw.Reset()
		p.inWord = false
	}
	p.endWord()
	c := p.s[p.i]
	p.i++
	if c == '<' && p.i < len(p.s) && p.s[p.i] == '<' {
		p.i++
		if p.i < len(p.s) && p.s[p.i] == '<' { // <<< word
			p.i++
			p.skipWord = true
			return
		}
		strip := false
		if p.i < len(p.s) && p.s[p.i] == '-' {
			strip = true
			p.i++
		}
		p.heredocWord = true
		p.pending = append(p.pending, heredocDelim{strip: strip})
		return
	}
	if p.i < len(p.s) && strings.IndexByte(">&|", p.s[p.i]) >= 0 {
		p.i++
	}
	p.skipWord = true
}

// heredocBodies skips the bodies of the here-documents begun on the line
// just ended.
func (p *shellLexer) heredocBodies() {
	for _, h := range p.pending {
		for p.i < len(p.s) {
			end := strings.IndexByte(p.s[p.i:], '\n')
			line := p.s[p.i:]
			if end >= 0 {
				line = p.s[p.i : p.i+end]
				p.i += end + 1
			} else {
				p.i = len(p.s)
			}
			if h.strip {
				line = strings.TrimLeft(line, "\t")
			}
			if line == h.word {
				break
			}
		}
	}
	// A << whose delimiter never came (the line ended first) waits no more.
	p.pending, p.heredocWord = nil, false
}

func (p *shellLexer) endWord() {
	if !p.inWord {
		return
	}
	w, r := p.word.String(), p.raw.String()
	p.word.Reset()
	p.raw.Reset()
	p.inWord = false
	switch {
	case p.heredocWord:
		p.heredocWord = false
		if len(p.pending) > 0 {
			p.pending[len(p.pending)-1].word = w
		}
		p.cur.heredocs = append(p.cur.heredocs, w)
	case p.skipWord:
		p.skipWord = false
	default:
		p.cur.words = append(p.cur.words, w)
		p.cur.raw = append(p.cur.raw, r)
	}
}

// endCmd closes the current command; pipe says a | follows it.
func (p *shellLexer) endCmd(pipe bool) {
	p.endWord()
	p.skipWord = false
	c := p.cur
	p.cur = shellCmd{}
	for len(c.words) > 0 && shellWords[c.words[0]] {
		switch c.words[0] {
		case "if", "elif", "while", "until":
			p.inCond = true // up to then or do
		case "then", "do", "else":
			p.inCond = false
		case "!":
			c.cond = true
		}
		c.words, c.raw = c.words[1:], c.raw[1:]
	}
	c.cond = c.cond || p.inCond
	if len(c.words) > 0 && (c.words[0] == "for" || c.words[0] == "case" || c.words[0] == "select") {
		c.words, c.raw = nil, nil // a loop's word list runs nothing
	}
	if len(c.words) == 1 && shellEnds[c.words[0]] {
		c.words, c.raw = nil, nil
	}
	if len(c.words) == 0 && len(c.heredocs) == 0 {
		p.pipeNext = false
		return
	}
	c.pipedFrom = p.pipeNext
	c.pipeTo = pipe
	if c.pipedFrom && len(p.cmds) > 0 && p.cmds[len(p.cmds)-1].cond {
		c.cond = true
	}
	p.pipeNext = pipe
	p.cmds = append(p.cmds, c)
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// shellScript returns the script a shell command runs with -c (sh -c
// "…", bash -euc "…"), and whether it has one.
func shellScript(argv []string) (string, bool) {
	if len(argv) < 2 || !shellword.PosixShells[argv[0]] {
		return "", false
	}
	hasC := false
	for i := 1; i < len(argv); i++ {
		w := argv[i]
		if len(w) > 1 && (w[0] == '-' || w[0] == '+') && w != "--" {
			if w[0] == '-' && !strings.HasPrefix(w, "--") && strings.ContainsRune(w, 'c') {
				hasC = true
			}
			if shellword.TakesOptionName(w) {
				i++ // -o pipefail, -euo pipefail
			}
			continue
		}
		if hasC {
			return w, true
		}
		return "", false
	}
	return "", false
}
