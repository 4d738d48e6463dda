package policy

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Found is a component a scan found, as the starter file lists it.
type Found struct {
	Name string
	// Path is where it was found, relative to the configuration's directory.
	Path string
	Kind string
	// Shared: other components were found at the same path (Kubernetes
	// applications of one manifest file), so the starter names it by name;
	// otherwise by path, which does not change with how the scan is run.
	Shared bool
}

// Starter is the text of a commented starter configuration for a tree in
// which these components were found: three tiers to choose from, each
// component listed by name with a place for its owner, no waivers.
func Starter(found []Found) []byte {
	var b bytes.Buffer
	b.WriteString(`# prodgrade configuration: what "production grade" means for this repository.
# Reference: docs/config.md; schema: docs/prodgrade.schema.json.
version: 1

# The tier of every component that names none.
tier: standard

# A tier says which checklist items its components must meet, and which gaps
# fail the gate (exit code 1): those of at least fail_on severity.
tiers:
  critical:
    description: serves customers or holds their data
    fail_on: low
  standard:
    description: everything else that runs in production
    fail_on: medium
  experimental:
    description: prototypes; only security and networking gaps gate
    fail_on: high
    items:
      scalability: {required: false}
      performance: {required: false}
      backup: {required: false}

# The components found in this tree. Give each an owner and a tier; list
# several names (or paths) under one component to grade a service's whole
# stack together: its Terraform, its Kubernetes objects, its Dockerfile.
`)
	if len(found) == 0 {
		b.WriteString("components: []\n")
	} else {
		b.WriteString("components:\n")
	}
	for _, f := range found {
		if f.Shared {
			fmt.Fprintf(&b, "  - name: %s\n    names: [%s]  # %s at %s\n", quote(f.Name), quote(f.Name), f.Kind, f.Path)
		} else {
			fmt.Fprintf(&b, "  - name: %s\n    paths: [%s]  # %s\n", quote(f.Name), quote(f.Path), f.Kind)
		}
		b.WriteString("    # owner: team@example.com\n    # tier: critical\n")
	}
	b.WriteString(`
# Rule settings: turn a rule off, change its severity or its parameters.
# rules:
#   aws-rds-backup-retention:
#     params: {min_days: 14}
#   k8s-container-readonly-rootfs:
#     severity: low

# Accepted gaps, each with a reason, an owner and an expiry date; an expired
# waiver stops waiving and the gap fails the gate again.
waivers: []
#  - rule: aws-s3-versioning          # or item: backup
#    resource: aws_s3_bucket.cache    # a glob over addresses; default: every resource
#    component: web                   # a glob over component names; default: every component
#    reason: the bucket holds a cache that is rebuilt from the database
#    owner: alice@example.com
#    expires: 2027-01-31
#    ticket: https://tracker.example.com/OPS-123

# Evidence no code shows: a load test, a restore drill. prodgrade attest adds one.
attestations: []
`)
	return b.Bytes()
}

// quote writes s as a YAML scalar, quoted when it must be.
func quote(s string) string {
	var n yaml.Node
	n.SetString(s)
	out, err := yaml.Marshal(&n)
	if err != nil {
		return strconv.Quote(s)
	}
	return strings.TrimSuffix(string(out), "\n")
}

// AddAttestation returns the configuration text with one attestation added
// at the end of its attestations list (made if missing). Comments and the
// rest of the file are kept; the layout may be normalised.
func AddAttestation(data []byte, a Attestation) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("the configuration is not a YAML mapping")
	}
	root := doc.Content[0]
	var list *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "attestations" {
			list = root.Content[i+1]
		}
	}
	if list == nil {
		root.Content = append(root.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: "attestations"},
			&yaml.Node{Kind: yaml.SequenceNode})
		list = root.Content[len(root.Content)-1]
	}
	if list.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("attestations is not a list")
	}
	list.Style = 0 // block style, one entry a few lines
	entry := &yaml.Node{Kind: yaml.MappingNode}
	for _, kv := range [][2]string{{"item", string(a.Item)}, {"component", a.Component}, {"evidence", a.Evidence},
		{"by", a.By}, {"date", a.Date.Format(time.DateOnly)}, {"expires", a.Expires.Format(time.DateOnly)}} {
		v := &yaml.Node{Kind: yaml.ScalarNode, Value: kv[1]}
		if kv[0] == "date" || kv[0] == "expires" {
			v.Tag = "!!str" // keep YYYY-MM-DD a string, as the schema wants
			v.Style = yaml.DoubleQuotedStyle
		}
		entry.Content = append(entry.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: kv[0]}, v)
	}
	list.Content = append(list.Content, entry)
	var out bytes.Buffer
	enc := yaml.NewEncoder(&out)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
