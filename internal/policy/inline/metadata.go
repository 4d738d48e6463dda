package inline

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/prodgrade/prodgrade/internal/infra"
)

// CloudFormation has no comments in JSON, and the peer tools that grade it
// (cfn_nag, cfn-lint, Checkov) read suppressions from a resource's
// Metadata section instead, each under its own key:
//
//	Metadata:
//	  cfn_nag:
//	    rules_to_suppress:
//	      - {id: W35, reason: "..."}     # exact id; reason optional
//	  cfn-lint:
//	    config:
//	      ignore_checks: [W3005]        # exact id on a resource
//	  checkov:                          # or bridgecrew:
//	    skip:
//	      - {id: CKV_AWS_18, comment: "..."}
//	  prodgrade:
//	    ignore:
//	      - {id: aws-s3-versioning, reason: "...", expires: 2027-01-31}
//
// and cfn-lint also reads the template's top-level Metadata
// (cfn-lint.config.ignore_checks), where an id is a prefix and applies to
// the whole template. The CloudFormation loader carries those sections on
// each resource (infra.Resource.Metadata); each entry is one directive,
// located where the entry is written.

// Metadata keys, as the tools read them.
const (
	metaCfnNag     = "cfn_nag"
	metaCfnLint    = "cfn-lint"
	metaCheckov    = "checkov"
	metaBridgecrew = "bridgecrew"
	metaProdgrade  = "prodgrade"
)

// metadata returns the directives of a CloudFormation resource's Metadata
// and of its template's, each section read once however many resources
// carry it (a bucket and the versioning and logging resources made from
// it share one section; every resource of a template shares its top-level
// one).
func (x *Index) metadata(r *infra.Resource) (own, template []*Directive) {
	m := r.Metadata
	if m == nil {
		return nil, nil
	}
	return x.section(r, m.Resource, false), x.section(r, m.Template, true)
}

// section returns the directives of one Metadata section, read on first
// use and keyed by where the section is written.
func (x *Index) section(r *infra.Resource, v infra.Value, template bool) []*Directive {
	if v.Kind() != infra.Object {
		return nil
	}
	loc := v.Loc
	if loc.File == "" {
		loc.File = r.Loc.File
	}
	key := fmt.Sprintf("metadata\x00%s\x00%d\x00%d\x00%t", loc.File, loc.Line, loc.Col, template)
	if loc.Line == 0 {
		// No position: one section per resource, and its aux resources
		// (which share the resource's file and logical id) with it.
		key = fmt.Sprintf("metadata\x00%s\x00%s\x00%t", r.Loc.File, r.Name, template)
	}
	return x.once(key, func() []*Directive { return x.readSection(v, loc.File, r.Loc, template) })
}

// readSection reads the directives of a Metadata section written in file;
// at is where a value without a position is taken to be.
func (x *Index) readSection(v infra.Value, file string, at infra.Location, template bool) []*Directive {
	var out []*Directive
	add := func(p parsed, where infra.Value) {
		line := int(where.Loc.Line)
		if line == 0 {
			line = int(at.Line)
		}
		f := where.Loc.File
		if f == "" {
			f = file
		}
		if d := x.directive(p, f, line); d != nil {
			d.Scope = ScopeObject
			if template {
				d.Scope = ScopeFile
			}
			out = append(out, d)
		}
	}
	// cfn-lint: the only one read at the template's level, where its ids
	// are prefixes (cfn-lint's is_rule_enabled); on a resource they are
	// whole ids (its metadata directives compare rule ids for equality).
	if lint := v.Field(metaCfnLint).Field("config").Field("ignore_checks"); !lint.IsNull() {
		if lint.Kind() == infra.List {
			for _, c := range lint.List() {
				id, ok := c.Str()
				if !ok || strings.TrimSpace(id) == "" {
					continue
				}
				add(parsed{syntax: CfnLint, ids: []string{strings.TrimSpace(id)}, prefix: template}, c)
			}
		} else if id, ok := lint.Str(); ok {
			// cfn-lint iterates a string letter by letter, and so
			// ignores nothing it names.
			add(parsed{syntax: CfnLint, ids: splitIDs(id), prefix: template,
				err: "cfn-lint reads ignore_checks only as a list; write each check id as a list item (- " + strings.TrimSpace(id) + ")"}, lint)
		}
	}
	if template {
		if v.Has(metaProdgrade) {
			f, line := file, int(v.Field(metaProdgrade).Loc.Line)
			if line == 0 {
				line = int(at.Line)
			}
			x.note(f, line, "prodgrade suppressions in a template's top-level Metadata are not read, so this suppresses nothing: "+
				"write them in the Metadata of each resource, or accept the gap for many resources with a waiver in .prodgrade.yaml")
		}
		return out
	}
	// cfn_nag: rules_to_suppress, a list of {id, reason}; an entry
	// without an id suppresses nothing (cfn_nag warns of it itself).
	for _, e := range v.Field(metaCfnNag).Field("rules_to_suppress").List() {
		if id, ok := e.Field("id").Str(); ok {
			reason, _ := e.Field("reason").Str()
			add(parsed{syntax: CfnNag, ids: []string{strings.TrimSpace(id)}, reason: strings.TrimSpace(reason)}, e)
		}
	}
	// Checkov: skip, a list of {id, comment}, under checkov or bridgecrew.
	for _, k := range []string{metaCheckov, metaBridgecrew} {
		for _, e := range v.Field(k).Field("skip").List() {
			if id, ok := e.Field("id").Str(); ok {
				comment, _ := e.Field("comment").Str()
				add(parsed{syntax: Checkov, ids: []string{strings.TrimSpace(id)}, reason: strings.TrimSpace(comment)}, e)
			}
		}
	}
	if pg := v.Field(metaProdgrade); v.Has(metaProdgrade) {
		x.readProdgrade(pg, file, at, add)
	}
	return out
}

