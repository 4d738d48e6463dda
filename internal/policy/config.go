package policy

import (
	"bytes"
	"cmp"
	_ "embed"
	"errors"
	"fmt"
	"os"
	pathpkg "path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/source/yaml"
)

// FileNames are the names a configuration file is found by, in order.
var FileNames = []string{".prodgrade.yaml", ".prodgrade.yml"}

// schemaJSON is the configuration's JSON Schema; docs/prodgrade.schema.json
// is the same file, for editors and other tools (a test keeps them equal).
//
//go:embed schema.json
var schemaJSON []byte

// Config is a parsed .prodgrade.yaml: what production grade means for the
// components of one repository.
type Config struct {
	// File is the configuration file's path; Dir its directory, which
	// component paths and policy directories are relative to.
	File, Dir string
	// Tier is the tier of components that name none ("" for none).
	Tier         string
	Tiers        map[string]*Tier
	Components   []*Component
	Rules        map[string]*RuleSetting
	Waivers      []*Waiver
	Attestations []*Attestation
	// Policies are directories of custom rules, made absolute.
	Policies []string
}

// Tier is what a tier requires of its components.
type Tier struct {
	Name string
	// FailOn is the least severity of a gap that fails the gate on a
	// required item that sets none: a severity name, or "none".
	FailOn string
	Items  map[checklist.Item]ItemSetting
	Line   int
}

// ItemSetting is one item's setting in a tier.
type ItemSetting struct {
	// NotRequired: the item is reported but neither scored nor gated.
	NotRequired bool
	// FailOn overrides the tier's FailOn when not "".
	FailOn string
}

// Gate is the least severity of a gap on item that fails the gate (a
// severity name or "none"), and whether the item is required at all.
func (t *Tier) Gate(item checklist.Item) (failOn string, required bool) {
	s := t.Items[item]
	if s.NotRequired {
		return "none", false
	}
	if s.FailOn != "" {
		return s.FailOn, true
	}
	return t.FailOn, true
}

// Component is a component as the team names it: the components found
// under its paths, joined into one.
type Component struct {
	Name  string
	Paths []string // globs, slash-separated, relative to Config.Dir
	Names []string // globs over the names of found components
	Owner string
	Tier  string
	Line  int
}

// RuleSetting changes one rule for this repository.
type RuleSetting struct {
	// Disabled rules are not run.
	Disabled bool
	// Severity overrides the rule's severity when HasSeverity.
	Severity    checklist.Severity
	HasSeverity bool
	Params      map[string]float64
	Line        int
}

// Waiver accepts a gap until a date.
type Waiver struct {
	Rule      string
	Item      checklist.Item
	Resource  string // glob over resource addresses; "" for any
	Component string // glob over component names; "" for any
	File      string // glob over result files, relative to Config.Dir; "" for any
	Reason    string
	Owner     string
	Expires   time.Time // the last day it waives
	Ticket    string
	Line      int
}

// ID names the waiver in reports: where it is written.
func (w *Waiver) ID(file string) string { return filepath.ToSlash(file) + ":" + strconv.Itoa(w.Line) }

// Attestation records evidence for an item no code can show.
type Attestation struct {
	Item      checklist.Item
	Component string
	Evidence  string
	By        string
	Date      time.Time
	Expires   time.Time
	Line      int
}

// Error is one problem in a configuration file, at its line: the YAML
// pass's error, so a syntax error and a policy error read alike.
type Error = yaml.Error

// Errors are every problem found in a configuration file, one per line.
type Errors []*Error

func (es Errors) Error() string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Find looks for a configuration file in each path's directory and its
// parents, and returns the one found ("" when none is). Paths that find
// different files are an error: the scan would not know which applies.
func Find(paths []string) (string, error) {
	found := ""
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			continue
		}
		if st, err := os.Stat(abs); err == nil && !st.IsDir() {
			abs = filepath.Dir(abs)
		}
		f := findUp(abs)
		switch {
		case f == "" || f == found:
		case found == "":
			found = f
		default:
			return "", fmt.Errorf("the scanned paths have different configuration files (%s and %s); name one with --config", found, f)
		}
	}
	return found, nil
}

