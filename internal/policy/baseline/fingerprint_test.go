package baseline_test

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/prodgrade/prodgrade/internal/report"
	_ "github.com/prodgrade/prodgrade/internal/rules/all" // registers every rule
	"github.com/prodgrade/prodgrade/internal/scan"
	_ "github.com/prodgrade/prodgrade/internal/source/all" // registers every input format
)

// scanDir replaces the contents of dir with files and scans it with the
// real loaders and rules. The directory keeps its name from one scan to
// the next, as a repository does from one commit to the next.
func scanDir(t *testing.T, dir string, files map[string]string) *report.Report {
	t.Helper()
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := scan.Run(context.Background(), scan.Options{Paths: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Summary.Errors > 0 {
		t.Fatalf("input errors: %+v", rep.Notes)
	}
	return rep
}

// byFingerprint maps each finding's fingerprint to what the finding is,
// and fails the test when a fingerprint is missing or used twice.
func byFingerprint(t *testing.T, rep *report.Report) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, f := range rep.Findings {
		what := f.Rule + " " + f.Resource + ": " + f.Message
		if len(f.Fingerprint) != 16 {
			t.Errorf("%s: fingerprint %q is not 16 hex digits", what, f.Fingerprint)
		}
		if prev, dup := out[f.Fingerprint]; dup {
			t.Errorf("fingerprint %s is shared by\n  %s\n  %s", f.Fingerprint, prev, what)
		}
		out[f.Fingerprint] = what
	}
	return out
}

const dbA = `resource "aws_db_instance" "a" {
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  allocated_storage       = 20
  backup_retention_period = 0
}
`

const dbB = `resource "aws_db_instance" "b" {
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  allocated_storage       = 20
  backup_retention_period = 0
}
`

const dbBFixed = `resource "aws_db_instance" "b" {
  engine                  = "postgres"
  instance_class          = "db.t3.large"
  allocated_storage       = 100
  backup_retention_period = 14
  multi_az                = true
  storage_encrypted       = true
}
`

const queue = `resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}
`

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels: {app: web}
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
%s`

const webContainer = `        - name: web
          image: example/web:1.0
`

const sidecarContainer = `        - name: sidecar
          image: example/sidecar:1.0
          securityContext:
            privileged: true
`

const configMap = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: shop
data:
  level: debug
---
`

func TestFingerprintsAreStable(t *testing.T) {
	bothContainers := strings.Replace(deployment, "%s", webContainer+sidecarContainer, 1)
	for _, tc := range []struct {
		name string
		// base is the code a baseline was recorded on, changed the change
		// that must keep its findings' fingerprints.
		base, changed map[string]string
		// newOn is the resource the change adds: its findings are new.
		newOn string
		// changedRes is a resource the change edits: its findings may change.
		changedRes string
	}{
		{
			name:    "terraform: lines moved down",
			base:    map[string]string{"main.tf": dbA + "\n" + dbB},
			changed: map[string]string{"main.tf": "# databases\n\n\n\n# of the shop\n" + dbA + "\n\n\n" + dbB},
		},
		{
			name:    "terraform: file renamed",
			base:    map[string]string{"main.tf": dbA + "\n" + dbB},
			changed: map[string]string{"databases.tf": dbA + "\n" + dbB},
		},
		{
			name:    "terraform: resources split into two files",
			base:    map[string]string{"main.tf": dbA + "\n" + dbB},
			changed: map[string]string{"a.tf": dbA, "b.tf": dbB},
		},
		{
			name:    "terraform: resources reordered",
			base:    map[string]string{"main.tf": dbA + "\n" + dbB},
			changed: map[string]string{"main.tf": dbB + "\n" + dbA},
		},
		{
			name:    "terraform: unrelated resource added above",
			base:    map[string]string{"main.tf": dbA + "\n" + dbB},
			changed: map[string]string{"main.tf": queue + "\n" + dbA + "\n" + dbB},
			newOn:   "aws_sqs_queue.jobs",
		},
		{
			name:       "terraform: the file's other resource changes",
			base:       map[string]string{"main.tf": dbA + "\n" + dbB},
			changed:    map[string]string{"main.tf": dbA + "\n" + dbBFixed},
			changedRes: "aws_db_instance.b",
		},
		{
			name:    "kubernetes: lines moved down by an unrelated object",
			base:    map[string]string{"app.yaml": bothContainers},
			changed: map[string]string{"app.yaml": configMap + bothContainers},
			newOn:   "ConfigMap/shop/settings",
		},
		{
			name:    "kubernetes: file renamed",
			base:    map[string]string{"app.yaml": bothContainers},
			changed: map[string]string{"deploy/web.yaml": bothContainers},
		},
		{
			name:    "kubernetes: containers reordered",
			base:    map[string]string{"app.yaml": bothContainers},
			changed: map[string]string{"app.yaml": strings.Replace(deployment, "%s", sidecarContainer+webContainer, 1)},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "stack")
			before := byFingerprint(t, scanDir(t, dir, tc.base))
			afterRep := scanDir(t, dir, tc.changed)
			after := byFingerprint(t, afterRep)
			if len(before) == 0 {
				t.Fatal("the base code has no findings: the test proves nothing")
			}
			for _, fp := range slices.Sorted(maps.Keys(before)) {
				what := before[fp]
				if tc.changedRes != "" && strings.Contains(what, " "+tc.changedRes+": ") {
					continue
				}
				switch now, ok := after[fp]; {
				case !ok:
					t.Errorf("fingerprint %s changed: %s", fp, what)
				case now != what:
					t.Errorf("fingerprint %s moved from\n  %s\nto\n  %s", fp, what, now)
				}
			}
			for _, f := range afterRep.Findings {
				if _, old := before[f.Fingerprint]; !old && f.Resource != tc.newOn && f.Resource != tc.changedRes {
					t.Errorf("new fingerprint %s on a resource the change did not add: %s %s: %s", f.Fingerprint, f.Rule, f.Resource, f.Message)
				}
			}
		})
	}
}

