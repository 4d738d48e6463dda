// Package inline finds inline suppressions — comments and Kubernetes
// annotations with which a user accepts one finding where the code is —
// and matches them to rule results.
//
// prodgrade's own syntax is
//
//	# prodgrade:ignore <rule-id>[,<rule-id>…] [exp:YYYY-MM-DD] <reason>
//
// in Terraform (also with //), YAML and Dockerfiles, and the annotations
// prodgrade.io/ignore, prodgrade.io/ignore-reason and
// prodgrade.io/ignore-expires on a Kubernetes object, and prodgrade.ignore
// in a CloudFormation resource's Metadata (metadata.go). The syntaxes of
// Checkov, tfsec, Trivy, hadolint, kube-score, Polaris, kube-linter,
// cfn_nag and cfn-lint are honoured too, mapped to prodgrade rules through
// each rule's References, so that a team moving to prodgrade keeps the
// suppressions it has.
// docs/inline-suppressions.md says where each may be written and what it
// covers.
//
// Files are read through the scan's confined reader (scanned code is
// untrusted), lazily — only when a result points into them, or a
// component is registered with Load — and once each.
package inline

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/report"
	"github.com/prodgrade/prodgrade/internal/rules"
)

// Scope says what a directive covers.
type Scope string

const (
	// ScopeLine: results located on the line the directive is about (the
	// code line below it, or its own line for a comment that ends a line),
	// and every result of a resource whose block or object starts there.
	ScopeLine Scope = "line"
	// ScopeBlock: every result of the Terraform block the directive is
	// written inside (Checkov's placement).
	ScopeBlock Scope = "block"
	// ScopeFile: every result located in the file (hadolint's global
	// ignore, Checkov in a Dockerfile), or every result of a
	// CloudFormation template's resources (cfn-lint's ignore_checks in
	// the template's Metadata).
	ScopeFile Scope = "file"
	// ScopeObject: every result of the Kubernetes object whose annotation
	// it is, or of the CloudFormation resource in whose Metadata it is
	// written (with the resources the loader makes from it).
	ScopeObject Scope = "object"
)

// Directive is one inline suppression.
type Directive struct {
	// File and Line are where it is written; for an annotation, where its
	// value is (or the object, when that is not known).
	File string
	Line int
	// Syntax is the tool whose syntax it is written in.
	Syntax Syntax
	Scope  Scope
	// Target is the line a ScopeLine directive is about.
	Target int
	// Written are the ids as written: prodgrade rule ids or peer check ids.
	Written []string
	// Rules are the prodgrade rules it suppresses, after mapping.
	Rules []string
	// Unmapped are written ids that stand for no prodgrade rule: a peer
	// check prodgrade has no equivalent for, or an unknown rule id (which
	// is also reported as a note).
	Unmapped []string
	Reason   string
	// Expires is the last day it suppresses; zero when it has no expiry.
	// An expired directive still matches its results, so that the finding
	// can say "suppression expired on …"; it no longer waives them.
	Expires time.Time
	// filter is a Trivy [attr=value] filter: the directive applies only
	// to resources whose attr is the string value.
	filter  string
	matched atomic.Int64
}

// ID names the directive in a finding's Waiver field: "file:line".
func (d *Directive) ID() string { return fmt.Sprintf("%s:%d", d.File, d.Line) }

// Matched is the number of results Match has attributed to it.
func (d *Directive) Matched() int { return int(d.matched.Load()) }

// Expired reports whether today is past the directive's last day.
func (d *Directive) Expired(today time.Time) bool {
	return !d.Expires.IsZero() && today.Format(dateLayout) > d.Expires.Format(dateLayout)
}

// expiringWithin is how close an expiry must be for "expiring".
const expiringWithin = 30 * 24 * time.Hour

// Status is the directive's status for the report's waivers section:
// "stale" (it matched nothing: the finding is fixed or the directive is
// misplaced; remove it), "expired" (its findings gate again), "expiring"
// (within 30 days) or "active". Call it after every result was matched.
func (d *Directive) Status(today time.Time) string {
	switch {
	case d.Matched() == 0:
		return "stale"
	case d.Expired(today):
		return "expired"
	case !d.Expires.IsZero() && d.Expires.Sub(today) <= expiringWithin:
		return "expiring"
	}
	return "active"
}

