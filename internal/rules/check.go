package rules

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
)

// Check is what a rule's check function works with: the resource, the graph
// of its component, and methods that record results.
type Check struct {
	R         *infra.Resource
	Graph     *infra.Graph
	Component *infra.Component
	rule      *Rule
	results   []Result
	// hidden are the component's values that messages must never print.
	hidden []hiddenText
	params Params
}

// Param is the value of one of the rule's declared parameters for this run:
// the configured value, else its default. Asking for a parameter the rule
// did not declare is a programming error.
func (c *Check) Param(name string) float64 {
	if v, ok := c.params[c.rule.ID][name]; ok {
		return v
	}
	for _, p := range c.rule.Params {
		if p.Name == name {
			return p.Default
		}
	}
	panic(fmt.Sprintf("rule %s reads parameter %q, which it does not declare", c.rule.ID, name))
}

// Pass records that the requirement is met; msg (optional) says by what.
func (c *Check) Pass(format string, args ...any) {
	c.add(checklist.Pass, c.R.Loc, c.format(format, args))
}

// Fail records a gap at the attribute path (or at the resource block when the
// attribute is not written).
func (c *Check) Fail(path, format string, args ...any) {
	c.add(checklist.Fail, c.R.AttrLoc(path), c.format(format, args))
	c.results[len(c.results)-1].Attr = path
}

// FailAt records a gap at an explicit location, for findings about a member
// of a repeated block.
//
// The rule names no attribute path, so the result's Attr is a stand-in
// built from the message (see MessageKey): messages about members name the
// member ("container \"app\"", "ingress[1]", "the replica in eu-west-1"),
// which tells two findings of one rule on one resource apart without the
// line they are on.
func (c *Check) FailAt(loc infra.Location, format string, args ...any) {
	msg := c.format(format, args)
	c.add(checklist.Fail, loc, msg)
	c.results[len(c.results)-1].Attr = MessageKey(msg)
}

// number matches a number standing on its own in a message: a count, a
// threshold, a port, an index, a part of an address or of a CIDR; not the
// digits of a name such as gp2, web2 or subnet-0ab1.
var number = regexp.MustCompile(`[0-9]+`)

// MessageKey is the stand-in attribute of a result that has no attribute
// path: "~" and the message with every number that stands on its own
// replaced by "#". A threshold's value ("keeps 3 days", "max_capacity
// (2)") changes as code is tuned while the finding stays the same one, so
// it is left out; names are kept, quoted or not, as they are what tells
// two members apart. Numbers inside names (gp2, web-1a) are kept.
func MessageKey(msg string) string {
	var b strings.Builder
	b.WriteByte('~')
	last := 0
	for _, m := range number.FindAllStringIndex(msg, -1) {
		if partOfName(msg, m[0], m[1]) {
			continue
		}
		b.WriteString(msg[last:m[0]])
		b.WriteByte('#')
		last = m[1]
	}
	b.WriteString(msg[last:])
	return b.String()
}

// partOfName reports digits msg[i:j] that touch a letter, an underscore
// or a hyphen that itself touches a letter or digit (web2, db_1, eu-west-1,
// subnet-0ab): they belong to a name, not to a value.
func partOfName(msg string, i, j int) bool {
	isName := func(c byte) bool {
		return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80
	}
	if i > 0 && isName(msg[i-1]) || j < len(msg) && isName(msg[j]) {
		return true
	}
	if i > 1 && msg[i-1] == '-' && isName(msg[i-2]) {
		return true
	}
	return false
}

// maxShown is the longest value a message prints; longer ones end in "…".
const maxShown = 80

// format formats a message. Every argument that is not a number or a bool
// is a value from scanned code, which is untrusted: a hidden value (one
// read from a file, given at run time or marked sensitive) is replaced by
// where it came from, and any other is cut to maxShown characters. The
// format string itself is the rule's own text.
func (c *Check) format(format string, args []any) string {
	if len(args) == 0 {
		return format
	}
	shown := make([]any, len(args))
	for i, a := range args {
		switch a.(type) {
		case int, int32, int64, float64, bool:
			shown[i] = a
		default:
			shown[i] = shorten(c.scrub(fmt.Sprint(a)))
		}
	}
	return fmt.Sprintf(format, shown...)
}

