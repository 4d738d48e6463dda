package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/policy"
	"github.com/prodgrade/prodgrade/internal/policy/custom"
	"github.com/prodgrade/prodgrade/internal/rules"
	"github.com/prodgrade/prodgrade/internal/scan"
	"github.com/spf13/cobra"
)

// loadPolicy builds the scan's policy from the configuration file named
// with --config, or else found upward from the scanned paths, and --tier.
// A configuration that does not parse or validate is a usage error: a
// policy half applied would grade the wrong thing.
func loadPolicy(configFile, tier string, paths []string) (*policy.Policy, error) {
	if configFile == "" {
		var err error
		if configFile, err = policy.Find(paths); err != nil {
			return nil, err
		}
	}
	var cfg *policy.Config
	if configFile != "" {
		var err error
		cfg, err = policy.Load(relToWD(configFile), mayBeRule, ruleParams)
		if err != nil {
			return nil, fmt.Errorf("the configuration file is not valid:\n%w", err)
		}
	}
	return policy.New(cfg, tier, policy.Today(), nil)
}

// mayBeRule tells a rule id a configuration may name: a built-in rule, or
// one that may be custom (checked against the custom rules once they are
// loaded, by policy.CheckRuleIDs).
func mayBeRule(id string) bool { return rules.Lookup(id) != nil || custom.MayBeCustom(id) }

// ruleParams lists the parameters a rule declares.
func ruleParams(id string) []string {
	r := rules.Lookup(id)
	if r == nil {
		return nil
	}
	var out []string
	for _, p := range r.Params {
		out = append(out, p.Name)
	}
	return out
}

// relToWD shortens a path to one relative to the working directory when it
// is inside it, for messages and report ids.
func relToWD(p string) string {
	wd, err := os.Getwd()
	if err != nil || !filepath.IsAbs(p) {
		return p
	}
	if rel, err := filepath.Rel(wd, p); err == nil && filepath.IsLocal(rel) {
		return rel
	}
	return p
}

func newInitCmd(e *env) *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Write a commented starter .prodgrade.yaml for the tree under DIR",
		Long: `Init scans DIR (default: the current directory) and writes DIR/.prodgrade.yaml:
three tiers to choose from (critical, standard, experimental; standard is the
default), every component found listed by name with a place for its owner and
tier, and empty lists of waivers and attestations, each with a commented
example. An existing file is kept unless --force is given.`,
		Example: `  prodgrade init
  prodgrade init infra --force`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := "."
			if len(args) == 1 {
				dir = args[0]
			}
			if st, err := os.Stat(dir); err != nil || !st.IsDir() {
				return fmt.Errorf("%s is not a directory", dir)
			}
			file := filepath.Join(dir, policy.FileNames[0])
			if _, err := os.Stat(file); err == nil && !force {
				return fmt.Errorf("%s exists; edit it, or pass --force to replace it", file)
			}
			rep, err := scan.Run(e.ctx, scan.Options{Paths: []string{dir}, Version: version, Policy: &policy.Policy{}})
			if err != nil {
				return err
			}
			abs, _ := filepath.Abs(dir)
			var found []policy.Found
			at := map[string]int{}
			for _, c := range rep.Components {
				p := c.Path
				if a, err := filepath.Abs(p); err == nil {
					if r, err := filepath.Rel(abs, a); err == nil {
						p = filepath.ToSlash(r)
					}
				}
				at[p]++
				f := policy.Found{Name: c.Name, Path: p, Kind: c.Kind}
				if f.Name == c.Path { // a root module is named by its path as given
					f.Name = p
					if p == "." {
						f.Name = filepath.Base(abs)
					}
				}
				found = append(found, f)
			}
			for i := range found {
				found[i].Shared = at[found[i].Path] > 1
			}
			if err := os.WriteFile(file, policy.Starter(found), 0o644); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "wrote %s: %d components, tier standard by default; give each component an owner\n", file, len(found))
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "replace an existing configuration file")
	return cmd
}

func newAttestCmd(e *env) *cobra.Command {
	var configFile, item, component, evidence, by, date, expires string
	cmd := &cobra.Command{
		Use:   "attest --item ITEM --component NAME --evidence LINK --by WHO",
		Short: "Record evidence no code can show (a load test, a restore drill) in the configuration",
		Long: `Attest adds an attestation to the configuration file (--config, or the
.prodgrade.yaml found in the current directory or above): evidence that a
component meets a checklist item in a way no code shows. Until it expires the
item is "attested" (unless the code shows a gap); after, it is a gap until
someone renews it. The file is validated before it is written.`,
		Example: `  prodgrade attest --item performance --component payments \
    --evidence https://wiki.example.com/loadtest-2026-11 --by alice@example.com
  prodgrade attest --item backup --component payments --evidence docs/restore-drill.md \
    --by bob@example.com --date 2026-11-02 --expires 2027-02-02`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			it, err := checklist.ParseItem(item)
			if err != nil {
				return err
			}
			for flag, v := range map[string]string{"--component": component, "--evidence": evidence, "--by": by} {
				if strings.TrimSpace(v) == "" {
					return fmt.Errorf("%s is required", flag)
				}
			}
			a := policy.Attestation{Item: it, Component: component, Evidence: evidence, By: by, Date: policy.Today()}
			if date != "" {
				if a.Date, err = time.Parse(time.DateOnly, date); err != nil {
					return fmt.Errorf("--date %q: write YYYY-MM-DD", date)
				}
			}
			a.Expires = a.Date.AddDate(0, 6, 0)
			if expires != "" {
				if a.Expires, err = time.Parse(time.DateOnly, expires); err != nil {
					return fmt.Errorf("--expires %q: write YYYY-MM-DD", expires)
				}
			}
			if configFile == "" {
				if configFile, err = policy.Find([]string{"."}); err != nil {
					return err
				}
				if configFile == "" {
					return fmt.Errorf("no .prodgrade.yaml here or above; write one with prodgrade init, or name one with --config")
				}
			}
			data, err := os.ReadFile(configFile)
			if err != nil {
				return err
			}
			out, err := policy.AddAttestation(data, a)
			if err != nil {
				return fmt.Errorf("%s: %w", configFile, err)
			}
			if _, err := policy.Parse(configFile, out, mayBeRule, ruleParams); err != nil {
				return fmt.Errorf("the attestation would leave the configuration invalid:\n%w", err)
			}
			if err := os.WriteFile(configFile, out, 0o644); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "attested %s for %s in %s, until %s\n", it, component, relToWD(configFile), a.Expires.Format(time.DateOnly))
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&configFile, "config", "", "the configuration `FILE` (default: .prodgrade.yaml here or above)")
	f.StringVar(&item, "item", "", "the checklist `ITEM` attested (performance, backup, …)")
	f.StringVar(&component, "component", "", "the component's `NAME`, as the report shows it")
	f.StringVar(&evidence, "evidence", "", "a `LINK`, or a path in the repository, to the evidence")
	f.StringVar(&by, "by", "", "`WHO` attests")
	f.StringVar(&date, "date", "", "the `DAY` of the evidence, YYYY-MM-DD (default today)")
	f.StringVar(&expires, "expires", "", "the last `DAY` it counts, YYYY-MM-DD (default six months after --date)")
	return cmd
}
