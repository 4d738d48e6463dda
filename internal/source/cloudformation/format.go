// Package cloudformation is the input format for AWS CloudFormation
// templates (YAML and JSON). It has no rules of its own: each resource's
// type and properties are mapped onto the Terraform kind and attribute
// names the AWS rules read (mapping.go), so every AWS rule grades
// CloudFormation as it grades Terraform, with CloudFormation's own defaults
// where they differ.
//
// Templates are read with the project's position-keeping YAML pass (JSON is
// YAML), which already turns the short-form tags (!Ref, !GetAtt, !Sub, …)
// into their long form, and evaluated by a small intrinsic-function
// evaluator (eval.go): Parameters with defaults or given values, Conditions,
// Mappings and the Fn:: functions, with anything only AWS knows left
// unknown with its reason. A library (goformation, rain) was not used: the
// YAML pass gives every value its file:line, which typed decoding loses,
// and it is already in the binary.
//
// One template is one component. A reference (Ref, Fn::GetAtt, ${X} in
// Fn::Sub) to another resource is an edge of the graph, from the
// attribute that holds it.
package cloudformation

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/source"
	"github.com/prodgrade/prodgrade/internal/source/yaml"
)

// Tool is what settles the unknown values of a template.
const Tool = "CloudFormation"

// Options are the format's options (scan.Options.FormatOptions["cloudformation"]).
type Options struct {
	// ParametersFile is a JSON file of parameter values: the list of
	// {"ParameterKey", "ParameterValue"} that `aws cloudformation
	// create-stack --parameters file://…` takes, or CodePipeline's
	// {"Parameters": {"Name": "value"}}. Its values apply to every
	// template that declares the parameter.
	ParametersFile string
	// Pseudo are pseudo-parameter values (AWS::Region, AWS::AccountId);
	// any other is unknown.
	Pseudo map[string]string
}

func init() {
	source.Register(&source.Format{
		Name:         "cloudformation",
		Files:        "CloudFormation templates (*.yaml, *.yml, *.json, *.template)",
		Match:        Match,
		StdinFormats: []string{"cloudformation"},
		Sniff:        Sniff,
		Validate:     validate,
		Load:         load,
		FixtureName:  fixtureName,
	})
}

// fixtureName is the name that states a resource's expected result in
// rule fixtures: its logical id, where a leading Pass, Fail, Unknown or
// Skip is its own word ("PassSevenDays" → "pass-SevenDays"), since a
// logical id can hold neither "-" nor "_".
func fixtureName(_ string, r *infra.Resource) string {
	for _, w := range []string{"Pass", "Fail", "Unknown", "Skip"} {
		if rest, ok := strings.CutPrefix(r.Name, w); ok && rest != "" && (rest[0] >= 'A' && rest[0] <= 'Z' || rest[0] >= '0' && rest[0] <= '9') {
			return strings.ToLower(w) + "-" + rest
		}
	}
	return r.Name
}

// Match takes every file a template may be in; which of them are templates
// is decided by their content (IsTemplate), and the others are left alone.
func Match(name string) bool {
	for _, ext := range []string{".yaml", ".yml", ".json", ".template"} {
		if strings.HasSuffix(name, ext) {
			return !strings.HasSuffix(name, ".tf.json")
		}
	}
	return false
}

// Sniff rates data as a template: AWSTemplateFormatVersion, or a Type:
// AWS::… resource under Resources, in its first kilobytes.
func Sniff(data []byte) int {
	if looksLikeTemplate(data[:min(len(data), 8192)]) {
		return 2
	}
	return 0
}

// looksLikeTemplate is a cheap look at the text before parsing, so the many
// YAML files that are not templates cost a byte search, not a parse.
func looksLikeTemplate(data []byte) bool {
	if bytes.Contains(data, []byte("AWSTemplateFormatVersion")) {
		return true
	}
	return bytes.Contains(data, []byte("Resources")) && bytes.Contains(data, []byte("AWS::"))
}

func validate(in *source.Input) error {
	opts, _ := in.Options.(Options)
	if opts.ParametersFile == "" {
		return nil
	}
	_, err := readParameters(in, opts.ParametersFile)
	return err
}

// given are the values of a parameters file: the parameters, and the
// stack's tags when the file says them (CodePipeline's form does).
type given struct {
	params map[string]string
	// tags are the stack-level tags, which CloudFormation applies to every
	// resource it creates; nil when not known.
	tags map[string]string
	// pseudo are the pseudo-parameters given.
	pseudo map[string]string
	// values are the parameters a parent stack passes a nested one.
	values map[string]infra.Value
}