func findUp(dir string) string {
	for {
		for _, n := range FileNames {
			p := filepath.Join(dir, n)
			if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
				return p
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// maxConfigSize bounds a configuration file: it is read before anything
// else, and a real one is a few kilobytes.
const maxConfigSize = 4 << 20

// Load reads, validates and parses a configuration file. ruleKnown tells
// a rule id that exists (built-in or custom), and ruleParams the parameters
// a rule declares, so settings and waivers for rules that do not exist are
// errors rather than silently doing nothing.
func Load(file string, ruleKnown func(id string) bool, ruleParams func(id string) []string) (*Config, error) {
	st, err := os.Stat(file)
	if err != nil {
		return nil, fmt.Errorf("configuration file: %w", err)
	}
	if !st.Mode().IsRegular() || st.Size() > maxConfigSize {
		return nil, fmt.Errorf("configuration file %s: not a regular file of at most %d MiB", file, maxConfigSize>>20)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("configuration file: %w", err)
	}
	return Parse(file, data, ruleKnown, ruleParams)
}

// Parse parses configuration data read from file.
func Parse(file string, data []byte, ruleKnown func(string) bool, ruleParams func(string) []string) (*Config, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, Errors{{File: file, Msg: "the file is empty; it needs at least \"version: 1\" (prodgrade init writes a starter file)"}}
	}
	docs, err := yaml.Parse(file, data)
	if err != nil {
		var ye *yaml.Error
		if errors.As(err, &ye) {
			return nil, Errors{ye}
		}
		return nil, Errors{{File: file, Msg: err.Error()}}
	}
	if len(docs) != 1 {
		return nil, Errors{{File: file, Msg: fmt.Sprintf("holds %d YAML documents; it must hold one", len(docs))}}
	}
	root := docs[0].Value
	var errs Errors
	for _, d := range docs[0].Duplicates {
		errs = append(errs, &Error{File: file, Line: int(d.Loc.Line), Msg: fmt.Sprintf("%s is written twice (first at line %d)", d.Key, d.First)})
	}
	invalid := validate(file, root)
	abs, err := filepath.Abs(file)
	if err != nil {
		abs = file
	}
	// The parser checks what the schema cannot (names that must exist,
	// dates that must be real), so a user learns of every mistake at
	// once; on a line the schema already faulted it says nothing more.
	p := &parser{file: file, cfg: &Config{File: file, Dir: filepath.Dir(abs), Tiers: map[string]*Tier{}, Rules: map[string]*RuleSetting{}}}
	p.parse(root, ruleKnown, ruleParams)
	errs = append(errs, invalid...)
	for _, e := range p.errs {
		if !slices.ContainsFunc(invalid, func(x *Error) bool { return x.Line == e.Line }) {
			errs = append(errs, e)
		}
	}
	if len(errs) > 0 {
		sort.SliceStable(errs, func(i, j int) bool { return errs[i].Line < errs[j].Line })
		return nil, errs
	}
	return p.cfg, nil
}

// validate checks the document against the schema, and words each
// violation at the line of the value it is about.
func validate(file string, root infra.Value) Errors {
	sch, err := compiledSchema()
	if err != nil {
		panic("policy: the embedded schema does not compile: " + err.Error())
	}
	err = sch.Validate(toJSON(root))
	var ve *jsonschema.ValidationError
	if err == nil || !errors.As(err, &ve) {
		return nil
	}
	printer := message.NewPrinter(language.English)
	var out Errors
	seen := map[string]bool{}
	// walk reports the leaves of the error tree. A leaf about a key (a
	// propertyNames failure) is located at its own root: it then takes
	// its parent's place and words.
	var walk func(e *jsonschema.ValidationError, parent []string, prefix string)
	walk = func(e *jsonschema.ValidationError, parent []string, prefix string) {
		// The library's location slices may share their arrays: copy.
		loc, msg := slices.Clone(e.InstanceLocation), e.ErrorKind.LocalizedString(printer)
		if len(loc) < len(parent) {
			loc, msg = parent, prefix+": "+msg
		}
		if len(e.Causes) > 0 {
			for _, c := range e.Causes {
				walk(c, loc, msg)
			}
			return
		}
		where := "at the top level"
		if len(loc) > 0 {
			where = "at " + strings.Join(loc, ".")
		}
		key := strings.Join(loc, "/") + "\x00" + msg
		if seen[key] {
			return
		}
		seen[key] = true
		out = append(out, &Error{File: file, Line: lineAt(root, loc), Msg: where + ": " + msg})
	}
	walk(ve, nil, "")
	sort.SliceStable(out, func(i, j int) bool { return out[i].Line < out[j].Line })
	return out
}

func compiledSchema() (*jsonschema.Schema, error) {
	// Compiled on each call to Parse that validates: once per scan, a
	// fraction of a millisecond, and no mutable package state.
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaJSON))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("prodgrade.schema.json", doc); err != nil {
		return nil, err
	}
	return c.Compile("prodgrade.schema.json")
}

