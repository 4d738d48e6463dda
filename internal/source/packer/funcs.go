package packer

import (
	"fmt"
	"maps"
	"path/filepath"
	"sync"

	"github.com/hashicorp/hcl/v2/ext/tryfunc"
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
	fs := hclguard.Functions()
	maps.Copy(fs, map[string]function.Function{
		"convert":       stdlib.MakeToFunc(cty.DynamicPseudoType),
		"index":         stdlib.IndexFunc,
		"length":        stdlib.LengthFunc,
		"lookup":        stdlib.LookupFunc,
		"merge":         stdlib.MergeFunc,
		"range":         hclguard.Bounded("range", stdlib.RangeFunc, rangeSize),
		"regex_replace": hclguard.Bounded("regex_replace", stdlib.RegexReplaceFunc, hclguard.ReplaceSize),
		"replace":       hclguard.Bounded("replace", stdlib.ReplaceFunc, hclguard.ReplaceSize),
		"try":           tryfunc.TryFunc,
	})
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
