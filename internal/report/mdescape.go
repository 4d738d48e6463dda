package report

import (
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Everything a report holds beside prodgrade's own words comes from the
// scanned code — file names, resource addresses, messages quoting
// identifiers — and the code is untrusted: a pull request may name a file
// `</details><script>` or a resource `@team`. These helpers make such text
// inert in GitHub-flavoured Markdown, which also passes raw HTML through.

// zwsp (a zero-width space) separates "@" or "#" from what follows, so
// GitHub neither notifies a user or team nor links an issue: it finds
// mentions and references in rendered text, after backslash escapes and
// entities are undone, so only a character in between stops them.
const zwsp = "\u200b"

// mdText escapes s for Markdown prose (a list item, a table cell, a
// summary): HTML's special characters become entities, Markdown's are
// backslash-escaped, line breaks and control characters become spaces (a
// line of its own could start a block), and mentions, issue references and
// bare URLs (which GitHub would link) are broken up. The rendered text
// reads as s.
func mdText(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	skip := 0
	for i, r := range s {
		if skip > 0 {
			skip--
			continue
		}
		switch {
		case r < 0x20 || r == 0x7f || unicode.Is(unicode.Zl, r) || unicode.Is(unicode.Zp, r):
			b.WriteByte(' ')
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case strings.ContainsRune("\\`*_[]|~$!", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == ':' && strings.HasPrefix(s[i:], "://"):
			b.WriteString(":" + zwsp)
		case (r == 'w' || r == 'W') && len(s) >= i+4 && strings.EqualFold(s[i:i+4], "www.") && (i == 0 || !isWordByte(s[i-1])):
			b.WriteString(s[i:i+3] + zwsp)
			skip = 2 // the other two w
		case r == '@' || r == '#':
			b.WriteRune(r)
			if next, _ := utf8.DecodeRuneInString(s[i+1:]); next == '-' || unicode.IsLetter(next) || unicode.IsDigit(next) {
				b.WriteString(zwsp)
			}
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// mdCode writes s as a code span: shown verbatim in a fixed-width font,
// where neither HTML, Markdown, mentions nor links are interpreted. The
// fence is one backtick longer than the longest run of backticks in s. In a
// table cell (inTable) a "|" would end the cell even inside a code span, so
// it is escaped there, which GitHub undoes.
func mdCode(s string, inTable bool) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || unicode.Is(unicode.Zl, r) || unicode.Is(unicode.Zp, r) {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
	if s == "" {
		return ""
	}
	longest := longestBackticks(s)
	if inTable {
		s = strings.ReplaceAll(s, "|", `\|`)
	}
	fence := strings.Repeat("`", longest+1)
	// A space on each side keeps a backtick at either end from joining the
	// fence; CommonMark strips one space from each side.
	if s[0] == '`' || s[len(s)-1] == '`' || (s[0] == ' ' && s[len(s)-1] == ' ' && strings.TrimSpace(s) != "") {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

// mdFence returns a code fence (at least three backticks) longer than any
// run of backticks in s, so s cannot close the block it is written in.
func mdFence(s string) string {
	return strings.Repeat("`", max(3, longestBackticks(s)+1))
}

// longestBackticks is the length of the longest run of backticks in s.
func longestBackticks(s string) int {
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return longest
}

// sourceLink builds the link to file at line on the forge: base + "/" +
// file + "#L" + line, each segment of file percent-encoded so a file name
// can neither end the link nor leave the base. base is the user's
// --link-base; the characters that would end a Markdown link or a table
// cell are encoded in it too.
func sourceLink(base, file string, line int) string {
	var b strings.Builder
	b.WriteString(strings.TrimRight(encodeLinkChars(base), "/"))
	for seg := range strings.SplitSeq(file, "/") {
		if seg == "" || seg == "." {
			continue
		}
		b.WriteByte('/')
		if seg == ".." {
			b.WriteString("%2E%2E") // a literal name, not a step out of base
			continue
		}
		b.WriteString(url.PathEscape(seg))
	}
	if line > 0 {
		b.WriteString("#L")
		b.WriteString(strconv.Itoa(line))
	}
	return b.String()
}

// encodeLinkChars percent-encodes what would end or break a Markdown link
// destination or a table cell.
func encodeLinkChars(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte("()<>|`\"'\\[]", c) >= 0 {
			b.WriteString("%")
			b.WriteByte("0123456789ABCDEF"[c>>4])
			b.WriteByte("0123456789ABCDEF"[c&0xF])
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