// Waiver is the directive as the JSON report lists it. A directive naming
// several rules is one waiver whose Rule lists them, comma-separated.
func (d *Directive) Waiver(today time.Time) report.Waiver {
	w := report.Waiver{ID: d.ID(), Source: "inline", Rule: strings.Join(d.Rules, ","), Reason: d.Reason,
		Status: d.Status(today), Matched: d.Matched()}
	if !d.Expires.IsZero() {
		w.Expires = d.Expires.Format(dateLayout)
	}
	return w
}

// ExpiredMessage is what a finding whose suppression has expired says, to
// be added to its message.
func (d *Directive) ExpiredMessage() string {
	return fmt.Sprintf("suppression %s at %s expired on %s — renew it or fix the finding",
		d.Syntax, d.ID(), d.Expires.Format(dateLayout))
}

func (d *Directive) names(rule string) bool { return slices.Contains(d.Rules, rule) }

// Index holds the directives of the files a scan's results point into.
// It is safe for concurrent use: components are graded in parallel.
type Index struct {
	read  func(path string) ([]byte, error)
	today time.Time
	peers *peers
	known map[string]bool

	mu      sync.Mutex
	files   map[string]*fileEntry
	objects map[string][]*Directive // by object: file and address; by CloudFormation Metadata section: its position
	notes   []infra.Note
}

// fileEntry is one file's directives, found on first use.
type fileEntry struct {
	once     sync.Once
	path     string
	lang     language
	lx       *lexed
	byTarget map[int][]*Directive
	blocks   []*Directive // ScopeBlock, by line
	global   []*Directive // ScopeFile
	all      []*Directive
}

// New returns an empty index. read is the scan's confined reader
// (confine.Tree.ReadSource): scanned files are never read another way.
// today decides which directives have expired; the caller passes the
// same day it judges configured waivers by. extra are the rules of this
// run only (custom rules), whose ids a directive may name.
func New(read func(path string) ([]byte, error), today time.Time, extra ...*rules.Rule) *Index {
	all := append(rules.All(), extra...)
	known := make(map[string]bool, len(all))
	for _, r := range all {
		known[r.ID] = true
	}
	return &Index{read: read, today: today, peers: newPeers(all), known: known,
		files: map[string]*fileEntry{}, objects: map[string][]*Directive{}}
}

// Load registers every file and annotated object of a component, so that
// directives in files none of whose results failed are known too (and
// reported as stale) — without it, only files Match was asked about are.
func (x *Index) Load(c *infra.Component) {
	for _, r := range c.Resources {
		x.file(r.Loc.File, r.Kind)
		x.object(r)
		x.metadata(r)
	}
}

// Match returns the directive that suppresses a fail or unknown result,
// or nil. When several apply, one that has not expired is preferred, then
// the most specific (the result's line, the resource, the file, the
// object's annotations). The directive returned counts the match. An
// expired directive is still returned: check Expired, and let the finding
// gate with ExpiredMessage.
func (x *Index) Match(res rules.Result) *Directive {
	if res.Status != checklist.Fail && res.Status != checklist.Unknown || res.Rule == nil || res.Resource == nil {
		return nil
	}
	r, id := res.Resource, res.Rule.ID
	var cands []*Directive
	add := func(ds []*Directive) {
		for _, d := range ds {
			if d.names(id) && x.passes(d, r) {
				cands = append(cands, d)
			}
		}
	}
	if f := x.file(res.Loc.File, r.Kind); f != nil {
		add(f.byTarget[int(res.Loc.Line)])
	}
	if f := x.file(r.Loc.File, r.Kind); f != nil {
		if f.lang != dockerLang {
			// In a Dockerfile a directive is about one instruction only.
			if h := f.head(r); h != int(res.Loc.Line) || res.Loc.File != r.Loc.File {
				add(f.byTarget[h])
			}
		}
		for _, d := range f.blocks {
			if f.lang == yamlLang && r.Origin != infra.OriginCloudFormation && r.Origin != "ansible" {
				continue // comments inside a template's resource or a task, not in manifests
			}
			if r.Loc.EndLine > 0 && d.Line >= int(r.Loc.Line) && d.Line <= int(r.Loc.EndLine) {
				add([]*Directive{d})
			}
		}
		add(f.global)
	}
	add(x.object(r))
	own, tmpl := x.metadata(r)
	add(own)
	add(tmpl)
	if len(cands) == 0 {
		return nil
	}
	best := cands[0]
	for _, d := range cands {
		if !d.Expired(x.today) {
			best = d
			break
		}
	}
	best.matched.Add(1)
	return best
}

