package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/prodgrade/prodgrade/internal/policy/baseline"
	"github.com/prodgrade/prodgrade/internal/report"
)

func newBaselineCmd(e *env) *cobra.Command {
	var output, update string
	var in *scanFlags
	cmd := &cobra.Command{
		Use:   "baseline (-o FILE | --update FILE) [PATH...]",
		Short: "Record today's findings, so that scans gate only on new ones",
		Long: `Baseline scans PATH (default: the current directory) as scan does, with
the same flags, and records the fingerprint of every gap (fail) in FILE.
'prodgrade scan --baseline FILE' then lists the gaps in the baseline apart,
does not count them for exit code 1, and names the entries that are fixed.

A fingerprint is a finding's identity: its component, rule, resource address
and attribute (a container by its name, not its position). Lines moving,
a file renamed, resources reordered or added leave it alone; a resource
renamed or moved to another component gives new ones. Record and scan from
the same directory with the same paths: component names are paths as given.

--update FILE drops the entries that are fixed and never adds one: the
baseline only shrinks (a ratchet). A new gap is fixed, waived, or accepted
by recording a new baseline with -o on purpose. An update is refused while
an input cannot be read or parsed, since its findings would look fixed.

Exit codes:
  0  the baseline was written
  2  usage error, or an input that could not be read or parsed (with -o,
     the baseline is still written, without that input's findings)`,
		Example: `  # Adopt prodgrade on an existing code base
  prodgrade baseline -o .prodgrade-baseline.json
  prodgrade scan --baseline .prodgrade-baseline.json   # in CI: fails only on new gaps

  # After fixing some of them: drop the fixed entries
  prodgrade baseline --update .prodgrade-baseline.json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			switch {
			case output == "" && update == "":
				return errors.New("give -o FILE to record a baseline, or --update FILE to drop the fixed entries of one")
			case output != "" && update != "":
				return errors.New("give either -o FILE or --update FILE, not both: --update rewrites its FILE")
			}
			var old *baseline.File
			if update != "" {
				var err error
				if old, err = baseline.Load(update); err != nil {
					return fmt.Errorf("--update: %w", err)
				}
			}
			rep, err := in.run(e, args)
			if err != nil {
				return err
			}
			listInputErrors(e, rep)
			if update != "" {
				return updateBaseline(e, rep, old, update)
			}
			b := baseline.FromReport(rep)
			if err := b.WriteFile(output); err != nil {
				return fmt.Errorf("writing the baseline: %w", err)
			}
			fmt.Fprintf(e.stdout, "Recorded %s of %s in %s.\n", plural(len(b.Findings), "gap", "gaps"),
				plural(len(rep.Components), "component", "components"), output)
			if rep.Summary.Errors > 0 {
				fmt.Fprintf(e.stdout, "The %s listed above could not be read or parsed: findings in them may be missing from the baseline, and will be new once they load.\n",
					plural(rep.Summary.Errors, "input", "inputs"))
				e.code = report.ExitError
				return nil
			}
			fmt.Fprintf(e.stdout, "Run prodgrade scan --baseline %s to gate only on new gaps.\n", output)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVarP(&output, "output", "o", "", "record the gaps found now in `FILE` (replacing it)")
	f.StringVar(&update, "update", "", "drop the entries of baseline `FILE` that are fixed; new gaps are never added")
	in = addScanFlags(f)
	return cmd
}

// listInputErrors writes the input errors of a scan to standard error:
// the baseline command prints no report, and they change what it records.
func listInputErrors(e *env, rep *report.Report) {
	for _, n := range rep.Notes {
		if n.Kind != "error" {
			continue
		}
		where := n.File
		if n.Line > 0 {
			where = fmt.Sprintf("%s:%d", n.File, n.Line)
		}
		fmt.Fprintf(e.stderr, "prodgrade: error: %s: %s\n", where, n.Message)
	}
}

// updateBaseline drops the fixed entries of the baseline at path and says
// what changed: the ratchet. It never writes while an input is missing
// from the scan, as that input's entries would look fixed.
func updateBaseline(e *env, rep *report.Report, old *baseline.File, path string) error {
	if rep.Summary.Errors > 0 {
		fmt.Fprintf(e.stderr, "prodgrade: %s not updated: the %s above could not be read or parsed, so the baseline entries in them would look fixed; fix the input or scan without it\n",
			path, plural(rep.Summary.Errors, "input", "inputs"))
		e.code = report.ExitError
		return nil
	}
	kept, dropped, notAdded := baseline.Update(old, rep)
	if len(dropped) > 0 {
		if err := kept.WriteFile(path); err != nil {
			return fmt.Errorf("writing the baseline: %w", err)
		}
	}
	fmt.Fprintf(e.stdout, "%s: dropped %s, kept %d.\n", path, plural(len(dropped), "fixed entry", "fixed entries"), len(kept.Findings))
	for _, d := range dropped {
		fmt.Fprintf(e.stdout, "  fixed  %s  %s  %s\n", d.Rule, d.Resource, d.File)
	}
	switch {
	case notAdded == 1:
		fmt.Fprintf(e.stdout, "1 gap not in the baseline was not added: an update only drops fixed entries, so the baseline only shrinks. Fix it, or record a new baseline with prodgrade baseline -o %s.\n", path)
	case notAdded > 1:
		fmt.Fprintf(e.stdout, "%d gaps not in the baseline were not added: an update only drops fixed entries, so the baseline only shrinks. Fix them, or record a new baseline with prodgrade baseline -o %s.\n", notAdded, path)
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
