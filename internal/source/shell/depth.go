package shell

// maxNesting bounds how deep a script may nest (parentheses, braces,
// $(…), if/case/loops) before it is handed to the parser, which recurses:
// a hostile script nested a million levels deep would overflow the stack,
// a fatal error no recover catches. Real scripts nest a few levels.
const maxNesting = 500

// tooDeep returns the line at which src nests deeper than maxNesting, or
// 0. It is a cheap over-approximation of the shell's grammar: quotes and
// comments are skipped, every opening bracket and compound keyword counts,
// and a closing one ends the innermost.
func tooDeep(src []byte) int {
	depth, line := 0, 1
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '\n':
			line++
		case c == '\\':
			i++
		case c == '\'':
			for i++; i < len(src) && src[i] != '\''; i++ {
				if src[i] == '\n' {
					line++
				}
			}
		case c == '#' && (i == 0 || src[i-1] == ' ' || src[i-1] == '\t' || src[i-1] == '\n'):
			for i < len(src) && src[i] != '\n' {
				i++
			}
			i--
		case c == '(' || c == '{':
			if depth++; depth > maxNesting {
				return line
			}
		case c == ')' || c == '}':
			if depth > 0 {
				depth--
			}
		case isWordStart(src, i):
			w := bareWord(src, i)
			switch w {
			case "if", "case", "for", "while", "until", "select":
				if depth++; depth > maxNesting {
					return line
				}
			case "fi", "esac", "done":
				if depth > 0 {
					depth--
				}
			}
			i += len(w) - 1
		}
	}
	return 0
}

func isWordStart(src []byte, i int) bool {
	c := src[i]
	if c < 'a' || c > 'z' {
		return false
	}
	return i == 0 || !isWordByte(src[i-1])
}

func bareWord(src []byte, i int) string {
	j := i
	for j < len(src) && isWordByte(src[j]) {
		j++
	}
	return string(src[i:j])
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
