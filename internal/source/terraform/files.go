package terraform

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/bmatcuk/doublestar"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/prodgrade/prodgrade/internal/confine"
)

// Terraform's functions that read files go through the scan's confine.Tree:
// scanned code is untrusted, and a pull request must not be able to read
// /etc/shadow or ~/.aws/credentials into a report. A path the tree refuses
// (outside the scanned tree, not a regular file, too large) gives an unknown
// value that says so, never an error that would stop the component. What a
// file holds is marked hidden: rules may judge it, messages never print it.

// fileReadingFuncs are the functions whose results come from files; an
// error in an expression that calls one is reported without its text.
var fileReadingFuncs = map[string]bool{
	"file": true, "filebase64": true, "templatefile": true,
	"filemd5": true, "filesha1": true, "filesha256": true, "filesha512": true,
	"filebase64sha256": true, "filebase64sha512": true,
}

// files resolves paths as Terraform does, against the root module.
type files struct {
	dir  string
	tree *confine.Tree
}

// path returns the path a function argument names, or why it is not read.
func (f files) path(p string) (string, string) {
	if strings.HasPrefix(p, "~") {
		return "", p + " names the home directory of the machine that runs Terraform, outside the scanned tree"
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(f.dir, p)
	}
	return p, ""
}

// read reads the file a function names. When the tree refuses it, the
// unknown value to return instead says why; a file that does not exist is
// an error, as in Terraform.
func (f files) read(fn, p string) ([]byte, cty.Value, error) {
	full, why := f.path(p)
	if why != "" {
		return nil, refused(fn, why), nil
	}
	b, err := f.tree.ReadFile(full)
	if confine.IsRefused(err) {
		return nil, refused(fn, err.Error()), nil
	}
	if err != nil {
		return nil, cty.NilVal, fmt.Errorf("no file exists at %s", p)
	}
	return b, cty.NilVal, nil
}

func refused(fn, why string) cty.Value {
	return cty.UnknownVal(cty.String).Mark(causeMark{fn + "() is not evaluated: " + why})
}

// fromFile marks what a file holds: never printed.
func fromFile(v cty.Value) cty.Value { return v.Mark(hiddenMark{fromFileRead}) }

// dirFunctions are the functions that read files, resolving relative paths
// against dir (the root module), in a context whose parent holds the builtins.
func dirFunctions(dir string, tree *confine.Tree) *hcl.EvalContext {
	f := files{dir: dir, tree: tree}
	fs := map[string]function.Function{
		"file":       f.fileFunc("file", false),
		"filebase64": f.fileFunc("filebase64", true),
		"fileexists": f.existsFunc(),
		"fileset":    f.setFunc(),
	}
	for name, h := range map[string]hashKind{
		"filemd5": {md5.New, hex.EncodeToString}, "filesha1": {sha1.New, hex.EncodeToString},
		"filesha256": {sha256.New, hex.EncodeToString}, "filesha512": {sha512.New, hex.EncodeToString},
		"filebase64sha256": {sha256.New, base64.StdEncoding.EncodeToString},
		"filebase64sha512": {sha512.New, base64.StdEncoding.EncodeToString},
	} {
		fs[name] = f.hashFunc(name, h)
	}
	fs["templatefile"] = f.templateFunc(fs)
	for name, fn := range fs {
		fn = keepMarks(fn, false)
		fs[name] = fn
		fs["core::"+name] = fn
	}
	ctx := builtinContext().NewChild()
	ctx.Functions = fs
	return ctx
}

func pathParam() []function.Parameter { return []function.Parameter{{Name: "path", Type: cty.String}} }

// contentFunc is a function of one path that reads the file and hands
// its bytes to use; a refused read becomes the unknown value that says why.
func (f files) contentFunc(name string, use func(b []byte, p string) (cty.Value, error)) function.Function {
	return function.New(&function.Spec{
		Params: pathParam(),
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			p := args[0].AsString()
			b, refusal, err := f.read(name, p)
			if b == nil {
				return refusal, err
			}
			return use(b, p)
		},
	})
}

func (f files) fileFunc(name string, b64 bool) function.Function {
	return f.contentFunc(name, func(b []byte, p string) (cty.Value, error) {
		if b64 {
			return fromFile(cty.StringVal(base64.StdEncoding.EncodeToString(b))), nil
		}
		if !utf8.Valid(b) {
			return cty.NilVal, fmt.Errorf("contents of %s are not valid UTF-8; use filebase64", p)
		}
		return fromFile(cty.StringVal(string(b))), nil
	})
}

func (f files) hashFunc(name string, h hashKind) function.Function {
	return f.contentFunc(name, func(b []byte, _ string) (cty.Value, error) { return h.sum(b), nil })
}

