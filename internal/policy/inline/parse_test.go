package inline

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/prodgrade/prodgrade/internal/rules"
	"github.com/prodgrade/prodgrade/internal/source/cloudformation"
)

func TestParseComment(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(dateLayout, s); return d }
	for _, tc := range []struct {
		text string
		want []parsed
	}{
		{" prodgrade:ignore aws-s3-versioning logs bucket", []parsed{{syntax: Prodgrade, ids: []string{"aws-s3-versioning"}, reason: "logs bucket"}}},
		{"prodgrade:ignore a-b-c,d-e-f exp:2025-01-02 two rules", []parsed{{syntax: Prodgrade, ids: []string{"a-b-c", "d-e-f"}, expires: day("2025-01-02"), reason: "two rules"}}},
		{"prodgrade:ignore a-b-c, d-e-f reason", []parsed{{syntax: Prodgrade, ids: []string{"a-b-c", "d-e-f"}, reason: "reason"}}},
		{"prodgrade:ignore a-b-c exp:2025-13-02 bad date", []parsed{{syntax: Prodgrade, ids: []string{"a-b-c"}, reason: "bad date", err: `the expiry date "2025-13-02" is not YYYY-MM-DD`}}},
		{"prodgrade:ignore a-b-c", []parsed{{syntax: Prodgrade, ids: []string{"a-b-c"}, err: "it gives no reason: say after the rule id (and expiry) why the gap is accepted"}}},
		{"prodgrade:ignore", []parsed{{syntax: Prodgrade, err: "it names no rule: write # prodgrade:ignore <rule-id> [exp:YYYY-MM-DD] <reason>"}}},
		{"prodgrade:ignored by nobody", nil},
		{"just a comment about prodgrade:ignore", nil},
		{"checkov:skip=CKV_AWS_20:public website", []parsed{{syntax: Checkov, ids: []string{"CKV_AWS_20"}, reason: "public website"}}},
		{" checkov:skip=CKV_AWS_20,CKV_AWS_57", []parsed{{syntax: Checkov, ids: []string{"CKV_AWS_20", "CKV_AWS_57"}}}},
		{"tfsec:ignore:aws-s3-enable-bucket-encryption", []parsed{{syntax: Tfsec, ids: []string{"aws-s3-enable-bucket-encryption"}}}},
		{"trivy:ignore:AVD-AWS-0089:exp:2025-01-02", []parsed{{syntax: Trivy, ids: []string{"AVD-AWS-0089"}, expires: day("2025-01-02")}}},
		{"trivy:ignore:AVD-AWS-0089 trivy:ignore:AVD-AWS-0090 -- log bucket", []parsed{
			{syntax: Trivy, ids: []string{"AVD-AWS-0089"}, reason: "log bucket"},
			{syntax: Trivy, ids: []string{"AVD-AWS-0090"}, reason: "log bucket"}}},
		{"trivy:ignore:aws-s3-enable-logging[bucket=logs]", []parsed{{syntax: Trivy, ids: []string{"aws-s3-enable-logging"}, filter: "bucket=logs"}}},
		{"trivy:ignore:AVD-AWS-0089:exp:tomorrow", []parsed{{syntax: Trivy, ids: []string{"AVD-AWS-0089"}, err: `the expiry date "tomorrow" is not YYYY-MM-DD`}}},
		{" hadolint ignore=DL3008,DL3009", []parsed{{syntax: Hadolint, ids: []string{"DL3008", "DL3009"}}}},
		{"hadolint global ignore=DL3009", []parsed{{syntax: Hadolint, ids: []string{"DL3009"}, global: true}}},
		{"hadolint shell=bash", nil},
	} {
		if got := parseComment(tc.text); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("parseComment(%q)\n got %+v\nwant %+v", tc.text, got, tc.want)
		}
	}
}

// TestPeers: peer ids reach the rules that cite them, in any case, and
// one peer check may stand for several rules.
func TestPeers(t *testing.T) {
	p := newPeers(rules.All())
	for _, tc := range []struct {
		syn  Syntax
		id   string
		want []string
	}{
		{Checkov, "CKV_AWS_16", []string{"aws-rds-storage-encrypted"}},
		{Trivy, "avd-aws-0090", []string{"aws-s3-versioning"}},
		{Tfsec, "aws-s3-enable-versioning", []string{"aws-s3-versioning"}},
		{Tfsec, "aws-ebs-enable-volume-encryption", []string{"aws-ebs-encryption"}}, // tfsec's older id
		{KubeScore, "container-resources", []string{"k8s-container-cpu-requests", "k8s-container-memory-limit", "k8s-container-memory-requests"}},
		{Hadolint, "dl3008", []string{"docker-apt-versions-pinned"}},
		{Polaris, "cpuRequestsMissing", []string{"k8s-container-cpu-requests"}},
		{KubeLinter, "liveness-port", []string{"k8s-probe-port"}},
		{Checkov, "CKV_AWS_133", nil}, // not equivalent: see aws-rds-backup-retention
	} {
		if got := p.rules(tc.syn, tc.id); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s %s: %v, want %v", tc.syn, tc.id, got, tc.want)
		}
	}
	if len(p.polaris) < 20 {
		t.Errorf("only %d rules cite Polaris checks", len(p.polaris))
	}
}