// scrub replaces hidden values in s by where they came from: s itself when
// it is one, else every hidden value of four characters or more inside it
// (shorter ones would match ordinary words).
func (c *Check) scrub(s string) string {
	for _, h := range c.hidden {
		if s == h.text {
			return h.label
		}
	}
	for _, h := range c.hidden {
		if len(h.text) >= 4 && strings.Contains(s, h.text) {
			s = strings.ReplaceAll(s, h.text, h.label)
		}
	}
	return s
}

func shorten(s string) string {
	if utf8.RuneCountInString(s) <= maxShown {
		return s
	}
	n := 0
	for i := range s {
		if n == maxShown {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// Unknown records that the attribute at path could not be resolved; v is the
// unknown value, which carries the expression and the reason.
func (c *Check) Unknown(path string, v infra.Value) {
	c.results = append(c.results, Result{
		Rule: c.rule, Resource: c.R, Status: checklist.Unknown,
		Loc:     c.R.LocOf(v),
		Message: fmt.Sprintf("%s cannot be resolved %s", path, c.without()),
		Expr:    exprText(path, v), Why: c.scrub(v.Why()), Attr: path,
	})
}

// without says what an unknown value waits for: the component's tool.
func (c *Check) without() string {
	if c.Component != nil && c.Component.Tool != "" {
		return "without running " + c.Component.Tool
	}
	return "from the code alone"
}

// secretName matches attribute names whose values are secrets.
var secretName = regexp.MustCompile(`(?i)(password|passwd|secret|token|private_key|access_key|credential|api_?key)`)

// exprText is the expression to show for an unknown value. The expression
// of a secret is never shown: it may hold part of the secret as a literal.
func exprText(path string, v infra.Value) string {
	if v.IsSensitive() || secretName.MatchString(path) {
		return ""
	}
	return v.Expr()
}

// UnknownIn records that an attribute of another resource, one the rule
// needed to decide about c.R, could not be resolved; the result points at
// that attribute, in that resource's file.
func (c *Check) UnknownIn(r *infra.Resource, path string, v infra.Value) {
	if r == c.R {
		c.Unknown(path, v)
		return
	}
	c.results = append(c.results, Result{
		Rule: c.rule, Resource: c.R, Status: checklist.Unknown,
		Loc:     r.LocOf(v),
		Message: fmt.Sprintf("%s.%s cannot be resolved %s", r.Address, path, c.without()),
		Expr:    exprText(path, v), Why: c.scrub(v.Why()), Attr: r.Address + ":" + path,
	})
}

// UnknownBecause records an unknown result that is not about one value, such as
// an absence rule in a component whose modules could not all be loaded.
func (c *Check) UnknownBecause(why string) {
	why = c.scrub(why)
	c.results = append(c.results, Result{
		Rule: c.rule, Resource: c.R, Status: checklist.Unknown, Loc: c.R.Loc,
		Message: why, Why: why,
	})
}

// Missing records the outcome of an absence rule ("no alarm watches this
// database"): a fail, unless a module call that could not be expanded might
// hold the evidence, in which case it is unknown (see mayProvide). Either
// way the result is about the resource as a whole: its Attr is "", so the
// finding keeps its identity when it turns from unknown into fail.
func (c *Check) Missing(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if call, how := c.mayProvide(); call != nil {
		c.UnknownBecause(fmt.Sprintf("%s; %s could not be expanded and %s, so it may provide it", msg, call.Address, how))
		return
	}
	c.add(checklist.Fail, c.R.Loc, msg)
}

// nameAttrs are the attributes by which other resources name one: a
// module given one of these values can create resources that point at it.
var nameAttrs = []string{"name", "identifier", "bucket", "function_name", "cluster_identifier",
	"cluster_name", "table_name", "replication_group_id", "domain_name", "creation_token", "arn", "id"}

// mayProvide returns an unexpanded module call that could create evidence
// about the checked resource, and how: it is given a reference to it or
// its name, or (for backup, which AWS Backup can select by tag) it is a
// backup module. A VPC or KMS module that is never told about the resource
// cannot watch, scale or back it up, so it leaves the verdict alone.
func (c *Check) mayProvide() (*infra.Resource, string) {
	if c.Graph == nil {
		return nil, ""
	}
	for _, m := range c.Graph.Unexpanded() {
		for _, ref := range m.Refs {
			if ref.To == c.R.Address {
				return m, "is given " + ref.Attr + " from it"
			}
		}
		for _, na := range nameAttrs {
			nv := c.R.Attrs.Field(na)
			if attr := givenValue(m, nv, m.Module == c.R.Module); attr != "" {
				return m, "is given its " + na + " in " + attr
			}
		}
		if c.rule != nil && c.rule.Item == checklist.Backup {
			src, _ := m.Attrs.Field("source").Str()
			if strings.Contains(strings.ToLower(src+" "+m.Name), "backup") {
				return m, "is a backup module, which may select it by tag"
			}
		}
	}
	return nil, ""
}

// givenValue returns the input of an unexpanded module call that holds the
// name nv: the same known string, or the same plain expression in the same
// module instance (name = var.name on both; sameModule says whether the
// call and the resource are in one). "" when none does.
func givenValue(m *infra.Resource, nv infra.Value, sameModule bool) string {
	name, isStr := nv.Str()
	known := nv.IsKnown() && isStr && len(name) > 2
	plain := sameModule && !nv.IsKnown() && nv.IsPlainExpr()
	if !known && !plain {
		return ""
	}
	var found string
	var walk func(v infra.Value, path string)
	walk = func(v infra.Value, path string) {
		switch {
		case found != "":
		case known && v.IsKnown():
			if s, ok := v.Str(); ok && s == name {
				found = path
				return
			}
		case plain && !v.IsKnown() && v.IsPlainExpr() && v.Expr() == nv.Expr():
			found = path
			return
		}
		for i, e := range v.List() {
			walk(e, fmt.Sprintf("%s[%d]", path, i))
		}
		for _, f := range v.Fields() {
			walk(f.Value, path+"."+f.Name)
		}
	}
	for _, f := range m.Attrs.Fields() {
		if !notANameInput(f.Name) {
			walk(f.Value, f.Name)
		}
	}
	return found
}

// notANameInput reports inputs that carry no name of another resource: the
// call's own source, its own name (modules of one stack are often all given
// local.name) and tags.
func notANameInput(input string) bool {
	switch input {
	case "source", "version", infra.UnexpandedAttr, "name", "name_prefix", "tags", "tags_all":
		return true
	}
	return strings.HasSuffix(input, "_tags")
}

func (c *Check) add(s checklist.Status, loc infra.Location, msg string) {
	c.results = append(c.results, Result{Rule: c.rule, Resource: c.R, Status: s, Loc: loc, Message: msg})
}

// hiddenText is a value messages must not print, and what to print instead.
type hiddenText struct{ text, label string }

// hiddenTexts lists, as text, every hidden value of the resources (a
// sensitive value in a plan, what a file holds, a value given at run
// time), so that no rule can print one, whichever resource it writes about.
// A sensitive value is hidden whatever its type; other hidden values only
// when they are strings, as a number or a bool cannot carry a secret out.
func hiddenTexts(rs []*infra.Resource) []hiddenText {
	var out []hiddenText
	seen := map[string]bool{}
	var walk func(v infra.Value, from string)
	walk = func(v infra.Value, from string) {
		if from == "" {
			from = v.Hidden()
		}
		switch v.Kind() {
		case infra.List:
			for _, e := range v.List() {
				walk(e, from)
			}
		case infra.Object:
			for _, f := range v.Fields() {
				walk(f.Value, from)
			}
		case infra.Unknown, infra.Null:
		default:
			if from == "" || v.Kind() != infra.String && from != sensitiveFrom {
				return
			}
			if s, _ := v.Str(); s != "" && !seen[s] {
				seen[s] = true
				out = append(out, hiddenText{text: s, label: "(" + from + ", not shown)"})
			}
		}
	}
	for _, r := range rs {
		walk(r.Attrs, "")
	}
	// Longer first, so a value that contains another is replaced whole.
	sort.Slice(out, func(i, j int) bool { return len(out[i].text) > len(out[j].text) })
	return out
}

// sensitiveFrom is what infra.Value.WithSensitive records.
var sensitiveFrom = infra.NullValue().WithSensitive(true).Hidden()

// Run applies every registered rule to every resource of a component and
// returns the results in a deterministic order. A rule that panics becomes an
// unknown result naming the panic, so one broken check never hides the rest.
func Run(comp *infra.Component, g *infra.Graph) []Result { return RunWith(comp, g, nil) }

// RunWith is Run with rule parameters set for this run.
func RunWith(comp *infra.Component, g *infra.Graph, params Params) []Result {
	out, _ := RunContext(context.Background(), comp, g, Options{Params: params})
	return out
}

// Options shape one run of the rules: what a policy decided.
type Options struct {
	// Params set rule parameters.
	Params Params
	// Extra are rules of this run only (a team's custom rules), run on
	// their Kinds beside the registered ones.
	Extra []*Rule
	// Skip, when set, leaves out the rules it returns true for (rules
	// disabled in configuration): they are not run at all.
	Skip func(*Rule) bool
}

// RunContext runs the rules on a component, stopped when ctx is done:
// graded says how many of the component's resources were graded before it
// stopped (all of them when it did not). A rule is not interrupted while
// it runs on one resource; the check is made between resources.
func RunContext(ctx context.Context, comp *infra.Component, g *infra.Graph, opt Options) (out []Result, graded int) {
	hidden := hiddenTexts(comp.Resources)
	var extra map[string][]*Rule
	for _, r := range opt.Extra {
		if extra == nil {
			extra = map[string][]*Rule{}
		}
		for _, k := range r.Kinds {
			extra[k] = append(extra[k], r)
		}
	}
	for _, r := range comp.Resources {
		if ctx.Err() != nil {
			break
		}
		for _, set := range [2][]*Rule{ForKind(r.Kind), extra[r.Kind]} {
			for _, rule := range set {
				if opt.Skip == nil || !opt.Skip(rule) {
					out = append(out, runOne(rule, r, g, comp, hidden, opt.Params)...)
				}
			}
		}
		graded++
	}
	SortResults(out)
	return out, graded
}

// RunOne applies one rule to one resource.
func RunOne(rule *Rule, r *infra.Resource, g *infra.Graph, comp *infra.Component) []Result {
	rs := []*infra.Resource{r}
	if comp != nil {
		rs = comp.Resources
	}
	return runOne(rule, r, g, comp, hiddenTexts(rs), nil)
}

func runOne(rule *Rule, r *infra.Resource, g *infra.Graph, comp *infra.Component, hidden []hiddenText, params Params) (res []Result) {
	c := &Check{R: r, Graph: g, Component: comp, rule: rule, hidden: hidden, params: params}
	defer func() {
		if p := recover(); p != nil {
			res = []Result{{Rule: rule, Resource: r, Status: checklist.Unknown, Loc: r.Loc,
				Message: fmt.Sprintf("internal error in rule %s: %v; please report it", rule.ID, p)}}
		}
	}()
	rule.Check(c)
	return c.results
}

// SortResults orders results by file, line, rule and resource, so reports diff cleanly.
func SortResults(rs []Result) {
	sort.SliceStable(rs, func(i, j int) bool {
		a, b := rs[i], rs[j]
		if a.Loc.File != b.Loc.File {
			return a.Loc.File < b.Loc.File
		}
		if a.Loc.Line != b.Loc.Line {
			return a.Loc.Line < b.Loc.Line
		}
		if a.Rule.ID != b.Rule.ID {
			return a.Rule.ID < b.Rule.ID
		}
		if a.Resource.Address != b.Resource.Address {
			return a.Resource.Address < b.Resource.Address
		}
		return a.Message < b.Message
	})
}

// ReferencedBy returns the resources of the given kinds (any kind when none
// are given) that the expression of r's attribute at attr references. A plan
// shows a list of resource ids as wholly unknown, while its configuration
// shows the ids come from these resources: a rule can then tell "set, to
// values known after apply" from "cannot tell" without guessing.
func ReferencedBy(g *infra.Graph, r *infra.Resource, attr string, kinds ...string) []*infra.Resource {
	targets := g.Targets(r, attr)
	if len(kinds) == 0 {
		return targets
	}
	out := targets[:0:0]
	for _, t := range targets {
		for _, k := range kinds {
			if t.Kind == k {
				out = append(out, t)
				break
			}
		}
	}
	return out
}