// existsFunc is fileexists: true for a regular file inside the tree, false
// for a path inside it that does not exist, unknown for anything the tree
// refuses (a scan never tells what exists outside the tree).
func (f files) existsFunc() function.Function {
	return function.New(&function.Spec{
		Params: pathParam(),
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			full, why := f.path(args[0].AsString())
			if why != "" {
				return cty.UnknownVal(cty.Bool).Mark(causeMark{"fileexists() is not evaluated: " + why}), nil
			}
			st, err := f.tree.Stat(full)
			switch {
			case errors.Is(err, fs.ErrNotExist):
				return cty.False, nil
			case err != nil:
				return cty.UnknownVal(cty.Bool).Mark(causeMark{"fileexists() is not evaluated: " + err.Error()}), nil
			case st.IsDir():
				return cty.NilVal, fmt.Errorf("%s is a directory, not a file", args[0].AsString())
			}
			return cty.BoolVal(st.Mode().IsRegular()), nil
		},
	})
}

// maxFilesetEntries bounds the directory entries one fileset() call walks.
const maxFilesetEntries = 100_000

// setFunc is fileset: the regular files under path whose path relative to
// it matches pattern, walked inside the tree only.
func (f files) setFunc() function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}, {Name: "pattern", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Set(cty.String)),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			unknown := func(why string) (cty.Value, error) {
				return cty.UnknownVal(cty.Set(cty.String)).Mark(causeMark{"fileset() is not evaluated: " + why}), nil
			}
			base, why := f.path(args[0].AsString())
			if why != "" {
				return unknown(why)
			}
			pattern := path.Clean(filepath.ToSlash(args[1].AsString()))
			if pattern == ".." || strings.HasPrefix(pattern, "../") || path.IsAbs(pattern) {
				return unknown("the pattern " + args[1].AsString() + " leads outside " + args[0].AsString())
			}
			if _, err := doublestar.Match(pattern, ""); err != nil {
				return cty.NilVal, fmt.Errorf("invalid pattern %s: %v", args[1].AsString(), err)
			}
			var out []cty.Value
			seen := 0
			var walk func(dir, rel string) error
			walk = func(dir, rel string) error {
				entries, err := f.tree.ReadDir(dir)
				if err != nil {
					return err
				}
				for _, e := range entries {
					if seen++; seen > maxFilesetEntries {
						return fmt.Errorf("walks more than %d entries", maxFilesetEntries)
					}
					p, r := filepath.Join(dir, e.Name()), path.Join(rel, e.Name())
					if e.IsDir() {
						if e.Name() != ".git" {
							if err := walk(p, r); err != nil {
								return err
							}
						}
						continue
					}
					if ok, _ := doublestar.Match(pattern, r); !ok {
						continue
					}
					// A symlink is followed only where the tree allows.
					if st, err := f.tree.Stat(p); err == nil && st.Mode().IsRegular() {
						out = append(out, cty.StringVal(r))
					}
				}
				return nil
			}
			if err := walk(base, ""); err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return cty.SetValEmpty(cty.String), nil
				}
				return unknown(err.Error())
			}
			if len(out) == 0 {
				return cty.SetValEmpty(cty.String), nil
			}
			return cty.SetVal(out), nil
		},
	})
}

// templateFunc renders a template file relative to the module with the
// given variables and the same functions (except templatefile itself, as in Terraform).
func (f files) templateFunc(fs map[string]function.Function) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}, {Name: "vars", Type: cty.DynamicPseudoType}},
		Type:   function.StaticReturnType(cty.DynamicPseudoType),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			src, refusal, err := f.read("templatefile", args[0].AsString())
			if src == nil {
				return refusal, err
			}
			p, _ := f.path(args[0].AsString())
			if tooDeep(src) > 0 {
				return cty.NilVal, fmt.Errorf("templatefile: %s is nested more than %d levels deep, so it is not parsed", args[0].AsString(), maxNesting)
			}
			tmpl, diags := hclsyntax.ParseTemplate(src, p, hcl.InitialPos)
			if diags.HasErrors() {
				return cty.NilVal, templateError(args[0].AsString(), "is not valid", diags)
			}
			vars := map[string]cty.Value{}
			if v := args[1]; v.Type().IsObjectType() || v.Type().IsMapType() {
				if !v.IsWhollyKnown() {
					return cty.DynamicVal, nil
				}
				for it := v.ElementIterator(); it.Next(); {
					k, e := it.Element()
					vars[k.AsString()] = e
				}
			}
			inner := make(map[string]function.Function, len(builtins())+len(fs))
			for _, table := range []map[string]function.Function{builtins(), fs} {
				for k, fn := range table {
					if k != "templatefile" {
						inner[k] = fn
					}
				}
			}
			out, diags := tmpl.Value(&hcl.EvalContext{Variables: vars, Functions: inner})
			if diags.HasErrors() {
				return cty.NilVal, templateError(args[0].AsString(), "cannot be rendered", diags)
			}
			return fromFile(out), nil
		},
	})
}

// templateError names the template line and the kind of error, but not its
// detail, which can quote the values the template was given.
func templateError(name, what string, diags hcl.Diagnostics) error {
	for _, d := range diags {
		if d.Severity == hcl.DiagError && d.Subject != nil {
			return fmt.Errorf("the template %s %s: line %d: %s", name, what, d.Subject.Start.Line, d.Summary)
		}
	}
	return fmt.Errorf("the template %s %s", name, what)
}
