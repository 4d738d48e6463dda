package inline

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/confine"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	_ "github.com/prodgrade/prodgrade/internal/rules/all"
	"github.com/prodgrade/prodgrade/internal/rules/rulestest"
)

// today is the day the tests judge expiry by: after 2020-01-01, before 2999-01-01.
var today = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

// graded loads a fixture directory through the real loaders, runs every
// rule and returns the fail and unknown results with the components.
func graded(t *testing.T, dir string) ([]rules.Result, []*infra.Component) {
	t.Helper()
	var out []rules.Result
	var comps []*infra.Component
	for _, l := range rulestest.Load(t, dir) {
		c := l.Component
		comps = append(comps, c)
		for _, r := range rules.Run(c, infra.ComponentGraph(c)) {
			if r.Status == checklist.Fail || r.Status == checklist.Unknown {
				out = append(out, r)
			}
		}
	}
	return out, comps
}

// expect is what Match should say about the result of rule on the
// resource whose address ends in addr, located at line.
type expect struct {
	addr, rule string
	line       int
	syntax     Syntax // "" for not suppressed
	expired    bool
}

func TestMatch(t *testing.T) {
	for _, tc := range []struct {
		dir  string
		want []expect
	}{
		{"terraform", []expect{
			{"aws_s3_bucket.suppressed", "aws-s3-versioning", 2, Prodgrade, false},     // above the block: the whole resource
			{"aws_s3_bucket.suppressed", "aws-s3-force-destroy", 4, Prodgrade, false},  // at the end of the attribute's line
			{"aws_s3_bucket.suppressed", "aws-s3-encryption", 2, "", false},            // another rule
			{"aws_s3_bucket.other", "aws-s3-encryption", 9, "", false},                 // a blank line separates it
			{"aws_s3_bucket.other", "aws-s3-versioning", 9, "", false},                 // above an attribute; the result is at the block
			{"aws_s3_bucket.other", "aws-s3-force-destroy", 12, "", false},             // that directive names another rule
			{"aws_s3_bucket.expired", "aws-s3-versioning", 17, Prodgrade, true},        // expired, past another comment
			{"aws_db_instance.peers", "aws-rds-storage-encrypted", 28, Checkov, false}, // CKV_AWS_16 inside the block
			{"aws_db_instance.peers", "aws-rds-alarm", 24, "", false},                  // the Checkov skip names another check
			{"aws_db_instance.peers", "aws-rds-public-access", 30, Tfsec, false},       // long id, :exp: in the future
			{"aws_db_instance.peers", "aws-rds-deletion-protection", 31, Trivy, false}, // the first of two ids on the line
			{"aws_db_instance.peers", "aws-rds-multi-az", 32, "", false},               // :ws: cannot be checked
			{"aws_sqs_queue.q", "aws-sqs-dead-letter", 36, Prodgrade, false},           // the known id of two
			{"aws_sqs_queue.q", "aws-resource-tags", 36, "", false},                    // not named
			{"aws_sqs_queue.noreason", "aws-sqs-dead-letter", 41, "", false},           // no reason: not honoured
			{"terraform", "tf-required-version", 1, "", false},                         // the file's first line is a comment
		}},
		{"kubernetes", []expect{
			{"Deployment/shop/web", "k8s-workload-replicas", 16, Prodgrade, false},            // above apiVersion, after ---
			{"Deployment/shop/web", "k8s-container-cpu-requests", 24, KubeScore, false},       // container-resources
			{"Deployment/shop/web", "k8s-container-memory-limit", 24, KubeScore, false},       // container-resources too
			{"Deployment/shop/web", "k8s-container-liveness-probe", 24, Polaris, false},       // livenessProbeMissing-exempt
			{"Deployment/shop/web", "k8s-container-readiness-probe", 24, "", false},           // not exempt
			{"Deployment/shop/web", "k8s-container-privilege-escalation", 27, Checkov, false}, // checkov.io/skip1
			{"Deployment/shop/web", "k8s-pod-seccomp", 23, ProdgradeAnnotation, true},         // prodgrade.io/ignore, expired
			{"Deployment/shop/web", "k8s-container-image-tag", 25, ProdgradeAnnotation, true}, // second id, after ", "
			{"Deployment/shop/web", "k8s-container-privileged", 27, Prodgrade, false},         // end of the line
			{"Deployment/shop/web", "k8s-container-readonly-rootfs", 28, "", false},           // "#" in a block scalar
			{"Deployment/shop/api", "k8s-workload-replicas", 44, Polaris, false},              // not web's directive: Polaris's deploymentMissingReplicas
			{"Deployment/shop/api", "k8s-pod-seccomp", 51, "", false},                         // web's annotation names it; here a blank line separates the directive
			{"Deployment/shop/api", "k8s-container-liveness-probe", 52, Polaris, false},       // polaris.fairwinds.com/exempt
			{"Deployment/shop/api", "k8s-pod-service-account-token", 51, Polaris, false},      // automountServiceAccountToken
			{"Deployment/shop/api", "k8s-pod-service-account", 51, "", false},                 // cites no Polaris check
			{"Deployment/shop/worker", "k8s-container-image-tag", 71, "", false},              // a #checkov:skip comment: not read in a manifest
		}},
		{"compose", []expect{
			{"services.web", "compose-service-image-tag", 4, Prodgrade, false},  // above the service's key
			{"services.web", "compose-service-privileged", 5, Prodgrade, false}, // end of the line
			{"services.web", "compose-service-cpu-limit", 4, "", false},
			{"services.db", "compose-service-image-tag", 7, "", false}, // another service
			{"services.db", "compose-service-privileged", 8, "", false},
		}},
		{"cloudformation", []expect{
			// template.yaml: each entry of a resource's Metadata covers
			// the whole resource, wherever the result is located.
			{"Logs", "aws-s3-encryption", 15, CfnNag, false},               // cfn_nag W41
			{"Logs", "aws-s3-versioning", 35, Checkov, false},              // checkov skip CKV_AWS_21, result on a property
			{"Logs", "aws-resource-tags", 15, ProdgradeMetadata, true},     // prodgrade, expired
			{"User.LoginProfile", "aws-secret-literal", 47, CfnNag, false}, // an aux resource: User's F51
			{"Db", "aws-rds-backup-retention", 49, CfnLint, false},         // resource ignore_checks: exact I3013
			{"Db", "aws-rds-storage-encrypted", 49, Checkov, false},        // checkov skip
			{"Db", "aws-rds-deletion-protection", 49, Checkov, false},      // bridgecrew skip (Checkov's former name)
			{"Db", "aws-rds-multi-az", 49, ProdgradeMetadata, false},       // prodgrade, expires later
			{"Db", "aws-rds-alarm", 49, "", false},                         // no reason: not honoured
			{"Db", "aws-rds-log-exports", 49, "", false},                   // a misspelt key (expire:): not honoured
			{"Db", "aws-resource-tags", 49, "", false},                     // the template's prodgrade section is not read
			{"Db", "aws-rds-performance-insights", 49, "", false},          // named by nothing
			{"Db", "aws-instance-generation", 76, CfnLint, false},          // the template's ignore_checks: prefix I31 → I3100
			{"Db2", "aws-instance-generation", 88, CfnLint, false},         // …for every resource of the template
			{"Db2", "aws-rds-backup-retention", 81, "", false},             // ignore_checks is a string: cfn-lint ignores nothing
			{"Fn", "aws-lambda-concurrency", 94, CfnNag, false},            // a SAM function's own Metadata
			{"Fn", "aws-lambda-runtime", 104, CfnLint, false},              // W2531, result on a property
			{"Fn", "aws-lambda-xray", 94, Prodgrade, false},                // a comment above the logical id, in YAML
			{"App/Bucket/Resource", "aws-s3-encryption", 6, CfnNag, false}, // JSON, a CDK resource addressed by its path
			{"App/Bucket/Resource", "aws-s3-versioning", 6, ProdgradeMetadata, false},
			{"App/Bucket/Resource", "aws-s3-access-logging", 6, "", false}, // an empty reason
			{"App/Queue/Resource", "aws-sqs-dead-letter", 24, "", false},   // no suppression; the template's W8 cites nothing
			{"Commented", "aws-s3-access-logging", 109, Checkov, false},    // a #checkov:skip comment inside the resource
			{"Uncommented", "aws-s3-access-logging", 114, "", false},       // …and not in the next one
		}},
		{"ansible", []expect{
			{"play.play 1/tasks[0]", "ansible-package-latest", 7, AnsibleLint, false},       // # noqa: package-latest on the task's line
			{"play.play 1/tasks[1]", "ansible-command-changed-when", 9, AnsibleLint, false}, // # noqa no-changed-when
			{"play.play 1/tasks[2]", "ansible-command-changed-when", 11, "", false},         // another task
			{"play.play 1/tasks[3]", "ansible-download-checksum", 15, "", false},            // the noqa names another rule
			{"play.play 1/tasks[3]", "ansible-tls-validate-certs", 17, Checkov, false},      // Checkov's comment inside the task
		}},
		{"dockerfile", []expect{
			{"stage-0", "docker-apt-lists-removed", 5, Hadolint, false},         // global ignore=DL3009
			{"stage-0", "docker-image-healthcheck", 3, Checkov, false},          // CKV_DOCKER_2, anywhere in the file
			{"stage-0", "docker-apt-versions-pinned", 5, Hadolint, false},       // ignore=DL3008 above the RUN
			{"stage-0", "docker-apt-versions-pinned", 7, "", false},             // the next RUN is not covered
			{"stage-0", "docker-apt-versions-pinned", 8, "", false},             //
			{"stage-0", "docker-apt-no-install-recommends", 7, Prodgrade, true}, // expired
			{"stage-0", "docker-apt-no-install-recommends", 5, "", false},       // another instruction
			{"stage-0", "docker-user-non-root", 12, "", false},                  // "#" inside a heredoc
			{"stage-0", "docker-base-image-pinned", 3, "", false},
		}},
	} {
		t.Run(tc.dir, func(t *testing.T) {
			dir := filepath.Join("testdata", tc.dir)
			results, _ := graded(t, dir)
			idx := New(confine.New(dir).ReadSource, today)
			for _, w := range tc.want {
				var found bool
				for _, r := range results {
					if !strings.HasSuffix(r.Resource.Address, w.addr) || r.Rule.ID != w.rule || int(r.Loc.Line) != w.line {
						continue
					}
					found = true
					d := idx.Match(r)
					switch {
					case w.syntax == "" && d != nil:
						t.Errorf("%s %s:%d is suppressed by %s at %s; want not", w.addr, w.rule, w.line, d.Syntax, d.ID())
					case w.syntax != "" && d == nil:
						t.Errorf("%s %s:%d is not suppressed; want %s", w.addr, w.rule, w.line, w.syntax)
					case d != nil && (d.Syntax != w.syntax || d.Expired(today) != w.expired):
						t.Errorf("%s %s:%d: suppressed by %s (expired %v); want %s (expired %v)",
							w.addr, w.rule, w.line, d.Syntax, d.Expired(today), w.syntax, w.expired)
					}
				}
				if !found {
					t.Errorf("the fixture gives no result of %s on %s at line %d", w.rule, w.addr, w.line)
				}
			}
		})
	}
}