// lineAt finds the line of the value at a JSON pointer's steps.
func lineAt(v infra.Value, steps []string) int {
	line := int(v.Loc.Line)
	for _, s := range steps {
		switch v.Kind() {
		case infra.Object:
			v = v.Field(s)
		case infra.List:
			i, err := strconv.Atoi(s)
			if err != nil || i >= v.Len() {
				return line
			}
			v = v.List()[i]
		default:
			return line
		}
		if v.Loc.Line > 0 {
			line = int(v.Loc.Line)
		}
	}
	return line
}

// toJSON turns a YAML value into the form a JSON Schema validator reads.
func toJSON(v infra.Value) any {
	switch v.Kind() {
	case infra.Object:
		m := map[string]any{}
		for _, f := range v.Fields() {
			m[f.Name] = toJSON(f.Value)
		}
		return m
	case infra.List:
		l := make([]any, 0, v.Len())
		for _, e := range v.List() {
			l = append(l, toJSON(e))
		}
		return l
	case infra.String:
		s, _ := v.Str()
		return s
	case infra.Number:
		n, _ := v.Number()
		return n
	case infra.Bool:
		b, _ := v.Bool()
		return b
	}
	return nil
}

// parser turns a valid document into a Config, checking what the schema
// cannot: names that must refer to something, dates that must exist.
type parser struct {
	file string
	cfg  *Config
	errs Errors
}

func (p *parser) errorf(v infra.Value, format string, args ...any) {
	p.errs = append(p.errs, &Error{File: p.file, Line: int(v.Loc.Line), Msg: fmt.Sprintf(format, args...)})
}

func str(v infra.Value, name string) string {
	s, _ := v.Field(name).Str()
	return s
}

func (p *parser) date(v infra.Value, name string) time.Time {
	s := str(v, name)
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		p.errorf(v.Field(name), "%s %q is not a day of the calendar (YYYY-MM-DD)", name, s)
	}
	return t
}