// readParameters reads a parameters file in either form.
func readParameters(in *source.Input, file string) (*given, error) {
	data, err := in.Tree.ReadData(file)
	if err != nil {
		return nil, fmt.Errorf("--cfn-parameters %s: %w", file, err)
	}
	out := map[string]string{}
	var list []struct {
		ParameterKey     string
		ParameterValue   *json.RawMessage
		UsePreviousValue bool
	}
	if err := json.Unmarshal(data, &list); err == nil {
		for _, p := range list {
			if p.ParameterKey == "" || p.ParameterValue == nil || p.UsePreviousValue {
				continue // the stack's previous value: unknown here
			}
			out[p.ParameterKey] = rawString(*p.ParameterValue)
		}
		return &given{params: out}, nil
	}
	var pipeline struct {
		Parameters map[string]json.RawMessage
		Tags       map[string]string
	}
	if err := json.Unmarshal(data, &pipeline); err != nil || pipeline.Parameters == nil {
		return nil, fmt.Errorf("--cfn-parameters %s: not a parameters file: write a JSON list of {\"ParameterKey\": …, \"ParameterValue\": …} (as aws cloudformation create-stack takes) or {\"Parameters\": {\"Name\": \"value\"}} (as CodePipeline takes)", file)
	}
	for k, v := range pipeline.Parameters {
		out[k] = rawString(v)
	}
	return &given{params: out, tags: pipeline.Tags}, nil
}

// rawString is a JSON value as CloudFormation takes a parameter: a string
// as it is, anything else as its JSON text.
func rawString(m json.RawMessage) string {
	var s string
	if json.Unmarshal(m, &s) == nil {
		return s
	}
	return strings.TrimSpace(string(m))
}

// load loads every file that is a template, each a component: a CDK
// stack (a template a cdk.out/manifest.json names) is named by its stack
// id, and a template another nests locally is graded with its parent only.
func load(ctx context.Context, in *source.Input, emit func(*infra.Component)) []infra.Note {
	opts, _ := in.Options.(Options)
	g := &given{}
	var notes []infra.Note
	if opts.ParametersFile != "" {
		var err error
		if g, err = readParameters(in, opts.ParametersFile); err != nil {
			return []infra.Note{{Kind: infra.NoteError, File: opts.ParametersFile, Message: err.Error()}}
		}
		in.CountFiles(1)
	}
	g.pseudo = opts.Pseudo
	files := append(append([]string{}, in.Files...), in.Named...)
	type result struct {
		p     *parsed
		notes []infra.Note
	}
	out := make([]result, len(files))
	in.Workers.Each(ctx, len(files), func(i int) {
		if filepath.Base(files[i]) == "manifest.json" {
			return // a CDK cloud assembly's, read by cdkStacks
		}
		data, err := in.Tree.ReadSource(files[i])
		if err != nil {
			if head, herr := in.Tree.ReadHead(files[i]); herr == nil && looksLikeTemplate(head) {
				out[i].notes = []infra.Note{{Kind: infra.NoteError, File: files[i], Message: "cannot read: " + err.Error()}}
			}
			return
		}
		out[i].p, out[i].notes = parse(files[i], data)
	})
	byFile := map[string]*parsed{}
	nested := map[string]bool{}
	for _, r := range out {
		notes = append(notes, r.notes...)
		if r.p != nil {
			byFile[filepath.Clean(r.p.file)] = r.p
			for _, n := range nestedFiles(r.p) {
				if n = filepath.Clean(n); n != filepath.Clean(r.p.file) {
					nested[n] = true
				}
			}
		}
	}
	// A template nested only by templates that are themselves nested in a
	// cycle would be graded nowhere: whatever no root reaches is a root.
	reached := map[string]bool{}
	var walk func(f string)
	walk = func(f string) {
		if reached[f] {
			return
		}
		reached[f] = true
		if p := byFile[f]; p != nil {
			for _, n := range nestedFiles(p) {
				walk(filepath.Clean(n))
			}
		}
	}
	for f := range byFile {
		if !nested[f] {
			walk(f)
		}
	}
	for _, f := range slices.Sorted(maps.Keys(byFile)) {
		if !reached[f] {
			delete(nested, f)
			walk(f)
		}
	}
	stacks := cdkStacks(in, files, &notes)
	open := func(path string) (*parsed, error) {
		if p := byFile[filepath.Clean(path)]; p != nil {
			return p, nil
		}
		data, err := in.Tree.ReadSource(path)
		if err != nil {
			return nil, err
		}
		in.CountFiles(1)
		p, ns := parse(path, data)
		if p == nil && len(ns) > 0 {
			return nil, fmt.Errorf("%s", ns[0].Message)
		}
		return p, nil
	}
	var todo []*parsed
	for _, r := range out {
		if r.p != nil && !nested[filepath.Clean(r.p.file)] {
			todo = append(todo, r.p)
		}
	}
	if s := in.Stdin; s != nil {
		p, ns := parse(s.Name, s.Data)
		notes = append(notes, ns...)
		if p != nil {
			todo = append(todo, p)
		}
	}
	comps := make([]*infra.Component, len(todo))
	compNotes := make([][]infra.Note, len(todo))
	in.Workers.Each(ctx, len(todo), func(i int) {
		gi := g
		st := stacks[filepath.Clean(todo[i].file)]
		if st != nil {
			gi = st.given(g)
		}
		comps[i], compNotes[i] = todo[i].component(gi, open, st)
	})
	for i, c := range comps {
		notes = append(notes, compNotes[i]...)
		if c != nil {
			emit(c)
		}
	}
	return notes
}

