package terraform

import "github.com/prodgrade/prodgrade/internal/source/hclguard"

// The bounds on evaluation are shared with every HCL front end (see
// hclguard); these names keep the package's own spelling.
const overBounds = hclguard.OverBounds

var (
	tooLarge          = hclguard.TooLarge
	bounded           = hclguard.Bounded
	tooManyIterations = hclguard.TooManyIterations
	concatSize        = hclguard.ConcatSize
	formatSize        = hclguard.FormatSize
	indentSize        = hclguard.IndentSize
	joinSize          = hclguard.JoinSize
	decodeSize        = hclguard.DecodeSize
	replaceSize       = hclguard.ReplaceSize
	productSize       = hclguard.ProductSize
)