// passes applies a Trivy attribute filter.
func (x *Index) passes(d *Directive, r *infra.Resource) bool {
	if d.filter == "" {
		return true
	}
	attr, want, _ := strings.Cut(d.filter, "=")
	got, ok := r.Attrs.Get(strings.TrimSpace(attr)).Str()
	return ok && got == strings.Trim(strings.TrimSpace(want), `"`)
}

// Directives returns every directive found that names at least one
// prodgrade rule, sorted by file and line, for the report's waivers
// section. Directives that cannot apply (no reason, a bad date) and
// peer directives naming only checks prodgrade has no equivalent for are
// not listed; the former are notes.
func (x *Index) Directives() []*Directive {
	x.mu.Lock()
	var out []*Directive
	for _, f := range x.files {
		out = append(out, f.all...)
	}
	for _, ds := range x.objects {
		out = append(out, ds...)
	}
	x.mu.Unlock()
	slices.SortFunc(out, func(a, b *Directive) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Syntax, b.Syntax),
			cmp.Compare(strings.Join(a.Rules, ","), strings.Join(b.Rules, ",")))
	})
	// An object graded in two components is registered once per address;
	// the same annotation reached twice is the same directive.
	return slices.CompactFunc(out, func(a, b *Directive) bool { return a == b })
}

// Notes are what the user should fix in directives: unknown rule ids,
// directives without a reason or with a malformed date, directives that
// are about no code, files that could not be read. They are coverage
// notes: a broken directive suppresses nothing, so nothing is hidden.
func (x *Index) Notes() []infra.Note {
	x.mu.Lock()
	defer x.mu.Unlock()
	out := slices.Clone(x.notes)
	slices.SortFunc(out, func(a, b infra.Note) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Message, b.Message))
	})
	return slices.CompactFunc(out, func(a, b infra.Note) bool { return a == b })
}

func (x *Index) note(file string, line int, format string, args ...any) {
	x.mu.Lock()
	x.notes = append(x.notes, infra.Note{Kind: infra.NoteCoverage, File: file, Line: line, Message: fmt.Sprintf(format, args...)})
	x.mu.Unlock()
}

// file returns the directives of a file, reading it on first use; nil for
// a file without comments (a plan, a .tf.json) or no file at all.
func (x *Index) file(path, kind string) *fileEntry {
	if path == "" {
		return nil
	}
	lang := languageOf(path, kind)
	if lang == noComments {
		return nil
	}
	x.mu.Lock()
	f := x.files[path]
	if f == nil {
		f = &fileEntry{path: path, lang: lang, byTarget: map[int][]*Directive{}}
		x.files[path] = f
	}
	x.mu.Unlock()
	f.once.Do(func() { x.loadFile(f) })
	return f
}

