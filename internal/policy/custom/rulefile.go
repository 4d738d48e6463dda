package custom

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/policy/custom/wire"
	"github.com/prodgrade/prodgrade/internal/rules"
)

// RuleFile is the name of a custom rule's metadata file, in the rule's
// own directory: <dir>/<rule-id>/rule.yaml.
const RuleFile = "rule.yaml"

// maxRuleFile bounds rule.yaml and a .rego file: a policy is code a team
// writes by hand, never megabytes.
const maxRuleFile = 1 << 20

// spec is a rule.yaml. Its fields are the built-in rules' metadata, plus
// what a policy needs: the policy itself (rego or cel), the kinds of the
// other resources it sees (context) and the attributes it decides by (reads).
type spec struct {
	ID         string   `yaml:"id"`
	Item       string   `yaml:"item"`
	Severity   string   `yaml:"severity"`
	Title      string   `yaml:"title"`
	Why        string   `yaml:"why"`
	Fix        string   `yaml:"fix"`
	References []string `yaml:"references"`
	Kinds      []string `yaml:"kinds"`
	Context    []string `yaml:"context"`
	Reads      []string `yaml:"reads"`
	Message    string   `yaml:"message"`
	Rego       string   `yaml:"rego"`
	CEL        string   `yaml:"cel"`
}

// fields are rule.yaml's keys, in the order the documentation lists them.
var fields = []string{"id", "item", "severity", "title", "why", "fix", "references", "kinds", "context", "reads", "message", "rego", "cel"}

