package packer

import (
	"fmt"
	"path/filepath"
	"sync"

	"github.com/hashicorp/go-cty-funcs/cidr"
	"github.com/hashicorp/go-cty-funcs/collection"
	"github.com/hashicorp/go-cty-funcs/crypto"
	"github.com/hashicorp/go-cty-funcs/encoding"
	"github.com/hashicorp/go-cty-funcs/filesystem"
	"github.com/hashicorp/go-cty-funcs/uuid"
	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	ctyyaml "github.com/zclconf/go-cty-yaml"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"

	"github.com/prodgrade/prodgrade/internal/confine"
	"github.com/prodgrade/prodgrade/internal/source/hclguard"
)

// runTimeFuncs are Packer's functions whose result depends on the run: the
// clock, randomness, or a secret store. They give unknown values; the
// reason says which.
var runTimeFuncs = map[string]string{
	"timestamp":              "the time Packer runs",
	"legacy_isotime":         "the time Packer runs",
	"legacy_strftime":        "the time Packer runs",
	"uuidv4":                 "a random UUID Packer makes when it runs",
	"bcrypt":                 "a random salt Packer makes when it runs",
	"vault":                  "a secret Packer reads from Vault when it runs",
	"aws_secretsmanager":     "a secret Packer reads from AWS Secrets Manager when it runs",
	"aws_secretsmanager_raw": "a secret Packer reads from AWS Secrets Manager when it runs",
	"consul_key":             "a key Packer reads from Consul when it runs",
	"env":                    "an environment variable of the machine running Packer",
	"templatefile":           "a template file prodgrade does not render",
	"fileset":                "a directory listing prodgrade does not make",
	"pathexpand":             "the home directory of whoever runs Packer",
}

// builtins are the functions of Packer's HCL2 language that do not read
// files, built once (the table is read-only). Functions that can build
// large values are bounded (hclguard), so that a few hostile lines cannot
// ask for terabytes. A function not here makes its expression unknown
// with hcl's "Call to unknown function", never a crash.
var builtins = sync.OnceValue(func() map[string]function.Function {
	fs := map[string]function.Function{
		"abs":             stdlib.AbsoluteFunc,
		"base64decode":    encoding.Base64DecodeFunc,
		"base64encode":    encoding.Base64EncodeFunc,
		"basename":        filesystem.BasenameFunc,
		"can":             tryfunc.CanFunc,
		"ceil":            stdlib.CeilFunc,
		"chomp":           stdlib.ChompFunc,
		"chunklist":       stdlib.ChunklistFunc,
		"cidrhost":        cidr.HostFunc,
		"cidrnetmask":     cidr.NetmaskFunc,
		"cidrsubnet":      cidr.SubnetFunc,
		"cidrsubnets":     cidr.SubnetsFunc,
		"coalesce":        collection.CoalesceFunc,
		"coalescelist":    stdlib.CoalesceListFunc,
		"compact":         stdlib.CompactFunc,
		"concat":          hclguard.Bounded("concat", stdlib.ConcatFunc, hclguard.ConcatSize),
		"contains":        stdlib.ContainsFunc,
		"convert":         stdlib.MakeToFunc(cty.DynamicPseudoType),
		"csvdecode":       stdlib.CSVDecodeFunc,
		"dirname":         filesystem.DirnameFunc,
		"distinct":        stdlib.DistinctFunc,
		"element":         stdlib.ElementFunc,
		"flatten":         stdlib.FlattenFunc,
		"floor":           stdlib.FloorFunc,
		"format":          hclguard.Bounded("format", stdlib.FormatFunc, hclguard.FormatSize),
		"formatdate":      stdlib.FormatDateFunc,
		"formatlist":      hclguard.Bounded("formatlist", stdlib.FormatListFunc, hclguard.FormatSize),
		"indent":          hclguard.Bounded("indent", stdlib.IndentFunc, hclguard.IndentSize),
		"index":           stdlib.IndexFunc,
		"join":            hclguard.Bounded("join", stdlib.JoinFunc, hclguard.JoinSize),
		"jsondecode":      hclguard.Bounded("jsondecode", stdlib.JSONDecodeFunc, hclguard.DecodeSize),
		"jsonencode":      stdlib.JSONEncodeFunc,
		"keys":            stdlib.KeysFunc,
		"length":          stdlib.LengthFunc,
		"log":             stdlib.LogFunc,
		"lookup":          stdlib.LookupFunc,
		"lower":           stdlib.LowerFunc,
		"max":             stdlib.MaxFunc,
		"md5":             crypto.Md5Func,
		"merge":           stdlib.MergeFunc,
		"min":             stdlib.MinFunc,
		"parseint":        stdlib.ParseIntFunc,
		"pow":             stdlib.PowFunc,
		"range":           hclguard.Bounded("range", stdlib.RangeFunc, rangeSize),
		"regex":           stdlib.RegexFunc,
		"regex_replace":   hclguard.Bounded("regex_replace", stdlib.RegexReplaceFunc, hclguard.ReplaceSize),
		"regexall":        stdlib.RegexAllFunc,
		"replace":         hclguard.Bounded("replace", stdlib.ReplaceFunc, hclguard.ReplaceSize),
		"reverse":         stdlib.ReverseListFunc,
		"rsadecrypt":      crypto.RsaDecryptFunc,
		"setintersection": stdlib.SetIntersectionFunc,
		"setproduct":      hclguard.Bounded("setproduct", stdlib.SetProductFunc, hclguard.ProductSize),
		"setunion":        stdlib.SetUnionFunc,
		"sha1":            crypto.Sha1Func,
		"sha256":          crypto.Sha256Func,
		"sha512":          crypto.Sha512Func,
		"signum":          stdlib.SignumFunc,
		"slice":           stdlib.SliceFunc,
		"sort":            stdlib.SortFunc,
		"split":           stdlib.SplitFunc,
		"strrev":          stdlib.ReverseFunc,
		"substr":          stdlib.SubstrFunc,
		"timeadd":         stdlib.TimeAddFunc,
		"title":           stdlib.TitleFunc,
		"tobool":          stdlib.MakeToFunc(cty.Bool),
		"tolist":          stdlib.MakeToFunc(cty.List(cty.DynamicPseudoType)),
		"tomap":           stdlib.MakeToFunc(cty.Map(cty.DynamicPseudoType)),
		"tonumber":        stdlib.MakeToFunc(cty.Number),
		"toset":           stdlib.MakeToFunc(cty.Set(cty.DynamicPseudoType)),
		"tostring":        stdlib.MakeToFunc(cty.String),
		"trim":            stdlib.TrimFunc,
		"trimprefix":      stdlib.TrimPrefixFunc,
		"trimspace":       stdlib.TrimSpaceFunc,
		"trimsuffix":      stdlib.TrimSuffixFunc,
		"try":             tryfunc.TryFunc,
		"upper":           stdlib.UpperFunc,
		"urlencode":       encoding.URLEncodeFunc,
		"uuidv5":          uuid.V5Func,
		"values":          stdlib.ValuesFunc,
		"yamldecode":      hclguard.Bounded("yamldecode", ctyyaml.YAMLDecodeFunc, hclguard.DecodeSize),
		"yamlencode":      ctyyaml.YAMLEncodeFunc,
		"zipmap":          stdlib.ZipmapFunc,
	}
	for name := range runTimeFuncs {
		fs[name] = unknownFunc() // explain gives the reason, from the call's name
	}
	return fs
})