func (p *parser) parse(root infra.Value, ruleKnown func(string) bool, ruleParams func(string) []string) {
	cfg := p.cfg
	cfg.Tier = str(root, "tier")
	for _, f := range root.Field("tiers").Fields() {
		t := &Tier{Name: f.Name, FailOn: cmp.Or(str(f.Value, "fail_on"), "low"), Items: map[checklist.Item]ItemSetting{}, Line: int(f.Value.Loc.Line)}
		for _, it := range f.Value.Field("items").Fields() {
			var s ItemSetting
			if b, ok := it.Value.Field("required").Bool(); ok {
				s.NotRequired = !b
			}
			s.FailOn = str(it.Value, "fail_on")
			t.Items[checklist.Item(it.Name)] = s
		}
		cfg.Tiers[f.Name] = t
	}
	tierKnown := func(v infra.Value, name string) {
		if t := str(v, name); t != "" && cfg.Tiers[t] == nil {
			p.errorf(v.Field(name), "tier %q is not defined under tiers (defined: %s)", t, names(cfg.Tiers))
		}
	}
	tierKnown(root, "tier")
	seen := map[string]int{}
	for _, v := range root.Field("components").List() {
		c := &Component{Name: str(v, "name"), Owner: str(v, "owner"), Tier: str(v, "tier"), Line: int(v.Loc.Line)}
		for _, g := range v.Field("paths").List() {
			s, _ := g.Str()
			c.Paths = append(c.Paths, strings.TrimPrefix(filepath.ToSlash(filepath.Clean(s)), "./"))
		}
		for _, g := range v.Field("names").List() {
			s, _ := g.Str()
			c.Names = append(c.Names, s)
		}
		if first, dup := seen[c.Name]; dup {
			p.errorf(v, "component %q is declared twice (first at line %d)", c.Name, first)
		}
		seen[c.Name] = c.Line
		tierKnown(v, "tier")
		cfg.Components = append(cfg.Components, c)
	}
	for _, f := range root.Field("rules").Fields() {
		if ruleKnown != nil && !ruleKnown(f.Name) {
			p.errorf(f.Value, "rule %q does not exist (prodgrade rules lists them)", f.Name)
			continue
		}
		rs := &RuleSetting{Line: int(f.Value.Loc.Line), Params: map[string]float64{}}
		if b, ok := f.Value.Field("enabled").Bool(); ok {
			rs.Disabled = !b
		}
		if sev := str(f.Value, "severity"); sev != "" {
			rs.Severity, _ = checklist.ParseSeverity(sev) // the schema allows only names
			rs.HasSeverity = true
		}
		for _, pv := range f.Value.Field("params").Fields() {
			if ruleParams != nil {
				if declared := ruleParams(f.Name); !slices.Contains(declared, pv.Name) {
					what := "declares no parameters"
					if len(declared) > 0 {
						what = "declares only " + strings.Join(declared, ", ")
					}
					p.errorf(pv.Value, "rule %s has no parameter %q: it %s", f.Name, pv.Name, what)
					continue
				}
			}
			n, _ := pv.Value.Number()
			rs.Params[pv.Name] = n
		}
		cfg.Rules[f.Name] = rs
	}
	for _, v := range root.Field("waivers").List() {
		w := &Waiver{Rule: str(v, "rule"), Item: checklist.Item(str(v, "item")), Resource: str(v, "resource"),
			Component: str(v, "component"), File: strings.TrimPrefix(str(v, "file"), "./"), Reason: str(v, "reason"), Owner: str(v, "owner"), Ticket: str(v, "ticket"),
			Expires: p.date(v, "expires"), Line: int(v.Loc.Line)}
		if w.Rule != "" && ruleKnown != nil && !ruleKnown(w.Rule) {
			p.errorf(v.Field("rule"), "rule %q does not exist (prodgrade rules lists them)", w.Rule)
		}
		if _, err := filepath.Match(w.File, ""); err != nil {
			p.errorf(v.Field("file"), "%q is not a valid glob: %v", w.File, err)
		}
		cfg.Waivers = append(cfg.Waivers, w)
	}
	for _, v := range root.Field("attestations").List() {
		a := &Attestation{Item: checklist.Item(str(v, "item")), Component: str(v, "component"), Evidence: str(v, "evidence"),
			By: str(v, "by"), Date: p.date(v, "date"), Expires: p.date(v, "expires"), Line: int(v.Loc.Line)}
		if !a.Date.IsZero() && !a.Expires.IsZero() && a.Expires.Before(a.Date) {
			p.errorf(v.Field("expires"), "the attestation expires (%s) before it was made (%s)", a.Expires.Format(time.DateOnly), a.Date.Format(time.DateOnly))
		}
		cfg.Attestations = append(cfg.Attestations, a)
	}
	for _, v := range root.Field("policies").List() {
		s, _ := v.Str()
		if !filepath.IsAbs(s) {
			s = filepath.Join(cfg.Dir, s)
		}
		cfg.Policies = append(cfg.Policies, s)
	}
}