func TestNotesAndStatus(t *testing.T) {
	dir := filepath.Join("testdata", "terraform")
	results, comps := graded(t, dir)
	idx := New(confine.New(dir).ReadSource, today)
	for _, c := range comps {
		idx.Load(c)
	}
	for _, r := range results {
		idx.Match(r)
	}
	var notes []string
	for _, n := range idx.Notes() {
		notes = append(notes, fmt.Sprintf("%d %s", n.Line, n.Message))
	}
	for _, want := range []string{
		"7 this prodgrade directive is not directly above any code",
		`32 this trivy suppression suppresses nothing: it applies only in Terraform workspace "staging"`,
		`35 the suppression names "no-such-rule", which is no prodgrade rule`,
		"40 this prodgrade suppression suppresses nothing: it gives no reason",
	} {
		if !containsPrefix(notes, want) {
			t.Errorf("no note %q in:\n%s", want, strings.Join(notes, "\n"))
		}
	}
	if len(notes) != 4 {
		t.Errorf("want 4 notes, got:\n%s", strings.Join(notes, "\n"))
	}
	status := map[string]string{}
	for _, d := range idx.Directives() {
		status[fmt.Sprintf("%d %s %s", d.Line, d.Syntax, strings.Join(d.Rules, ","))] = d.Status(today)
	}
	for k, want := range map[string]string{
		"1 prodgrade aws-s3-versioning":         "active",
		"4 prodgrade aws-s3-force-destroy":      "active",
		"11 prodgrade aws-s3-versioning":        "stale", // on the wrong line
		"15 prodgrade aws-s3-versioning":        "expired",
		"27 checkov aws-rds-storage-encrypted":  "active",
		"29 tfsec aws-rds-public-access":        "active",
		"31 trivy aws-rds-deletion-protection":  "active",
		"31 trivy aws-rds-performance-insights": "stale", // the instance class has none to enable
		"35 prodgrade aws-sqs-dead-letter":      "active",
	} {
		if status[k] != want {
			t.Errorf("directive %q: status %q, want %q (all: %v)", k, status[k], want, status)
		}
	}
	if len(status) != 9 {
		t.Errorf("want 9 directives, got %v", status)
	}
	w := idx.Directives()[0].Waiver(today)
	if w.Source != "inline" || w.Rule != "aws-s3-versioning" || w.Matched != 1 || w.Status != "active" ||
		!strings.HasSuffix(w.ID, "main.tf:1") || !strings.HasPrefix(w.Reason, "the bucket holds logs") {
		t.Errorf("waiver: %+v", w)
	}
}

