package terraform

import (
	"bytes"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// chunkSize is the size above which a file is parsed in pieces. hcl's
// scanner turns a whole file into one slice of tokens, many times the
// file's size and grown by copying: one 26 MB file spent half its scan
// there. Cut at top-level blocks, each piece costs what a file of its size
// costs, and the tokens of one piece are garbage before the next is scanned.
const chunkSize = 1 << 20

// topLevel are the words a top-level block of a .tf file starts with.
var topLevel = [][]byte{
	[]byte("resource"), []byte("data"), []byte("module"), []byte("locals"), []byte("variable"),
	[]byte("output"), []byte("provider"), []byte("terraform"), []byte("moved"), []byte("import"),
	[]byte("check"), []byte("removed"),
}

// parseConfig parses a .tf file. A large file is parsed in pieces, cut
// before lines that start a top-level block; when any piece does not parse
// (a cut fell inside a heredoc or a comment, or the file is invalid), the
// file is parsed whole, so what is parsed and every error reported are
// hcl's own.
func parseConfig(src []byte, path string) (*hclsyntax.Body, hcl.Diagnostics) {
	if len(src) > chunkSize {
		if body := parseInPieces(src, path); body != nil {
			return body, nil
		}
	}
	f, diags := hclsyntax.ParseConfig(src, path, hcl.InitialPos)
	if f == nil {
		return nil, diags
	}
	body, _ := f.Body.(*hclsyntax.Body)
	return body, diags
}

func parseInPieces(src []byte, path string) *hclsyntax.Body {
	whole := &hclsyntax.Body{Attributes: hclsyntax.Attributes{}}
	start := hcl.InitialPos
	for off := 0; off < len(src); {
		end := cutAfter(src, off+chunkSize)
		f, diags := hclsyntax.ParseConfig(src[off:end], path, start)
		if diags.HasErrors() || f == nil {
			return nil
		}
		body, ok := f.Body.(*hclsyntax.Body)
		if !ok {
			return nil
		}
		for name, a := range body.Attributes {
			if _, dup := whole.Attributes[name]; dup {
				return nil // hcl reports the duplicate
			}
			whole.Attributes[name] = a
		}
		whole.Blocks = append(whole.Blocks, body.Blocks...)
		whole.EndRange = body.EndRange
		start = advance(start, src[off:end])
		off = end
	}
	whole.SrcRange = hcl.Range{Filename: path, Start: hcl.InitialPos, End: start}
	return whole
}

// cutAfter returns the offset of the first line at or after from that
// starts a top-level block, or len(src).
func cutAfter(src []byte, from int) int {
	if from >= len(src) {
		return len(src)
	}
	for {
		nl := bytes.IndexByte(src[from:], '\n')
		if nl < 0 {
			return len(src)
		}
		line := from + nl + 1
		rest := src[line:]
		for _, w := range topLevel {
			if bytes.HasPrefix(rest, w) && len(rest) > len(w) && (rest[len(w)] == ' ' || rest[len(w)] == '{') {
				return line
			}
		}
		from = line
	}
}

// advance is the position just after text, which starts at p.
func advance(p hcl.Pos, text []byte) hcl.Pos {
	p.Byte += len(text)
	lines := bytes.Count(text, []byte{'\n'})
	if lines == 0 {
		p.Column += len(text)
		return p
	}
	p.Line += lines
	p.Column = len(text) - bytes.LastIndexByte(text, '\n')
	return p
}
