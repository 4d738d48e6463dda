package terraform

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

func bigConfig(heredocAt int) []byte {
	var b strings.Builder
	for i := 0; b.Len() < chunkSize+chunkSize/4; i++ {
		fmt.Fprintf(&b, "resource \"aws_s3_bucket\" \"b%d\" {\n  bucket = \"b-%d\"\n  tags = { Name = \"é-%d\" }\n}\n", i, i, i)
		if heredocAt > 0 && b.Len() > heredocAt {
			// A heredoc whose lines look like top-level blocks, where a cut falls.
			b.WriteString("locals {\n  doc = <<-EOT\n" + strings.Repeat("resource \"x\" \"y\" {\n}\n", 1000) + "  EOT\n}\n")
			heredocAt = 0
		}
	}
	return []byte(b.String())
}

// TestParseInPiecesIsParseWhole: a large file parsed in pieces gives the
// blocks, and the ranges, a whole parse gives; when a cut falls inside a
// heredoc, the file is parsed whole.
func TestParseInPiecesIsParseWhole(t *testing.T) {
	for _, tc := range []struct {
		name       string
		src        []byte
		wantPieces bool
	}{
		{"plain", bigConfig(0), true},
		{"heredoc at a cut", bigConfig(chunkSize - 100), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if pieces := parseInPieces(tc.src, "main.tf") != nil; pieces != tc.wantPieces {
				t.Errorf("parsed in pieces: %v, want %v", pieces, tc.wantPieces)
			}
			want, diags := hclsyntax.ParseConfig(tc.src, "main.tf", hcl.InitialPos)
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			got, diags := parseConfig(tc.src, "main.tf")
			if diags.HasErrors() || got == nil {
				t.Fatal(diags)
			}
			wb := want.Body.(*hclsyntax.Body)
			if len(got.Blocks) != len(wb.Blocks) {
				t.Fatalf("%d blocks, want %d", len(got.Blocks), len(wb.Blocks))
			}
			for i := range wb.Blocks {
				g, w := got.Blocks[i], wb.Blocks[i]
				if g.Range() != w.Range() || g.Type != w.Type || strings.Join(g.Labels, ".") != strings.Join(w.Labels, ".") {
					t.Fatalf("block %d at %v (%v), want %v (%v)", i, g.Range(), g.Labels, w.Range(), w.Labels)
				}
			}
			if got.SrcRange.End != wb.SrcRange.End {
				t.Errorf("body ends at %v, want %v", got.SrcRange.End, wb.SrcRange.End)
			}
		})
	}
}

func TestAdvance(t *testing.T) {
	p := advance(hcl.InitialPos, []byte("ab\ncd\nef"))
	if p.Line != 3 || p.Column != 3 || p.Byte != 8 {
		t.Errorf("advance = %+v, want line 3, column 3, byte 8", p)
	}
}