// rangeSize is range's: the number of elements it would make.
func rangeSize(args []cty.Value) int64 {
	nums := make([]float64, len(args))
	for i, a := range args {
		a, _ = a.Unmark()
		if !a.IsKnown() || a.IsNull() || a.Type() != cty.Number {
			return -1
		}
		nums[i], _ = a.AsBigFloat().Float64()
	}
	start, end, step := 0.0, 0.0, 1.0
	switch len(nums) {
	case 1:
		end = nums[0]
	case 2:
		start, end = nums[0], nums[1]
	case 3:
		start, end, step = nums[0], nums[1], nums[2]
	default:
		return -1
	}
	if step == 0 {
		return -1 // range refuses it itself
	}
	n := (end - start) / step
	if n > float64(hclguard.MaxValueBytes) {
		return hclguard.MaxValueBytes + 1
	}
	if n < 0 {
		return 0
	}
	return int64(n) * hclguard.ElementBytes
}

// unknownFunc accepts any arguments and returns an unknown value: the
// result is only known when Packer runs.
func unknownFunc() function.Function {
	return function.New(&function.Spec{
		VarParam: &function.Parameter{Name: "args", Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true, AllowMarked: true},
		Type:     function.StaticReturnType(cty.DynamicPseudoType),
		Impl: func([]cty.Value, cty.Type) (cty.Value, error) {
			return cty.DynamicVal, nil
		},
	})
}

// fileFuncs are the functions that read files, each through the tree: a
// template's file("/etc/shadow") is refused, not read. Paths are relative
// to the template's directory, as Packer resolves them from its working
// directory when run there. What file() reads is hidden: a template may
// read a key or a token.
func fileFuncs(tree *confine.Tree, dir string) map[string]function.Function {
	resolve := func(p string) string {
		if filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(dir, p)
	}
	return map[string]function.Function{
		"file": function.New(&function.Spec{
			Params: []function.Parameter{{Name: "path", Type: cty.String}},
			Type:   function.StaticReturnType(cty.String),
			Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
				p := args[0].AsString()
				b, err := tree.ReadFile(resolve(p))
				if err != nil {
					return cty.NilVal, fmt.Errorf("file(%q) cannot be read: %v", p, err)
				}
				return cty.StringVal(string(b)).Mark(hidden{fromFile}), nil
			},
		}),
		"fileexists": function.New(&function.Spec{
			Params: []function.Parameter{{Name: "path", Type: cty.String}},
			Type:   function.StaticReturnType(cty.Bool),
			Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
				p := args[0].AsString()
				st, err := tree.Stat(resolve(p))
				if err != nil {
					if confine.IsRefused(err) {
						return cty.NilVal, fmt.Errorf("fileexists(%q): %v", p, err)
					}
					return cty.False, nil
				}
				return cty.BoolVal(st.Mode().IsRegular()), nil
			},
		}),
		"abspath": function.New(&function.Spec{
			Params: []function.Parameter{{Name: "path", Type: cty.String}},
			Type:   function.StaticReturnType(cty.String),
			Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
				return cty.UnknownVal(cty.String), nil // depends on where Packer runs
			},
		}),
	}
}