// TestCloudFormationNotesAndStatus: Metadata suppressions are listed at
// the line of their entry, once however many resources share the section,
// and what is wrong with them is a note there.
func TestCloudFormationNotesAndStatus(t *testing.T) {
	dir := filepath.Join("testdata", "cloudformation")
	results, comps := graded(t, dir)
	idx := New(confine.New(dir).ReadSource, today)
	for _, c := range comps {
		idx.Load(c)
	}
	for _, r := range results {
		idx.Match(r)
	}
	var notes []string
	for _, n := range idx.Notes() {
		notes = append(notes, fmt.Sprintf("%s:%d %s", filepath.Base(n.File), n.Line, n.Message))
	}
	for _, want := range []string{
		"cdk.template.json:18 this prodgrade-metadata suppression suppresses nothing: it gives no reason",
		"template.yaml:10 prodgrade suppressions in a template's top-level Metadata are not read",
		`template.yaml:68 the suppression names "no-such-rule", which is no prodgrade rule`,
		"template.yaml:70 this prodgrade-metadata suppression suppresses nothing: it gives no reason",
		"template.yaml:71 this prodgrade-metadata suppression suppresses nothing: the entry has keys prodgrade does not read (expire)",
		"template.yaml:85 this cfn-lint suppression suppresses nothing: cfn-lint reads ignore_checks only as a list",
	} {
		if !containsPrefix(notes, want) {
			t.Errorf("no note %q in:\n%s", want, strings.Join(notes, "\n"))
		}
	}
	if len(notes) != 6 {
		t.Errorf("want 6 notes, got:\n%s", strings.Join(notes, "\n"))
	}
	status := map[string]string{}
	scope := map[string]Scope{}
	for _, d := range idx.Directives() {
		k := fmt.Sprintf("%s:%d %s %s", filepath.Base(d.File), d.Line, d.Syntax, strings.Join(d.Rules, ","))
		if _, dup := status[k]; dup {
			t.Errorf("directive %s listed twice", k)
		}
		status[k], scope[k] = d.Status(today), d.Scope
	}
	want := map[string]string{
		"template.yaml:7 cfn-lint aws-instance-generation":          "active", // both DB instances
		"template.yaml:19 cfn-nag aws-s3-encryption":                "active",
		"template.yaml:25 checkov aws-s3-versioning":                "active",
		"template.yaml:29 prodgrade-metadata aws-resource-tags":     "expired",
		"template.yaml:43 cfn-nag aws-secret-literal":               "active",
		"template.yaml:54 cfn-lint aws-rds-backup-retention":        "active",
		"template.yaml:58 checkov aws-rds-storage-encrypted":        "active",
		"template.yaml:62 checkov aws-rds-deletion-protection":      "active",
		"template.yaml:65 prodgrade-metadata aws-rds-multi-az":      "active",
		"template.yaml:92 prodgrade aws-lambda-xray":                "active",
		"template.yaml:98 cfn-nag aws-lambda-concurrency":           "active",
		"template.yaml:102 cfn-lint aws-lambda-runtime":             "active",
		"template.yaml:110 checkov aws-s3-access-logging":           "active",
		"cdk.template.json:12 cfn-nag aws-s3-encryption":            "active",
		"cdk.template.json:17 prodgrade-metadata aws-s3-versioning": "active",
	}
	for k, w := range want {
		if status[k] != w {
			t.Errorf("directive %q: status %q, want %q (all: %v)", k, status[k], w, status)
		}
	}
	if len(status) != len(want) {
		t.Errorf("want %d directives (W51, E9, I30 and W8 are cited by no rule: not listed), got %v", len(want), status)
	}
	if scope["template.yaml:7 cfn-lint aws-instance-generation"] != ScopeFile || scope["template.yaml:19 cfn-nag aws-s3-encryption"] != ScopeObject ||
		scope["template.yaml:110 checkov aws-s3-access-logging"] != ScopeBlock {
		t.Errorf("scopes: %v", scope)
	}
}

