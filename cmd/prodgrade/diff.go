package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/prodgrade/prodgrade/internal/report"
)

func newDiffCmd(e *env) *cobra.Command {
	var format, linkBase string
	cmd := &cobra.Command{
		Use:   "diff OLD.json NEW.json",
		Short: "Compare two JSON reports: findings new, fixed and changed, verdicts and scores",
		Long: `Diff compares two reports written by prodgrade scan --format json, say of
a pull request's base and head: the findings that are new, fixed, or changed
(same finding, another status, severity or message), and per component the
verdicts and scores that changed.

Findings are matched by fingerprint, which stays the same when lines move or
unrelated code changes. A report written before fingerprints existed is
matched by rule, component, resource, file and message instead, and the
output says so.

Exit codes:
  0  nothing fails that did not fail before
  1  a new finding fails, or a finding that did not fail fails now
  2  usage error, or a file that cannot be read or is not a prodgrade
     report of the format version this prodgrade reads`,
		Example: `  prodgrade scan --format json -o base.json   # on the base branch
  prodgrade scan --format json -o head.json   # on the pull request
  prodgrade diff base.json head.json
  prodgrade diff base.json head.json --format markdown \
    --link-base https://github.com/OWNER/REPO/blob/$GITHUB_SHA > comment.md`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" && format != "markdown" {
				return fmt.Errorf("invalid --format %q; use text, json or markdown", format)
			}
			var opt report.Options
			if err := (&renderFlags{groupBy: "item", linkBase: linkBase}).apply(&opt); err != nil {
				return err
			}
			var reps [2]*report.Report
			for i, name := range args {
				data, err := os.ReadFile(name)
				if err != nil {
					return fmt.Errorf("cannot read the report: %w", err)
				}
				if reps[i], err = report.ReadJSON(data, name); err != nil {
					return err
				}
			}
			d := report.Compare(reps[0], reps[1], args[0], args[1])
			var err error
			switch format {
			case "json":
				err = report.WriteDiffJSON(e.stdout, d)
			case "markdown":
				err = report.WriteDiffMarkdown(e.stdout, d, report.MarkdownOptions{LinkBase: opt.LinkBase})
			default:
				err = report.WriteDiffText(e.stdout, d)
			}
			if err != nil {
				return fmt.Errorf("writing the diff: %w", err)
			}
			e.code = d.ExitCode()
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&format, "format", "text", "output `FORMAT`: text, json (prodgrade/diff/v1, docs/formats.md) or markdown (a pull request comment)")
	f.StringVar(&linkBase, "link-base", "", "markdown: link each file:line to `URL`/FILE#LLINE, e.g. https://github.com/OWNER/REPO/blob/COMMIT")
	return cmd
}
