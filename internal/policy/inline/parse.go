package inline

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Syntax names the tool whose suppression syntax a directive is written in.
type Syntax string

// The syntaxes recognised. Peer tools' syntaxes are honoured so that a
// team migrating to prodgrade keeps the suppressions it already has.
const (
	// Prodgrade is "# prodgrade:ignore <rule-id>[,…] [exp:YYYY-MM-DD] <reason>".
	Prodgrade Syntax = "prodgrade"
	// ProdgradeAnnotation is the prodgrade.io/ignore annotation on a Kubernetes object.
	ProdgradeAnnotation Syntax = "prodgrade-annotation"
	// Checkov is "#checkov:skip=CKV_AWS_20:reason" inside a Terraform block
	// or anywhere in a Dockerfile, and the checkov.io/skipN annotation.
	Checkov Syntax = "checkov"
	// Tfsec and Trivy are "#tfsec:ignore:<id>" and "#trivy:ignore:<id>".
	Tfsec Syntax = "tfsec"
	Trivy Syntax = "trivy"
	// Hadolint is "# hadolint ignore=DL3008" and "# hadolint global ignore=…".
	Hadolint Syntax = "hadolint"
	// KubeScore is the kube-score/ignore annotation.
	KubeScore Syntax = "kube-score"
	// Polaris is the polaris.fairwinds.com/…exempt annotations.
	Polaris Syntax = "polaris"
	// KubeLinter is the ignore-check.kube-linter.io/<check> annotation.
	KubeLinter Syntax = "kube-linter"
	// CfnNag is cfn_nag's rules_to_suppress in a CloudFormation resource's
	// Metadata.
	CfnNag Syntax = "cfn-nag"
	// CfnLint is cfn-lint's config.ignore_checks in a CloudFormation
	// resource's or template's Metadata.
	CfnLint Syntax = "cfn-lint"
	// ProdgradeMetadata is prodgrade.ignore in a CloudFormation resource's
	// Metadata.
	ProdgradeMetadata Syntax = "prodgrade-metadata"
	// AnsibleLint is "# noqa: package-latest" (or "# noqa package-latest
	// no-changed-when") on a line of an Ansible task: that task.
	AnsibleLint Syntax = "ansible-lint"
)

// parsed is one directive read from the text of a comment, before its
// ids are mapped to rules and before it is placed in a file.
type parsed struct {
	syntax Syntax
	// ids are the ids as written: prodgrade rule ids or peer check ids.
	ids     []string
	reason  string
	expires time.Time
	// global marks a hadolint global ignore (the whole file).
	global bool
	// filter is a Trivy attribute filter, [attr=value], "" when none.
	filter string
	// prefix: each id stands for every peer check whose id starts with
	// it (cfn-lint's ignore_checks in a template's Metadata).
	prefix bool
	// err says why the directive cannot apply; it is then not used to
	// suppress anything, and is reported.
	err string
}

// dateLayout is the form of every expiry date: YYYY-MM-DD.
const dateLayout = "2006-01-02"

var (
	checkovSkip  = regexp.MustCompile(`(?:checkov|bridgecrew):skip=\s*([A-Za-z0-9_]+(?:\s*,\s*[A-Za-z0-9_]+)*)(?::([^\n]*))?`)
	trivyIgnore  = regexp.MustCompile(`(tfsec|trivy):ignore:([A-Za-z0-9_.\-]+)(\[[^\]\n]*\])?((?::(?:exp|ws):[^\s:\[]*)*)`)
	noqa         = regexp.MustCompile(`(?:^|\s)noqa(?::\s*|\s+)([A-Za-z0-9_\-\[\]]+(?:[\s,]+[A-Za-z0-9_\-\[\]]+)*)`)
	hadolintLine = regexp.MustCompile(`^hadolint\s+(global\s+)?ignore\s*=\s*([A-Za-z0-9]+(?:\s*,\s*[A-Za-z0-9]+)*)(.*)$`)
)

// mayHoldDirective is a cheap look for the words every directive of a
// comment starts with; a file without any needs no lexing.
func mayHoldDirective(src []byte) bool {
	for _, m := range []string{"checkov:", "bridgecrew:", "tfsec:", "trivy:", "hadolint", "noqa"} {
		if bytes.Contains(src, []byte(m)) {
			return true
		}
	}
	const word = "prodgrade:ignore" // matched without regard to case
	for i := 0; i+len(word) <= len(src); i++ {
		j := bytes.IndexAny(src[i:], "pP")
		if j < 0 {
			return false
		}
		i += j
		if i+len(word) <= len(src) && bytes.EqualFold(src[i:i+len(word)], []byte(word)) {
			return true
		}
	}
	return false
}