func containsPrefix(ss []string, p string) bool {
	for _, s := range ss {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// TestFilesAreReadOnceAndOnlyWithText: each file is read once, however
// many results and goroutines ask; a plan (JSON) is never read.
func TestFilesAreReadOnceAndOnlyWithText(t *testing.T) {
	dir := filepath.Join("testdata", "kubernetes")
	results, _ := graded(t, dir)
	tree := confine.New(dir)
	var mu sync.Mutex
	reads := map[string]int{}
	idx := New(func(p string) ([]byte, error) {
		mu.Lock()
		reads[p]++
		mu.Unlock()
		return tree.ReadSource(p)
	}, today)
	var wg sync.WaitGroup
	suppressed := make([]int, 8)
	for g := range suppressed {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, r := range results {
				if idx.Match(r) != nil {
					suppressed[g]++
				}
			}
		}()
	}
	wg.Wait()
	for g := range suppressed {
		if suppressed[g] != suppressed[0] || suppressed[0] == 0 {
			t.Fatalf("goroutines disagree or nothing matched: %v", suppressed)
		}
	}
	if len(reads) != 1 || reads[filepath.Join(dir, "app.yaml")] != 1 {
		t.Errorf("reads: %v", reads)
	}
	plan := results[0]
	res := *plan.Resource
	res.Loc = infra.Location{File: filepath.Join(dir, "plan.json"), Pos: infra.Pos{Line: 3}}
	res.Annotations = nil
	plan.Resource, plan.Loc = &res, res.Loc
	if d := idx.Match(plan); d != nil || reads[res.Loc.File] != 0 {
		t.Errorf("a result in a plan matched %v / was read %d times", d, reads[res.Loc.File])
	}
	pass := results[0]
	pass.Status = checklist.Pass
	if idx.Match(pass) != nil {
		t.Error("a pass result matched a directive")
	}
}

// TestUnreadableFile: a file the confined reader refuses suppresses
// nothing and says so.
func TestUnreadableFile(t *testing.T) {
	dir := filepath.Join("testdata", "compose")
	results, _ := graded(t, dir)
	idx := New(func(string) ([]byte, error) { return nil, os.ErrPermission }, today)
	for _, r := range results {
		if d := idx.Match(r); d != nil {
			t.Errorf("matched %s without reading the file", d.ID())
		}
	}
	if n := idx.Notes(); len(n) != 0 {
		t.Errorf("notes: %v (the loader reports a file it cannot read, not the index)", n)
	}
}

// BenchmarkMatch measures matching every fail and unknown result of the
// Terraform fixture against a fresh index (files read and lexed once each).
func BenchmarkMatch(b *testing.B) {
	t := &testing.T{}
	dir := filepath.Join("testdata", "terraform")
	results, _ := graded(t, dir)
	tree := confine.New(dir)
	b.ResetTimer()
	for range b.N {
		idx := New(tree.ReadSource, today)
		for _, r := range results {
			idx.Match(r)
		}
	}
}
