package report

import (
	"bytes"
	"strings"
	"testing"
)

func TestTextQuietAndGroupBy(t *testing.T) {
	for _, tc := range []struct {
		name      string
		opt       TextOptions
		want, not []string
	}{
		{"default", TextOptions{}, []string{"GAPS BY CHECKLIST ITEM", "Data backup (backup) — 2 findings", "UNKNOWN", "NOTES"}, nil},
		{"item is the default", TextOptions{GroupBy: GroupByItem}, []string{"GAPS BY CHECKLIST ITEM"}, nil},
		{"quiet", TextOptions{Quiet: true}, []string{"COMPONENT", "stacks/app", "2 gaps (1 critical, 1 high), 7 unknown, 1 input error"},
			[]string{"GAPS", "UNKNOWN", "NOTES", "aws_db_instance.main"}},
		{"by component", TextOptions{GroupBy: GroupByComponent}, []string{"GAPS BY COMPONENT\n\nstacks/app — 2 findings\n  CRITICAL aws-s3-versioning  S3 buckets are versioned  [backup]\n"},
			[]string{"GAPS BY CHECKLIST ITEM", "stacks/empty —"}},
		{"by rule", TextOptions{GroupBy: GroupByRule}, []string{"GAPS BY RULE\n\n  CRITICAL aws-s3-versioning  S3 buckets are versioned  [backup, 1 finding]\n    aws_s3_bucket.data  stacks/app/s3.tf:3\n",
			"  HIGH     aws-rds-backup-retention  RDS instances keep automated backups for at least 7 days  [backup, 1 finding]"}, []string{"GAPS BY CHECKLIST ITEM"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteText(&b, sample(), tc.opt); err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("lacks %q:\n%s", w, b.String())
				}
			}
			for _, n := range tc.not {
				if strings.Contains(b.String(), n) {
					t.Errorf("has %q:\n%s", n, b.String())
				}
			}
		})
	}
	var b bytes.Buffer
	if err := WriteText(&b, sample(), TextOptions{GroupBy: "severity"}); err == nil || b.Len() != 0 {
		t.Errorf("group by severity: error %v and %d bytes written; want an error and nothing", err, b.Len())
	}
	if g, err := ParseGroupBy(" Component "); err != nil || g != GroupByComponent {
		t.Errorf("ParseGroupBy: %q, %v", g, err)
	}
}
