// Package hclguard holds the limits every HCL front end (Terraform,
// Packer) applies to scanned code before and while it evaluates it: a
// nesting depth checked before parsing, since hcl's parser recurses once per
// level and a Go stack overflow kills the whole scan, and bounds on the
// values functions and for expressions may build, since a few lines of HCL
// can ask for terabytes. They live here, not in one front end, so that every
// HCL format refuses the same hostile input the same way.
package hclguard

import (
	"fmt"

	"github.com/prodgrade/prodgrade/internal/infra"
)

// MaxNesting bounds how deep brackets and unary operators may nest in one
// HCL file or expression. HCL's parser recurses once per level, and a Go
// stack overflow kills the whole process, so a file nested deeper is
// refused before it is parsed. Real Terraform nests fewer than 50 levels;
// the parser itself copes with about 10,000.
const MaxNesting = 1000

// TooDeep scans src without parsing it and returns the line where
// brackets ((, [, {, and ${ in templates) or a run of unary operators
// (!, -) nest deeper than MaxNesting, or 0. Comments are skipped; strings
// and heredocs are not, since their interpolations are parsed too, and
// brackets balanced inside them only add to the depth for a while.
func TooDeep(src []byte) int {
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
			if depth++; depth > MaxNesting {
				return line
			}
		case c == ')' || c == ']' || c == '}':
			if depth > 0 {
				depth--
			}
		}
		switch c {
		case '!', '-':
			if unary++; unary > MaxNesting {
				return line
			}
		case ' ', '\t', '\r', '\n', '(':
		default:
			unary = 0
		}
	}
	return 0
}

// DepthNote is the input error for a file nested deeper than MaxNesting.
func DepthNote(path string, line int) infra.Note {
	return infra.Note{Kind: infra.NoteError, File: path, Line: line,
		Message: fmt.Sprintf("nested more than %d levels deep (brackets, blocks or unary operators); real configuration nests far less, so the file is not parsed", MaxNesting)}
}