// unrendered reports a template generator's source (Jinja, cookiecutter)
// rather than a template: its values are not what CloudFormation would
// read. CloudFormation's own {{resolve:…}} is not one.
func unrendered(data []byte) bool {
	return bytes.Contains(data, []byte("{%")) || bytes.Contains(data, []byte("{{cookiecutter")) ||
		bytes.Contains(data, []byte("{{ cookiecutter"))
}

// parsed is a template read and parsed, not yet evaluated.
type parsed struct {
	file  string
	root  infra.Value
	notes []infra.Note
}

// parse parses a file that may be a template. It returns nil and no note
// for a file that is not one, nil and an error note for a template that
// does not parse.
func parse(name string, data []byte) (*parsed, []infra.Note) {
	if !looksLikeTemplate(data) {
		return nil, nil
	}
	if unrendered(data) {
		return nil, []infra.Note{{Kind: infra.NoteCoverage, File: name,
			Message: "not graded: the template looks like an unrendered Jinja or cookiecutter template ({% … %}, {{ cookiecutter… }}); render it, then scan the output"}}
	}
	docs, err := yaml.Parse(name, data)
	if err != nil {
		n := infra.Note{Kind: infra.NoteError, File: name, Message: err.Error()}
		var ye *yaml.Error
		if errors.As(err, &ye) {
			n.Line, n.Message = ye.Line, ye.Msg
		}
		if (len(docs) == 0 || !IsTemplate(docs[0].Value)) && !bytes.Contains(data, []byte("AWSTemplateFormatVersion")) {
			return nil, nil // some other broken YAML that mentions AWS::
		}
		return nil, []infra.Note{n}
	}
	if len(docs) != 1 || !IsTemplate(docs[0].Value) {
		return nil, nil
	}
	p := &parsed{file: name, root: docs[0].Value}
	for _, d := range docs[0].Duplicates {
		p.notes = append(p.notes, infra.Note{Kind: infra.NoteError, File: name, Line: int(d.Loc.Line), Col: int(d.Loc.Col),
			Message: fmt.Sprintf("key %s is written twice in one mapping (first at line %d); CloudFormation rejects the template", d.Key, d.First)})
	}
	return p, nil
}

// component evaluates a parsed template into its component.
func (p *parsed) component(g *given, open func(string) (*parsed, error), st *cdkStack) (*infra.Component, []infra.Note) {
	t := newTemplate(p.file, p.root, g)
	t.open, t.notes = open, append(t.notes, p.notes...)
	t.build()
	comp := &infra.Component{Name: p.file, Path: p.file, Kind: "cloudformation template (one template, with the local nested stacks it includes)", Tool: Tool, Resources: t.out}
	if isSAM(p.root) {
		comp.Kind, comp.Tool = "sam template (a template SAM transforms, with Globals applied)", "AWS SAM"
	}
	if st != nil {
		comp.Name, comp.Kind = st.id, "cdk stack (a stack of a cdk.out cloud assembly, named by its stack id)" // synthesized: CloudFormation settles the rest
	}
	return comp, t.notes
}

// File loads one template. A file that is not a template gives neither a
// component nor a note; a template that does not parse is an error note.
// Nested stacks are not followed.
func File(name string, data []byte, g *given) (*infra.Component, []infra.Note) {
	if g == nil {
		g = &given{}
	}
	p, notes := parse(name, data)
	if p == nil {
		return nil, notes
	}
	return p.component(g, nil, nil)
}
