package terraform

import (
	"fmt"

	"github.com/prodgrade/prodgrade/internal/infra"
)

// maxNesting bounds how deep brackets and unary operators may nest in one
// HCL file or expression. HCL's parser recurses once per level, and a Go
// stack overflow kills the whole process, so a file nested deeper is
// refused before it is parsed. Real Terraform nests fewer than 50 levels;
// the parser itself copes with about 10,000.
const maxNesting = 1000

// tooDeep scans src without parsing it and returns the line where
// brackets ((, [, {, and ${ in templates) or a run of unary operators
// (!, -) nest deeper than maxNesting, or 0. Comments are skipped; strings
// and heredocs are not, since their interpolations are parsed too, and
// brackets balanced inside them only add to the depth for a while.
func tooDeep(src []byte) int {
	depth, unary, line := 0, 0, 1
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '\n':
			line++
		case c == '#' || c == '/' && i+1 < len(src) && src[i+1] == '/':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			line++
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			for i += 2; i+1 < len(src) && !(src[i] == '*' && src[i+1] == '/'); i++ {
				if src[i] == '\n' {
					line++
				}
			}
			i++
		case c == '(' || c == '[' || c == '{':
			if depth++; depth > maxNesting {
				return line
			}
		case c == ')' || c == ']' || c == '}':
			if depth > 0 {
				depth--
			}
		}
		switch c {
		case '!', '-':
			if unary++; unary > maxNesting {
				return line
			}
		case ' ', '\t', '\r', '\n', '(':
		default:
			unary = 0
		}
	}
	return 0
}

// depthNote is the input error for a file nested deeper than maxNesting.
func depthNote(path string, line int) infra.Note {
	return infra.Note{Kind: infra.NoteError, File: path, Line: line,
		Message: fmt.Sprintf("nested more than %d levels deep (brackets, blocks or unary operators); real configuration nests far less, so the file is not parsed", maxNesting)}
}