// parseComment reads the directives in the text of one comment, without
// its comment marker ("#", "//"). Most comments hold none; a Trivy comment
// may hold several.
func parseComment(text string) []parsed {
	text = strings.TrimSpace(text)
	if rest, ok := cutFold(text, "prodgrade:ignore"); ok {
		if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
			return nil // prodgrade:ignored, prodgrade:ignore-file: not ours
		}
		return []parsed{parseProdgrade(rest)}
	}
	if m := hadolintLine.FindStringSubmatch(text); m != nil {
		return []parsed{{syntax: Hadolint, ids: splitIDs(m[2]), global: m[1] != "", reason: strings.TrimSpace(m[3])}}
	}
	if m := noqa.FindStringSubmatch(text); m != nil {
		// ansible-lint's sub-rule tags (latest[git]) belong to their rule.
		var ids []string
		for _, id := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
			id, _, _ = strings.Cut(id, "[")
			if id != "" {
				ids = append(ids, id)
			}
		}
		return []parsed{{syntax: AnsibleLint, ids: ids}}
	}
	var out []parsed
	if m := checkovSkip.FindStringSubmatch(text); m != nil {
		out = append(out, parsed{syntax: Checkov, ids: splitIDs(m[1]), reason: strings.TrimSpace(m[2])})
	}
	ms := trivyIgnore.FindAllStringSubmatchIndex(text, -1)
	if len(ms) == 0 {
		return out
	}
	// Trivy has no reason field; whatever else the comment says is the
	// reason ("#trivy:ignore:AVD-AWS-0089 -- this bucket holds the logs").
	var reason strings.Builder
	last := 0
	for _, m := range ms {
		reason.WriteString(text[last:m[0]])
		last = m[1]
	}
	reason.WriteString(text[last:])
	why := strings.Trim(strings.TrimSpace(reason.String()), "-–—:;# ")
	for _, m := range ms {
		p := parsed{syntax: Syntax(text[m[2]:m[3]]), ids: []string{text[m[4]:m[5]]}, reason: why}
		if m[6] >= 0 {
			p.filter = strings.TrimSpace(text[m[6]+1 : m[7]-1])
			if _, _, ok := strings.Cut(p.filter, "="); !ok || strings.Contains(p.filter, ",") {
				p.err = fmt.Sprintf("the filter [%s] is not one attr=value pair, the only form prodgrade can check", p.filter)
			}
		}
		// Options come in pairs: exp, DATE and ws, NAME.
		opts := strings.Split(strings.TrimPrefix(text[m[8]:m[9]], ":"), ":")
		for i := 0; i+1 < len(opts); i += 2 {
			switch opts[i] {
			case "exp":
				d, err := time.Parse(dateLayout, opts[i+1])
				if err != nil {
					p.err = fmt.Sprintf("the expiry date %q is not YYYY-MM-DD", opts[i+1])
				}
				p.expires = d
			case "ws":
				p.err = fmt.Sprintf("it applies only in Terraform workspace %q, which prodgrade cannot know; "+
					"remove :ws: or use a prodgrade:ignore comment", opts[i+1])
			}
		}
		out = append(out, p)
	}
	return out
}

// parseProdgrade reads what follows "prodgrade:ignore":
// "<rule-id>[,<rule-id>…] [exp:YYYY-MM-DD] <reason>". Ids may be separated
// by ", " as well as ",".
func parseProdgrade(rest string) parsed {
	p := parsed{syntax: Prodgrade}
	fields := strings.Fields(rest)
	i := 0
	var ids strings.Builder
	for i < len(fields) {
		ids.WriteString(fields[i])
		i++
		if !strings.HasSuffix(fields[i-1], ",") && (i == len(fields) || !strings.HasPrefix(fields[i], ",")) {
			break
		}
	}
	p.ids = splitIDs(ids.String())
	if i < len(fields) {
		if d, ok := cutFold(fields[i], "exp:"); ok {
			t, err := time.Parse(dateLayout, d)
			if err != nil {
				p.err = fmt.Sprintf("the expiry date %q is not YYYY-MM-DD", d)
			}
			p.expires = t
			i++
		}
	}
	p.reason = strings.Join(fields[i:], " ")
	switch {
	case len(p.ids) == 0:
		p.err = "it names no rule: write # prodgrade:ignore <rule-id> [exp:YYYY-MM-DD] <reason>"
	case p.err == "" && p.reason == "":
		p.err = "it gives no reason: say after the rule id (and expiry) why the gap is accepted"
	}
	return p
}

// parseAnnotation reads prodgrade's own annotations: the rule ids of
// prodgrade.io/ignore, the optional reason and expiry.
func parseAnnotation(ids, reason, expires string) parsed {
	p := parsed{syntax: ProdgradeAnnotation, ids: splitIDs(ids), reason: strings.TrimSpace(reason)}
	if e := strings.TrimSpace(expires); e != "" {
		t, err := time.Parse(dateLayout, e)
		if err != nil {
			p.err = fmt.Sprintf("%s %q is not YYYY-MM-DD", annExpires, e)
		}
		p.expires = t
	}
	switch {
	case len(p.ids) == 0:
		p.err = annIgnore + " names no rule: give rule ids separated by commas"
	case p.err == "" && p.reason == "":
		p.err = "it gives no reason: add the annotation " + annReason + " saying why the gap is accepted"
	}
	return p
}

// splitIDs splits a comma-separated list, dropping empty members.
func splitIDs(s string) []string {
	var out []string
	for _, id := range strings.Split(s, ",") {
		if id = strings.TrimSpace(id); id != "" {
			out = append(out, id)
		}
	}
	return out
}

// cutFold is strings.CutPrefix, ignoring ASCII case.
func cutFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}