// prodgradeMetadataForm is what a prodgrade Metadata suppression looks like,
// for the notes that say one is malformed.
const prodgradeMetadataForm = "write Metadata: {prodgrade: {ignore: [{id: <rule-id>, reason: <why>, expires: YYYY-MM-DD}]}} (expires is optional)"

// readProdgrade reads prodgrade's own Metadata form. Unlike a peer's, a
// malformed one is always reported: a misspelt key (expire:, reasons:)
// must not leave a suppression that silently never expires or never
// applies.
func (x *Index) readProdgrade(pg infra.Value, file string, at infra.Location, add func(parsed, infra.Value)) {
	where := func(v infra.Value) (string, int) {
		f, line := v.Loc.File, int(v.Loc.Line)
		if f == "" {
			f = file
		}
		if line == 0 {
			line = int(at.Line)
		}
		return f, line
	}
	if pg.Kind() != infra.Object {
		f, line := where(pg)
		x.note(f, line, "this Metadata prodgrade section suppresses nothing: it is not a mapping; %s", prodgradeMetadataForm)
		return
	}
	for _, fl := range pg.Fields() {
		if fl.Name != "ignore" {
			f, line := where(fl.Value)
			x.note(f, line, "this Metadata prodgrade section has a key %q prodgrade does not read, so it suppresses nothing; %s", fl.Name, prodgradeMetadataForm)
		}
	}
	list := pg.Field("ignore")
	if !pg.Has("ignore") {
		return
	}
	if list.Kind() != infra.List {
		f, line := where(list)
		x.note(f, line, "this Metadata prodgrade.ignore suppresses nothing: it is not a list; %s", prodgradeMetadataForm)
		return
	}
	for _, e := range list.List() {
		add(parseMetadataEntry(e), e)
	}
}

// parseMetadataEntry reads one entry of prodgrade.ignore, as the
// annotations are read: rule ids (comma-separated, as prodgrade.io/ignore
// takes them), a required reason, an optional last day.
func parseMetadataEntry(e infra.Value) parsed {
	p := parsed{syntax: ProdgradeMetadata}
	if e.Kind() != infra.Object {
		p.err = "the entry is not a mapping; " + prodgradeMetadataForm
		return p
	}
	var unknown []string
	for _, f := range e.Fields() {
		if !slices.Contains([]string{"id", "reason", "expires"}, f.Name) {
			unknown = append(unknown, f.Name)
		}
	}
	id, idOK := e.Field("id").Str()
	p.ids = splitIDs(id)
	reason, _ := e.Field("reason").Str()
	p.reason = strings.TrimSpace(reason)
	if e.Has("expires") {
		s, _ := e.Field("expires").Str()
		t, err := time.Parse(dateLayout, strings.TrimSpace(s))
		if err != nil {
			p.err = fmt.Sprintf("expires %q is not YYYY-MM-DD", s)
		}
		p.expires = t
	}
	switch {
	case len(unknown) > 0:
		p.err = fmt.Sprintf("the entry has keys prodgrade does not read (%s): only id, reason and expires", strings.Join(unknown, ", "))
	case !idOK || len(p.ids) == 0:
		p.err = "the entry names no rule: give id: <rule-id>"
	case p.err == "" && p.reason == "":
		p.err = "it gives no reason: add reason: saying why the gap is accepted"
	}
	return p
}