// loadFile reads a file and places its directives.
func (x *Index) loadFile(f *fileEntry) {
	src, err := x.read(f.path)
	if err != nil {
		// The loader that read the file reports why it cannot be read
		// (or the file is not one: a resource located in a fake or
		// in-memory file); here it simply suppresses nothing.
		f.lx = &lexed{}
		return
	}
	if !mayHoldDirective(src) {
		// Most files hold none, and lexing is not free: HCL's lexer
		// holds a token for every word of a file at once (230 MB for a
		// 10 MB .tf).
		f.lx = &lexed{}
		return
	}
	f.lx = lex(f.lang, f.path, src)
	var all []*Directive
	for _, c := range f.lx.comments {
		for _, p := range parseComment(c.text) {
			if !allowed(f.lang, p.syntax) {
				continue
			}
			d := x.directive(p, f.path, c.line)
			if d == nil {
				continue
			}
			switch {
			case p.syntax == Checkov && (f.lang == hclLang || f.lang == yamlLang), p.syntax == AnsibleLint:
				d.Scope = ScopeBlock
				f.blocks = append(f.blocks, d)
			case p.syntax == Checkov, p.global:
				d.Scope = ScopeFile
				f.global = append(f.global, d)
			default:
				d.Scope, d.Target = ScopeLine, c.line
				if !c.trailing {
					d.Target = f.lx.target(c.line)
				}
				if d.Target == 0 {
					x.note(f.path, c.line, "this %s directive is not directly above any code (a blank line or the end of the file follows it), so it suppresses nothing; move it onto the line above the resource or attribute", p.syntax)
					continue
				}
				f.byTarget[d.Target] = append(f.byTarget[d.Target], d)
			}
			all = append(all, d)
		}
	}
	x.mu.Lock()
	f.all = all
	x.mu.Unlock()
}

// allowed says which syntaxes are read in which files: each peer tool's
// where that tool reads it, prodgrade's everywhere.
func allowed(lang language, syn Syntax) bool {
	switch syn {
	case Prodgrade:
		return true
	case Checkov:
		// In YAML, inside a CloudFormation resource only (see Match).
		return lang == hclLang || lang == dockerLang || lang == yamlLang
	case Tfsec, Trivy:
		return lang == hclLang
	case Hadolint:
		return lang == dockerLang
	case AnsibleLint:
		return lang == yamlLang
	}
	return false
}

// directive maps a parsed directive's ids to rules and reports what is
// wrong with it; nil when it cannot apply or names no prodgrade rule.
func (x *Index) directive(p parsed, file string, line int) *Directive {
	d := &Directive{File: file, Line: line, Syntax: p.syntax, Written: p.ids, Reason: p.reason, Expires: p.expires, filter: p.filter}
	for _, id := range p.ids {
		var rs []string
		switch p.syntax {
		case Prodgrade, ProdgradeAnnotation, ProdgradeMetadata:
			if x.known[id] {
				rs = []string{id}
			} else {
				x.note(file, line, "the suppression names %q, which is no prodgrade rule; `prodgrade rules` lists the rule ids", id)
			}
		case CfnLint:
			if p.prefix {
				rs = x.peers.prefixed(p.syntax, id)
			} else {
				rs = x.peers.rules(p.syntax, id)
			}
		default:
			rs = x.peers.rules(p.syntax, id)
			if p.syntax == Polaris && id == polarisAll {
				// Polaris exempts the object from its own checks, not
				// from checks it never made.
				rs = x.peers.polaris
			}
		}
		if len(rs) == 0 {
			d.Unmapped = append(d.Unmapped, id)
		}
		for _, r := range rs {
			if !slices.Contains(d.Rules, r) {
				d.Rules = append(d.Rules, r)
			}
		}
	}
	switch {
	case p.err != "" && (len(d.Rules) > 0 || p.syntax == Prodgrade || p.syntax == ProdgradeAnnotation || p.syntax == ProdgradeMetadata):
		x.note(file, line, "this %s suppression suppresses nothing: %s", p.syntax, p.err)
		return nil
	case p.err != "" || len(d.Rules) == 0:
		return nil
	}
	return d
}

// Annotation keys.
const (
	annIgnore      = "prodgrade.io/ignore"
	annReason      = "prodgrade.io/ignore-reason"
	annExpires     = "prodgrade.io/ignore-expires"
	annCheckov     = "checkov.io/skip"
	annKubeScore   = "kube-score/ignore"
	annPolaris     = "polaris.fairwinds.com/"
	annPolarisAll  = "polaris.fairwinds.com/exempt"
	annKubeLinter  = "ignore-check.kube-linter.io/"
	annPolarisTail = "-exempt"
	// polarisAll is the written id of polaris.fairwinds.com/exempt: every
	// rule that cites a Polaris check.
	polarisAll = "exempt"
)