func TestFingerprintsAreDistinct(t *testing.T) {
	bothContainers := strings.Replace(deployment, "%s", webContainer+sidecarContainer, 1)
	for _, tc := range []struct {
		name  string
		files map[string]string
		// rule fires on each of on (resource, message part), each with its own fingerprint.
		rule string
		on   [][2]string
	}{
		{
			name:  "terraform: one rule on two resources",
			files: map[string]string{"main.tf": dbA + "\n" + dbB},
			rule:  "aws-rds-backup-retention",
			on:    [][2]string{{"aws_db_instance.a", ""}, {"aws_db_instance.b", ""}},
		},
		{
			name:  "kubernetes: one rule on two containers of a Deployment (attribute path)",
			files: map[string]string{"app.yaml": bothContainers},
			rule:  "k8s-container-memory-limit",
			on:    [][2]string{{"Deployment/shop/web", `"web"`}, {"Deployment/shop/web", `"sidecar"`}},
		},
		{
			name:  "kubernetes: one rule on two containers of a Deployment (explicit location)",
			files: map[string]string{"app.yaml": bothContainers},
			rule:  "k8s-container-capabilities",
			on:    [][2]string{{"Deployment/shop/web", `"web"`}, {"Deployment/shop/web", `"sidecar"`}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := scanDir(t, filepath.Join(t.TempDir(), "stack"), tc.files)
			byFingerprint(t, rep) // every fingerprint of the report is unique
			seen := map[string]string{}
			for _, want := range tc.on {
				var fp string
				for _, f := range rep.Findings {
					if f.Rule == tc.rule && f.Resource == want[0] && strings.Contains(f.Message, want[1]) {
						fp = f.Fingerprint
					}
				}
				if fp == "" {
					t.Fatalf("%s does not fire on %s %s", tc.rule, want[0], want[1])
				}
				if prev, dup := seen[fp]; dup {
					t.Errorf("%s on %v and on %s share fingerprint %s", tc.rule, want, prev, fp)
				}
				seen[fp] = want[0] + " " + want[1]
			}
		})
	}
}
