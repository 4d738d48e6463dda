package inline

import (
	"slices"
	"strings"

	"github.com/prodgrade/prodgrade/internal/rules"
)

// peers maps the check ids of peer tools to prodgrade rules, as each
// rule's References declare them ("CKV_AWS_133", "AVD-AWS-0077",
// "kube-score: container-resources", "hadolint: DL3008", "Polaris:
// cpuRequestsMissing", "kube-linter: latest-tag"). One peer check may
// stand for several rules (kube-score's container-resources covers CPU
// requests, memory requests and memory limits), so a suppression of it
// suppresses each of them.
//
// Keys are "<tool>:<id>" in lower case: peers spell ids in varying case
// (avd-aws-0089 and AVD-AWS-0089 both work in Trivy).
type peers struct {
	ids map[string][]string
	// polaris lists every rule that cites a Polaris check, for
	// polaris.fairwinds.com/exempt, which exempts an object from all of them.
	polaris []string
}

// toolOf maps the prefix of a reference ("kube-score: …") to the tool key.
var toolOf = map[string]Syntax{
	"kube-score":   KubeScore,
	"hadolint":     Hadolint,
	"polaris":      Polaris,
	"kube-linter":  KubeLinter,
	"cfn-nag":      CfnNag,
	"cfn-lint":     CfnLint,
	"ansible-lint": AnsibleLint,
}

func newPeers(all []*rules.Rule) *peers {
	p := &peers{ids: map[string][]string{}}
	add := func(tool Syntax, id, rule string) {
		k := string(tool) + ":" + strings.ToLower(id)
		for _, r := range p.ids[k] {
			if r == rule {
				return
			}
		}
		p.ids[k] = append(p.ids[k], rule)
	}
	for _, r := range all {
		for _, ref := range r.References {
			switch {
			case strings.HasPrefix(ref, "http://"), strings.HasPrefix(ref, "https://"):
			case strings.HasPrefix(ref, "CKV"):
				add(Checkov, ref, r.ID)
			case strings.HasPrefix(ref, "AVD-"):
				// tfsec and Trivy read the same ids.
				add(Trivy, ref, r.ID)
				for _, long := range trivyLongIDs[ref] {
					add(Trivy, long, r.ID)
				}
			default:
				tool, id, ok := strings.Cut(ref, ":")
				syn, known := toolOf[strings.ToLower(strings.TrimSpace(tool))]
				if !ok || !known {
					continue // KICS cites query names; its ignores use query UUIDs
				}
				// "kube-linter: liveness-port (named ports)": the id is the first word.
				fields := strings.Fields(id)
				if len(fields) == 0 {
					continue
				}
				add(syn, fields[0], r.ID)
				if syn == Polaris && (len(p.polaris) == 0 || p.polaris[len(p.polaris)-1] != r.ID) {
					p.polaris = append(p.polaris, r.ID)
				}
			}
		}
	}
	return p
}

// rules returns the prodgrade rules a peer id of a syntax stands for.
// tfsec and Trivy share ids.
func (p *peers) rules(syn Syntax, id string) []string {
	if syn == Tfsec {
		syn = Trivy
	}
	return p.ids[string(syn)+":"+strings.ToLower(id)]
}

// prefixed returns the prodgrade rules that cite a check of syn whose id
// starts with prefix, sorted: cfn-lint's ignore_checks in a template's
// Metadata ignores by prefix ("W" every warning, "W3" every W3xxx check).
func (p *peers) prefixed(syn Syntax, prefix string) []string {
	if prefix == "" {
		return nil // cfn-lint skips an empty prefix, which would ignore everything
	}
	key := string(syn) + ":" + strings.ToLower(prefix)
	var out []string
	for k, rs := range p.ids {
		if !strings.HasPrefix(k, key) {
			continue
		}
		for _, r := range rs {
			if !slices.Contains(out, r) {
				out = append(out, r)
			}
		}
	}
	slices.Sort(out)
	return out
}