func names(tiers map[string]*Tier) string {
	var out []string
	for n := range tiers {
		out = append(out, n)
	}
	if len(out) == 0 {
		return "none"
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}

// ComponentFor names the configured component that takes in a component
// found with this name at path (a directory or file, as the loader gives
// it), or "" when none does.
func (c *Config) ComponentFor(name, path string) string {
	if c == nil {
		return ""
	}
	rel := c.Rel(path)
	for _, cc := range c.Components {
		for _, g := range cc.Names {
			if Matches(g, name) {
				return cc.Name
			}
		}
		for _, g := range cc.Paths {
			if rel != "" && globMatch(g, rel) {
				return cc.Name
			}
		}
	}
	return ""
}

// Rel is path relative to the configuration's directory, slash-separated,
// or "" when it is outside it.
func (c *Config) Rel(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return ""
	}
	r, err := filepath.Rel(c.Dir, abs)
	if err != nil || !filepath.IsLocal(r) && r != "." {
		return ""
	}
	return filepath.ToSlash(r)
}

// globMatch matches a slash-separated path against a glob in which **
// stands for any number of directories; a glob also covers everything
// under what it matches (infra/payments covers infra/payments/db).
func globMatch(glob, p string) bool {
	return matchSegments(strings.Split(glob, "/"), strings.Split(p, "/"))
}

func matchSegments(g, p []string) bool {
	for len(g) > 0 {
		if g[0] == "**" {
			for i := 0; i <= len(p); i++ {
				if matchSegments(g[1:], p[i:]) {
					return true
				}
			}
			return false
		}
		if len(p) == 0 {
			return false
		}
		if ok, _ := pathpkg.Match(g[0], p[0]); !ok {
			return false
		}
		g, p = g[1:], p[1:]
	}
	return true // the glob matched a prefix of the path: it covers the rest
}

// LabelKey is the label, annotation or tag by which code names the
// component a resource belongs to: a Kubernetes label or annotation, a
// Compose service label, a Dockerfile LABEL, a Terraform tag.
const LabelKey = "prodgrade.io/component"

// labelPaths are where LabelKey is looked for in a resource's attributes.
var labelPaths = [][]string{{"tags"}, {"tags_all"}, {"metadata", "labels"}, {"metadata", "annotations"}, {"labels"}}

// Labelled names the component the resources of c say they belong to with
// LabelKey, when they name exactly one. When they name several, it names
// none and says so in a note: one found component is not split.
func Labelled(c *infra.Component) (name string, note *infra.Note) {
	var names []string
	for _, r := range c.Resources {
		for _, p := range labelPaths {
			v := r.Attrs
			for _, step := range p {
				v = v.Field(step)
			}
			if s, ok := v.Field(LabelKey).Str(); ok && s != "" && !slices.Contains(names, s) {
				names = append(names, s)
			}
		}
	}
	switch len(names) {
	case 0:
		return "", nil
	case 1:
		return names[0], nil
	}
	sort.Strings(names)
	return "", &infra.Note{Kind: infra.NoteCoverage, File: c.Path, Message: fmt.Sprintf(
		"the resources of %s name several components with %s (%s), so it joins none of them; label them alike, or declare the component in .prodgrade.yaml",
		c.Name, LabelKey, strings.Join(names, ", "))}
}

// Matches tells whether name matches the glob pattern as the configuration
// writes them over resource addresses and component names: * stands for
// any run of characters (dots and slashes too), ? for one, and everything
// else is itself — brackets included, which Terraform addresses are full
// of (module.db["eu"].aws_db_instance.this[0]).
func Matches(pattern, name string) bool {
	for len(pattern) > 0 {
		switch pattern[0] {
		case '*':
			for pattern != "" && pattern[0] == '*' {
				pattern = pattern[1:]
			}
			if pattern == "" {
				return true
			}
			for i := 0; i <= len(name); i++ {
				if Matches(pattern, name[i:]) {
					return true
				}
			}
			return false
		case '?':
			if name == "" {
				return false
			}
			_, size := utf8.DecodeRuneInString(name)
			pattern, name = pattern[1:], name[size:]
		default:
			if name == "" || name[0] != pattern[0] {
				return false
			}
			pattern, name = pattern[1:], name[1:]
		}
	}
	return name == ""
}