// TestTrivyLongIDsAreCited keeps the checked-in table honest: every AVD id
// in it is cited by a rule, every AVD id a rule cites has its long id, and
// every long id names the same service as its check.
func TestTrivyLongIDsAreCited(t *testing.T) {
	cited := map[string]bool{}
	for _, r := range rules.All() {
		for _, ref := range r.References {
			if strings.HasPrefix(ref, "AVD-") {
				cited[ref] = true
			}
		}
	}
	for id, longs := range trivyLongIDs {
		if !cited[id] {
			t.Errorf("%s is in the table but no rule cites it", id)
		}
		prefix := map[string]string{"AWS": "aws-", "KSV": "kubernetes-", "DS": "docker-"}[strings.Split(id, "-")[1]]
		for _, l := range longs {
			if !strings.HasPrefix(l, prefix) {
				t.Errorf("%s: long id %s is not a %s… id", id, l, prefix)
			}
		}
	}
	for id := range cited {
		if len(trivyLongIDs[id]) == 0 {
			t.Errorf("%s is cited by a rule but has no long id in the table", id)
		}
	}
}

// FuzzParseComment: any comment text parses without panicking, and every
// directive read either names ids or says why it cannot apply.
func FuzzParseComment(f *testing.F) {
	for _, s := range []string{
		"prodgrade:ignore a-b-c exp:2025-01-02 reason", "checkov:skip=CKV_AWS_20:x",
		"trivy:ignore:AVD-AWS-0089[bucket=x]:exp:2025-01-02:ws:a", "hadolint global ignore=DL3008, DL3009",
		"tfsec:ignore:a tfsec:ignore:b", "prodgrade:ignore ,,, ,", "trivy:ignore:x[", "checkov:skip=:",
	} {
		f.Add(s)
	}
	f.Add("PRODGRADE:IGNORE x reason")
	f.Fuzz(func(t *testing.T, text string) {
		if ps := parseComment(text); len(ps) > 0 && !mayHoldDirective([]byte(text)) {
			t.Errorf("%q holds a %s directive, but mayHoldDirective skips it", text, ps[0].syntax)
		}
		for _, p := range parseComment(text) {
			if len(p.ids) == 0 && p.err == "" {
				t.Errorf("%q: a %s directive with no ids and no error", text, p.syntax)
			}
			for _, id := range p.ids {
				if id == "" || strings.TrimSpace(id) != id {
					t.Errorf("%q: id %q", text, id)
				}
			}
		}
	})
}

// FuzzLex: any file lexes without panicking in each language, every
// comment is on a line of the file, and a whole-line comment's target is
// a later line of code.
func FuzzLex(f *testing.F) {
	f.Add([]byte("# prodgrade:ignore a-b-c r\nresource \"x\" \"y\" {\n  a = 1 # c\n}\n"))
	f.Add([]byte("---\n# c\nkey: |\n  # not\nother: 'a # b' # c\n"))
	f.Add([]byte("FROM x\nRUN <<-EOF\n\t# not\n\tEOF\n# c\nUSER y\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, lang := range []language{hclLang, yamlLang, dockerLang} {
			l := lex(lang, "f", src)
			for _, c := range l.comments {
				if c.line < 1 || c.line > len(l.lines) {
					t.Fatalf("lang %d: comment at line %d of %d", lang, c.line, len(l.lines))
				}
				if !c.trailing {
					if tg := l.target(c.line); tg != 0 && (tg <= c.line || l.kind(tg) != code) {
						t.Fatalf("lang %d: comment at %d targets %d", lang, c.line, tg)
					}
				}
			}
		}
	})
}

// FuzzMetadata: any template's Metadata is read without panicking, and
// every directive it gives names a rule, is located on a line, and is
// scoped to its resource or its template.
func FuzzMetadata(f *testing.F) {
	for _, name := range []string{"template.yaml", "cdk.template.json"} {
		src, err := os.ReadFile(filepath.Join("testdata", "cloudformation", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(src))
	}
	f.Add("Metadata: {cfn-lint: {config: {ignore_checks: ''}}, prodgrade: 1}\nResources:\n  A:\n    Type: AWS::S3::Bucket\n    Metadata: {prodgrade: {ignore: [1, {id: [x]}, {id: '', expires: 3}]}, cfn_nag: {rules_to_suppress: {id: W41}}, checkov: {skip: [{id: !Ref X}]}}\n")
	f.Fuzz(func(t *testing.T, text string) {
		c, _ := cloudformation.File("template.yaml", []byte(text), nil)
		if c == nil {
			return
		}
		idx := New(func(string) ([]byte, error) { return nil, os.ErrNotExist }, today)
		idx.Load(c)
		for _, d := range idx.Directives() {
			if len(d.Rules) == 0 || d.Line < 1 || d.File == "" || d.Scope != ScopeObject && d.Scope != ScopeFile {
				t.Errorf("directive %+v", d)
			}
		}
		idx.Notes()
	})
}
