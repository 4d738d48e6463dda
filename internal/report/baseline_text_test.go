package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/prodgrade/prodgrade/internal/checklist"
)

func TestTextBaseline(t *testing.T) {
	for _, tc := range []struct {
		name string
		// baselined are the indexes of sample()'s findings in the baseline.
		baselined []int
		fixed     int
		want      []string
		not       []string
		exit      int
	}{
		{
			name: "one of two gaps baselined, one entry fixed", baselined: []int{1}, fixed: 1,
			want: []string{"Data backup (backup) — 1 finding\n", "aws_db_instance.main  stacks/app/db.tf:12",
				"In the baseline (not listed; --format json lists them)\n  Data backup          1 finding\n",
				"1 finding is in the baseline (b.json), 1 of its entries is fixed: run prodgrade baseline --update b.json\n",
				"    fixed  aws-ebs-gp3  aws_ebs_volume.old  stacks/app/disk.tf\n",
				"1 gap is new: it is listed above and counts for the exit code.",
				"2 gaps (1 critical, 1 high), 1 in the baseline, 7 unknown"},
			not:  []string{"aws_s3_bucket.data  stacks/app/s3.tf:3"},
			exit: ExitGaps,
		},
		{
			name: "every gap baselined, none fixed", baselined: []int{0, 1},
			want: []string{"  Data backup          2 findings\n", "2 findings are in the baseline (b.json), none of its entries is fixed.\n", "No gap is new."},
			not:  []string{"Data backup (backup) — ", "aws_db_instance.main  stacks/app/db.tf:12", "run prodgrade baseline --update"},
			exit: ExitOK,
		},
		{
			name: "no baseline", baselined: nil, fixed: -1,
			want: []string{"Data backup (backup) — 2 findings\n", "aws_s3_bucket.data  stacks/app/s3.tf:3", "2 gaps (1 critical, 1 high), 7 unknown"},
			not:  []string{"BASELINE", "In the baseline", "in the baseline"},
			exit: ExitGaps,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := sample()
			r.Notes = r.Notes[1:] // no input error: the exit code shows the gate
			if tc.fixed >= 0 {
				r.Baseline = &Baseline{File: "b.json", Fixed: []BaselineEntry{}}
				for range tc.fixed {
					r.Baseline.Fixed = append(r.Baseline.Fixed, BaselineEntry{Fingerprint: "0123456789abcdef",
						Rule: "aws-ebs-gp3", Resource: "aws_ebs_volume.old", File: "stacks/app/disk.tf"})
				}
				for i := range r.Findings {
					if r.Findings[i].Status == checklist.Fail {
						r.Baseline.New++
					}
				}
				for _, i := range tc.baselined {
					r.Findings[i].Baselined = true
					r.Baseline.New--
					r.Baseline.Known++
				}
			}
			var b bytes.Buffer
			if err := WriteText(&b, r, TextOptions{}); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("no %q in\n%s", w, out)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(out, w) {
					t.Errorf("%q in\n%s", w, out)
				}
			}
			if got := r.ExitCode(FailOn{Min: checklist.Low}); got != tc.exit {
				t.Errorf("exit code %d, want %d", got, tc.exit)
			}
		})
	}
}