// object returns the directives in a resource's annotations, read once
// per object.
func (x *Index) object(r *infra.Resource) []*Directive {
	if len(r.Annotations) == 0 {
		return nil
	}
	return x.once(r.Loc.File+"\x00"+r.Address, func() []*Directive { return x.annotations(r) })
}

// once reads the directives of an object or a section the first time they
// are asked for, by key: several results, and several resources (a
// template's Metadata), share them. The first reading stored wins a race,
// so every caller sees the same directives.
func (x *Index) once(key string, read func() []*Directive) []*Directive {
	x.mu.Lock()
	ds, seen := x.objects[key]
	x.mu.Unlock()
	if seen {
		return ds
	}
	ds = read()
	x.mu.Lock()
	defer x.mu.Unlock()
	if prev, raced := x.objects[key]; raced {
		return prev
	}
	x.objects[key] = ds
	return ds
}

func (x *Index) annotations(r *infra.Resource) []*Directive {
	ann := r.Annotations
	keys := make([]string, 0, len(ann))
	for k := range ann {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var out []*Directive
	addP := func(p parsed, key string) {
		loc := r.Attrs.Field("metadata").Field("annotations").Field(key).Loc
		file, line := loc.File, int(loc.Line)
		if file == "" {
			file = r.Loc.File
		}
		if line == 0 {
			line = int(r.Loc.Line)
		}
		if d := x.directive(p, file, line); d != nil {
			d.Scope = ScopeObject
			out = append(out, d)
		}
	}
	for _, k := range keys {
		v := ann[k]
		switch {
		case k == annIgnore:
			addP(parseAnnotation(v, ann[annReason], ann[annExpires]), k)
		case strings.HasPrefix(k, annCheckov):
			// checkov.io/skip1: CKV_K8S_20=reason
			id, reason, _ := strings.Cut(v, "=")
			addP(parsed{syntax: Checkov, ids: splitIDs(id), reason: strings.TrimSpace(reason)}, k)
		case k == annKubeScore:
			addP(parsed{syntax: KubeScore, ids: splitIDs(v)}, k)
		case k == annPolarisAll:
			if strings.EqualFold(strings.TrimSpace(v), "true") {
				addP(parsed{syntax: Polaris, ids: []string{polarisAll}}, k)
			}
		case strings.HasPrefix(k, annPolaris) && strings.HasSuffix(k, annPolarisTail):
			if strings.EqualFold(strings.TrimSpace(v), "true") {
				check := strings.TrimSuffix(strings.TrimPrefix(k, annPolaris), annPolarisTail)
				addP(parsed{syntax: Polaris, ids: []string{check}}, k)
			}
		case strings.HasPrefix(k, annKubeLinter):
			addP(parsed{syntax: KubeLinter, ids: []string{strings.TrimPrefix(k, annKubeLinter)}, reason: strings.TrimSpace(v)}, k)
		}
	}
	return out
}

// head is the line a resource starts at, which a directive above it is
// about: a Terraform block's first line; in YAML, the object's first line
// of code (past the document marker and comments its location may start
// at) or, for a mapping that is the value of a key (a Compose service),
// the key's line.
func (f *fileEntry) head(r *infra.Resource) int {
	start := int(r.Loc.Line)
	if f.lang != yamlLang || f.lx == nil {
		return start
	}
	lx := f.lx
	n := start
	for n <= len(lx.lines) && lx.kind(n) != code {
		n++
	}
	if n > len(lx.lines) {
		return start
	}
	col := int(r.Loc.Col) - 1
	if n != start || col <= 0 || col > len(lx.text[n-1]) || strings.TrimSpace(string(lx.text[n-1][:col])) != "" {
		return n // a document, or a list item ("- name: …")
	}
	for m := n - 1; m >= 1; m-- {
		switch lx.kind(m) {
		case comment, blank:
			continue
		case code:
			line := strings.TrimRight(string(lx.text[m-1]), " \t\r")
			if at := trailingComment(line); at >= 0 {
				line = strings.TrimRight(line[:at], " \t")
			}
			if lx.indent[m-1] < col && strings.HasSuffix(line, ":") {
				return m
			}
		}
		return n
	}
	return n
}