// idPattern is a rule id: kebab-case, at least two words, the first of
// which is the team's prefix.
var idPattern = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)+$`)

// builtinPrefixes are the platform prefixes of built-in rule ids (DESIGN.md)
// and the platform names: a custom rule may use none of them, so that a
// later built-in rule can never take a custom rule's id.
var builtinPrefixes = []string{"aws", "tf", "k8s", "compose", "docker", "ansible", "packer", "shell",
	"terraform", "kubernetes", "dockerfile", "policy"}

// MayBeCustom tells whether id could name a custom rule: kebab-case, with
// a prefix no built-in rule uses. A configuration naming such an id is
// checked once the custom rules are loaded.
func MayBeCustom(id string) bool {
	return idPattern.MatchString(id) && !slices.Contains(builtinPrefixes, strings.SplitN(id, "-", 2)[0])
}

// parsed is one rule read from its directory, with its policy.
type parsed struct {
	rule   *rules.Rule
	spec   spec
	dir    string
	policy wire.Policy
}

// parseRule reads <dir>/rule.yaml and its policy and checks them as
// rules.Register checks a built-in rule. errs name file:line.
func parseRule(dir string) (*parsed, []string) {
	file := filepath.Join(dir, RuleFile)
	data, err := readLimited(file)
	if err != nil {
		return nil, []string{err.Error()}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, []string{fmt.Sprintf("%s: %s", file, strings.TrimPrefix(err.Error(), "yaml: "))}
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, []string{fmt.Sprintf("%s:1: a rule file is a mapping of %s", file, strings.Join(fields, ", "))}
	}
	root := doc.Content[0]
	lines := map[string]*yaml.Node{} // key → its value node
	var errs []string
	errf := func(n *yaml.Node, format string, args ...any) {
		line := 1
		if n != nil {
			line = n.Line
		}
		errs = append(errs, fmt.Sprintf("%s:%d: %s", file, line, fmt.Sprintf(format, args...)))
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if !slices.Contains(fields, k.Value) {
			errf(k, "unknown key %q; a rule file has %s", k.Value, strings.Join(fields, ", "))
			continue
		}
		lines[k.Value] = v
	}
	var s spec
	if err := root.Decode(&s); err != nil {
		return nil, append(errs, fmt.Sprintf("%s: %s", file, strings.TrimPrefix(err.Error(), "yaml: ")))
	}
	at := func(key string) *yaml.Node {
		if n := lines[key]; n != nil {
			return n
		}
		return root
	}

	r := &rules.Rule{ID: s.ID, Title: strings.TrimSpace(s.Title), Why: strings.TrimSpace(s.Why), Fix: strings.TrimRight(s.Fix, "\n"),
		References: s.References, Kinds: s.Kinds, CrossResource: len(s.Context) > 0}
	switch {
	case s.ID == "":
		errf(root, "id is required")
	case !idPattern.MatchString(s.ID):
		errf(at("id"), "id %q is not kebab-case words with a prefix of your own (custom-rds-classification)", s.ID)
	case slices.Contains(builtinPrefixes, strings.SplitN(s.ID, "-", 2)[0]):
		errf(at("id"), "id %q starts with %s-, which built-in rules use; start custom rule ids with custom- or your team's own prefix", s.ID, strings.SplitN(s.ID, "-", 2)[0])
	case rules.Lookup(s.ID) != nil:
		errf(at("id"), "id %q is a built-in rule's; choose another", s.ID)
	case filepath.Base(dir) != s.ID:
		errf(at("id"), "rule %s is in directory %s; name the directory after the id", s.ID, filepath.Base(dir))
	}
	if item, err := checklist.ParseItem(s.Item); err != nil {
		errf(at("item"), "%v", err)
	} else {
		r.Item = item
	}
	if sev, err := checklist.ParseSeverity(s.Severity); err != nil || s.Severity == "" {
		errf(at("severity"), "severity %q is not one of info, low, medium, high, critical", s.Severity)
	} else {
		r.Severity = sev
	}
	for _, f := range []struct{ key, v string }{{"title", r.Title}, {"why", r.Why}, {"fix", r.Fix}} {
		if strings.TrimSpace(f.v) == "" {
			errf(at(f.key), "%s is required", f.key)
		}
	}
	if strings.Contains(r.Title, "(cross-resource)") {
		errf(at("title"), "the title must not say (cross-resource); reports add it for rules with context")
	}
	if len(s.Kinds) == 0 {
		errf(at("kinds"), "kinds are required: the resource kinds the rule runs on (aws_db_instance, apps/Deployment)")
	}
	for _, k := range append(slices.Clone(s.Kinds), s.Context...) {
		if strings.TrimSpace(k) == "" {
			errf(at("kinds"), "a kind is empty")
		}
	}
	for _, p := range s.Reads {
		if strings.TrimSpace(p) == "" {
			errf(at("reads"), "an attribute path in reads is empty")
		}
	}

	pr := &parsed{rule: r, spec: s, dir: dir, policy: wire.Policy{Rule: s.ID}}
	switch {
	case s.Rego != "" && s.CEL != "":
		errf(at("cel"), "a rule has one policy: rego or cel, not both")
	case s.Rego != "":
		pr.policy.Lang, pr.policy.File, pr.policy.Line, pr.policy.Col = wire.Rego, filepath.Join(dir, filepath.FromSlash(s.Rego)), 1, 1
		if filepath.IsAbs(s.Rego) || !filepath.IsLocal(filepath.FromSlash(s.Rego)) {
			errf(at("rego"), "rego names %q; name a file inside the rule's directory", s.Rego)
			break
		}
		src, err := readLimited(pr.policy.File)
		if err != nil {
			errf(at("rego"), "%v", err)
		}
		pr.policy.Source = string(src)
	case s.CEL != "":
		n := at("cel")
		pr.policy.Lang, pr.policy.File, pr.policy.Source = wire.CEL, file, s.CEL
		pr.policy.Line, pr.policy.Col, pr.policy.Indent = scalarStart(n, data)
	default:
		errf(root, "a policy is required: rego: FILE (a Rego module beside rule.yaml) or cel: EXPRESSION")
	}
	if s.Message != "" && s.CEL == "" {
		errf(at("message"), "message is the fail message of a CEL expression that returns false; a Rego policy writes its own")
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return pr, nil
}

// scalarStart says where a scalar's text starts in the file, for errors
// in a CEL expression: the line and column of its first character, and
// for a block scalar (cel: |) the indentation of its lines.
func scalarStart(n *yaml.Node, data []byte) (line, col, indent int) {
	switch {
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		// The text starts on the line after the indicator; its lines share
		// the indentation of the first.
		lines := bytes.Split(data, []byte("\n"))
		line = n.Line + 1
		for line <= len(lines) && len(bytes.TrimSpace(lines[line-1])) == 0 {
			line++
		}
		if line <= len(lines) {
			indent = len(lines[line-1]) - len(bytes.TrimLeft(lines[line-1], " "))
		}
		return line, indent + 1, indent
	case n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0:
		return n.Line, n.Column + 1, 0
	}
	return n.Line, n.Column, 0
}

// readLimited reads a rule's file, refusing one larger than maxRuleFile.
func readLimited(file string) ([]byte, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", file)
	}
	if st.Size() > maxRuleFile {
		return nil, fmt.Errorf("%s is larger than 1 MiB; a rule's files are written by hand", file)
	}
	return os.ReadFile(file)
}
