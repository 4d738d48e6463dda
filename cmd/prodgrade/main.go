// Command prodgrade grades infrastructure code against the Production-Grade
// Infrastructure Checklist. This file only wires commands and flags; the work
// is done in internal/scan (the pipeline) and internal/report (the output).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/confine"
	"github.com/prodgrade/prodgrade/internal/policy"
	"github.com/prodgrade/prodgrade/internal/policy/baseline"
	"github.com/prodgrade/prodgrade/internal/policy/custom"
	"github.com/prodgrade/prodgrade/internal/report"
	"github.com/prodgrade/prodgrade/internal/rules"
	_ "github.com/prodgrade/prodgrade/internal/rules/all" // registers every rule
	"github.com/prodgrade/prodgrade/internal/scan"
	_ "github.com/prodgrade/prodgrade/internal/source/all" // registers every input format
	"github.com/prodgrade/prodgrade/internal/source/cloudformation"
	"github.com/prodgrade/prodgrade/internal/source/compose"
	"github.com/prodgrade/prodgrade/internal/source/helm"
	"github.com/prodgrade/prodgrade/internal/source/terraform"
)

// version is set at build time: go build -ldflags "-X main.version=1.2.3".
var version = "dev"

func main() {
	// Ctrl-C (or a CI runner's SIGTERM) stops the scan cleanly: no new work
	// starts, and prodgrade exits 2 without a partial report.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := runContext(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Environ())
	stop()
	os.Exit(code)
}

// env is what the commands need from the process, so tests can run them in-process.
type env struct {
	ctx            context.Context
	stdin          io.Reader
	stdout, stderr io.Writer
	environ        []string
	code           int // exit code set by a command that does not fail
}

func (e *env) getenv(name string) (string, bool) {
	for _, kv := range e.environ {
		if k, v, ok := strings.Cut(kv, "="); ok && k == name {
			return v, true
		}
	}
	return "", false
}

// run executes the command line and returns the exit code: 0 no gaps at or
// above --fail-on, 1 gaps, 2 usage error or unreadable input.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer, environ []string) int {
	return runContext(context.Background(), args, stdin, stdout, stderr, environ)
}

func runContext(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, environ []string) int {
	e := &env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr, environ: environ}
	root := newRootCmd(e)
	root.SetArgs(args)
	if err := root.Execute(); err != nil {
		fmt.Fprintf(stderr, "prodgrade: %v\n", err)
		if cmd, _, ferr := root.Find(args); ferr == nil && cmd != nil {
			fmt.Fprintf(stderr, "Run '%s --help' for usage.\n", cmd.CommandPath())
		}
		return report.ExitError
	}
	return e.code
}

func newRootCmd(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:   "prodgrade",
		Short: "Grade infrastructure code against the production-readiness checklist",
		Long: `prodgrade reads infrastructure code — Terraform (HCL, plan and state JSON),
CloudFormation (with SAM and CDK output), Kubernetes manifests, Helm charts and
Kustomize overlays, Docker Compose projects and Dockerfiles — and shows, for
every component, which of the 12 items of the Production-Grade Infrastructure
Checklist are met, which have gaps, and exactly what to change:

  install, configure, provision, deploy, availability, scalability,
  performance, networking, security, metrics, logs, backup

What counts is the team's to say in .prodgrade.yaml (prodgrade init writes
one): tiers, owners, waivers, attestations, custom rules. It never contacts
the network and never prints secret values.`,
		Example: `  prodgrade scan                      # grade everything under the current directory
  prodgrade scan infra/ --fail-on high
  prodgrade scan --format text --format sarif=prodgrade.sarif --format html=prodgrade.html
  prodgrade rules --item backup
  prodgrade explain aws-rds-backup-retention`,
		Version:       version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(e.stdin)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.SetVersionTemplate("prodgrade {{.Version}}\n")
	root.CompletionOptions.HiddenDefaultCmd = true
	root.AddCommand(newScanCmd(e), newDiffCmd(e), newBaselineCmd(e), newInitCmd(e), newAttestCmd(e), newRulesCmd(e), newExplainCmd(e), newTestRulesCmd(e), newVersionCmd(e))
	return root
}

func newScanCmd(e *env) *cobra.Command {
	var (
		output, failOn, baselineFile string
		formats                      []string
		formatOpt                    report.Options
		noColor                      bool
		in                           *scanFlags
		render                       renderFlags
	)
	cmd := &cobra.Command{
		Use:   "scan [PATH...]",
		Short: "Grade every component under PATH (default: the current directory)",
		Long: `Scan finds every supported file under each PATH (Terraform *.tf and
*.tf.json; Kubernetes manifests, Helm charts and kustomizations; Docker
Compose files and Dockerfiles; CloudFormation, SAM and cdk.out templates;
Packer templates, Ansible playbooks and roles, shell scripts;
node_modules and hidden directories such as .git and .terraform are
skipped), grades every component — each Terraform root module with the
modules it calls, each Kubernetes application, Helm release or
kustomization, each Compose project with the Dockerfiles its services
build, each Dockerfile no Compose file builds, each template or CDK stack,
each Packer template and playbook with the scripts it runs — against the
12 checklist items, and prints the checklist matrix and the gaps grouped
by checklist item, each with file:line and the fix.

Values prodgrade cannot know without running Terraform (variables with no
value, data sources, attributes known after apply) are reported as unknown,
never guessed: pass them with --var-file / --var, or grade a plan.

A plan settles them: with --plan, a root module is graded from the values
in its plan (terraform show -json), with findings at the .tf lines that wrote
them; a plan named as a PATH beside the .tf files it was made from is
graded the same way. Any other plan or state file (.json, .tfstate) named as
a PATH is graded on its own. Such files are never picked up by walking a
directory.

Scanned code is treated as untrusted: the files it names (local module
sources, file(), templatefile(), fileset()) are read only inside the scanned
paths, never through a symbolic link that leads out, never in .git, and
never when they are not regular files or larger than 1 MiB; anything else is
reported as unknown. Values read from files, given with --var, --var-file or
TF_VAR_, or marked sensitive are never printed. --allow-read DIR lets the
code read under DIR too (for modules that live beside the scanned directory).

With --baseline FILE (written by prodgrade baseline), gaps recorded in the
baseline are counted apart and do not fail the scan; the report names the
baseline entries that are fixed, which prodgrade baseline --update drops.

Exit codes:
  0  no gap at or above --fail-on (that is not in the --baseline)
  1  at least one gap at or above --fail-on (that is not in the --baseline)
  2  usage error, an input that could not be read or parsed (the report
     is still complete for everything else), or nothing to grade at all`,
		Example: `  # Grade every Terraform root module under the current directory
  prodgrade scan

  # Grade a stack with the variables its plan would use
  prodgrade scan infra/prod --var-file infra/prod/prod.tfvars --var region=eu-west-1

  # Fail CI only on high or critical gaps, and keep a JSON report
  prodgrade scan --fail-on high --format json --output prodgrade.json

  # Fail CI only on gaps that are not in the baseline (see prodgrade baseline)
  prodgrade scan --baseline .prodgrade-baseline.json

  # Grade what a plan will really deploy, with findings at the .tf lines
  terraform plan -out tf.plan && terraform show -json tf.plan > plan.json
  prodgrade scan --plan plan.json .

  # Grade what is deployed now
  terraform show -json > state.json && prodgrade scan state.json

  # Grade one file read from standard input
  cat main.tf | prodgrade scan - --input-format terraform
  helm template web ./chart | prodgrade scan -

  # Grade a Compose project as deployed to production
  prodgrade scan --compose-file compose.yaml --compose-file compose.prod.yaml

  # Grade a Helm chart with production values
  prodgrade scan charts/web --helm-values charts/web/values-prod.yaml --helm-set replicas=3`,
		RunE: func(cmd *cobra.Command, args []string) error {
			outs, err := parseOutputs(formats, output)
			if err != nil {
				return err
			}
			if err := render.apply(&formatOpt); err != nil {
				return err
			}
			if formatOpt.SARIFRoot != "" {
				if st, err := os.Stat(formatOpt.SARIFRoot); err != nil || !st.IsDir() {
					return fmt.Errorf("--sarif-root %s is not a directory; give the directory SARIF paths should be relative to, such as the repository root", formatOpt.SARIFRoot)
				}
			}
			threshold, err := report.ParseFailOn(failOn)
			if err != nil {
				return err
			}
			threshold.Set = cmd.Flags().Changed("fail-on")
			var base *baseline.File
			if baselineFile != "" {
				if base, err = baseline.Load(baselineFile); err != nil {
					return fmt.Errorf("--baseline: %w", err)
				}
			}
			in.quiet = render.quiet
			rep, err := in.run(e, args)
			if err != nil {
				return err
			}
			if base != nil {
				baseline.Compare(rep, base, baselineFile)
			}
			// Report paths are relative to the working directory; without
			// it, SARIF keeps them as they are and leaves its root unnamed.
			formatOpt.WorkDir, _ = os.Getwd()
			for _, o := range outs {
				if err := o.write(e, rep, formatOpt, noColor); err != nil {
					return err
				}
			}
			e.code = rep.ExitCode(threshold)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&formats, "format", nil, "output `FORMAT`, or FORMAT=FILE to write it to FILE (repeatable): "+report.FormatNames()+" (default text)")
	f.StringVarP(&output, "output", "o", "", "write the report in the --format given without a file to `FILE` instead of standard output")
	render.add(f)
	f.StringVar(&formatOpt.SARIFRoot, "sarif-root", "", "make SARIF locations relative to `DIR`, e.g. the repository root for code scanning (default: the current directory)")
	f.BoolVar(&formatOpt.JUnitUnverified, "junit-unverified", false, "make an unverified checklist item a JUnit failure of type unverified (default: it passes, saying what is unverified)")
	f.StringVar(&failOn, "fail-on", "low", "exit 1 if a gap has at least this `SEVERITY`: info, low, medium, high, critical, or none (default: each component's tier decides, else low; given, it decides for every component)")
	f.StringVar(&baselineFile, "baseline", "", "gate only on findings not in this baseline `FILE` (written by prodgrade baseline -o); the report lists its entries now fixed")
	f.BoolVar(&noColor, "no-color", false, "never colour the output (colour is used only on a terminal, and never when NO_COLOR is set)")
	in = addScanFlags(f)
	return cmd
}

// scanFlags are the flags that say what a scan reads and how. Every
// command that scans (scan, baseline) takes them, so that a baseline is
// recorded from exactly the scan that is later compared with it.
type scanFlags struct {
	inputFormat      string
	plans, allowRead []string
	vars             []terraform.VarArg
	componentTime    time.Duration
	helmOpt          helm.Options
	composeOpt       compose.Options
	cfnOpt           cloudformation.Options
	maxRead          byteSize
	maxFile          byteSize
	maxPlan          byteSize
	configFile, tier string
	policyDirs       []string
	// quiet: no progress line (scan --quiet).
	quiet bool
}

// addScanFlags defines the scan flags on f.
func addScanFlags(f *pflag.FlagSet) *scanFlags {
	s := &scanFlags{
		maxRead: byteSize(confine.DefaultFileLimit),
		maxFile: byteSize(confine.DefaultSourceLimit),
		maxPlan: byteSize(confine.DefaultDataLimit),
	}
	f.Var(varArgs{&s.vars, true}, "var-file", "Terraform variable definitions `FILE` (repeatable; applied after terraform.tfvars and *.auto.tfvars, in command-line order with --var)")
	f.Var(varArgs{&s.vars, false}, "var", "Terraform variable `NAME=VALUE` (repeatable; applied in command-line order with --var-file)")
	f.StringArrayVar(&s.plans, "plan", nil, "grade a root module from its plan JSON: `FILE` for the one directory scanned, or DIR=FILE (repeatable)")
	f.StringArrayVar(&s.allowRead, "allow-read", nil, "let scanned code also read files under `DIR` (module sources, file()); by default only the scanned paths are readable (repeatable)")
	f.Var(&s.maxRead, "max-read-size", "largest file scanned code may read with file() or templatefile(), e.g. 512KiB or 4MiB; larger ones are unknown")
	f.Var(&s.maxFile, "max-file-size", "largest configuration file (.tf, manifest, Compose file, Dockerfile) to load; a larger one is an input error")
	f.Var(&s.maxPlan, "max-plan-size", "largest plan or state file (or standard input) to load; a larger one is an input error")
	f.DurationVar(&s.componentTime, "component-timeout", scan.DefaultComponentTime, "stop loading a component that takes longer than `DURATION` (noted as an input error; what was loaded is graded); 0 means no limit")
	f.StringArrayVar(&s.helmOpt.Values, "helm-values", nil, "Helm values `FILE` merged over each chart's values.yaml, as helm template -f (repeatable, in order)")
	f.StringArrayVar(&s.helmOpt.Set, "helm-set", nil, "Helm value override `NAME=VALUE`, as helm template --set (repeatable, after --helm-values)")
	f.StringVar(&s.helmOpt.ReleaseName, "helm-release", "", "Helm release `NAME` (default: the chart's name)")
	f.DurationVar(&s.helmOpt.RenderTimeout, "helm-timeout", helm.DefaultRenderTimeout, "stop rendering a Helm chart that takes longer than `DURATION` (an input error naming the chart)")
	f.StringVar(&s.helmOpt.Namespace, "helm-namespace", "", "Helm release `NAMESPACE` (default: where it is installed; rendered as \"default\")")
	f.StringArrayVar(&s.composeOpt.Files, "compose-file", nil, "load these Compose `FILE`s as one project, merged in order, as docker compose -f (repeatable)")
	f.StringArrayVar(&s.composeOpt.Profiles, "compose-profile", nil, "grade only the Compose services of this `PROFILE` and those without one (repeatable; default: every service)")
	f.StringVar(&s.cfnOpt.ParametersFile, "cfn-parameters", "", "CloudFormation parameter values `FILE`: the JSON aws cloudformation create-stack --parameters takes, or CodePipeline's {\"Parameters\": {…}, \"Tags\": {…}}; applies to every template that declares them")
	f.StringVar(&s.configFile, "config", "", "configuration `FILE` (default: .prodgrade.yaml found in the scanned paths' directories or above)")
	f.StringVar(&s.tier, "tier", "", "judge every component against the configured tier `NAME`")
	f.StringArrayVar(&s.policyDirs, "policy", nil, "also grade with the custom rules (Rego or CEL) in `DIR`/<rule-id>/rule.yaml (repeatable, after the configuration's policies; see docs/custom-rules.md)")
	f.StringVar(&s.inputFormat, "input-format", "", "format of standard input for 'scan -': terraform, plan, state, kubernetes, compose, dockerfile, cloudformation or shell (default: detected from the content)")
	return s
}

// run scans paths with the flags' options.
func (s *scanFlags) run(e *env, paths []string) (*report.Report, error) {
	componentTime := s.componentTime
	if componentTime == 0 {
		componentTime = -1 // 0 on the command line: no limit
	}
	pol, err := loadPolicy(s.configFile, s.tier, paths)
	if err != nil {
		return nil, err
	}
	if pol.Custom, err = loadCustom(pol.Config, s.policyDirs); err != nil {
		return nil, err
	}
	if err := pol.CheckRuleIDs(); err != nil {
		return nil, fmt.Errorf("the configuration file is not valid:\n%w", err)
	}
	var progress *scan.Progress
	if !s.quiet && report.IsTerminal(e.stderr) {
		progress = &scan.Progress{}
		defer showProgress(e.stderr, progress)()
	}
	return scan.Run(e.ctx, scan.Options{
		Progress: progress,
		Paths:    paths, Stdin: e.stdin, InputFormat: s.inputFormat, AllowRead: s.allowRead, Version: version,
		ComponentTime: componentTime, MaxReadSize: int64(s.maxRead),
		MaxFileSize: int64(s.maxFile), MaxPlanSize: int64(s.maxPlan), Policy: pol,
		FormatOptions: map[string]any{
			"terraform":      terraform.Options{Vars: s.vars, Env: e.environ, Plans: s.plans},
			"helm":           s.helmOpt,
			"compose":        s.composeOpt,
			"cloudformation": s.cfnOpt,
		},
	})
}

// loadCustom compiles the custom rules of the configuration's policy
// directories and of --policy, once, and only when there are any: a scan
// without custom rules never starts prodgrade-policy. A directory named
// twice is read once.
func loadCustom(cfg *policy.Config, flagDirs []string) ([]*rules.Rule, error) {
	var dirs []string
	if cfg != nil {
		dirs = append(dirs, cfg.Policies...)
	}
	dirs = append(dirs, flagDirs...)
	if len(dirs) == 0 {
		return nil, nil
	}
	var unique []string
	seen := map[string]bool{}
	for _, d := range dirs {
		abs, err := filepath.Abs(d)
		if err != nil {
			abs = d
		}
		if !seen[abs] {
			seen[abs] = true
			unique = append(unique, d)
		}
	}
	return custom.Load(unique...)
}

func newRulesCmd(e *env) *cobra.Command {
	var item, platform, format string
	var policyDirs []string
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List the rules prodgrade checks",
		Long: `Rules lists the rule catalog: each rule's id, the checklist item it
evidences, its severity, platform and title. --format json adds the resource
kinds, whether the rule looks across resources, and references (documentation
and the equivalent checks of other tools, such as Checkov CKV_AWS_133).`,
		Example: `  prodgrade rules
  prodgrade rules --item backup
  prodgrade rules --platform terraform --format json
  prodgrade rules --format markdown > docs/rules.md`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			var it checklist.Item
			if item != "" {
				var err error
				if it, err = checklist.ParseItem(item); err != nil {
					return err
				}
			}
			p, err := report.ParsePlatform(platform)
			if err != nil {
				return err
			}
			all, err := catalog(policyDirs)
			if err != nil {
				return err
			}
			rs := report.FilterRules(all, it, p)
			switch format {
			case "text":
				return report.WriteCatalogText(e.stdout, rs)
			case "json":
				return report.WriteCatalogJSON(e.stdout, rs)
			case "markdown":
				return report.WriteCatalogMarkdown(e.stdout, rs)
			}
			return fmt.Errorf("invalid --format %q; use text, json or markdown", format)
		},
	}
	f := cmd.Flags()
	f.StringVar(&item, "item", "", "only rules for this checklist `ITEM` (install, configure, …, backup)")
	f.StringVar(&platform, "platform", "", "only rules for this `PLATFORM`: "+strings.Join(report.Platforms, ", "))
	f.StringArrayVar(&policyDirs, "policy", nil, "also list the custom rules in `DIR` (repeatable)")
	f.StringVar(&format, "format", "text", "output format: text, json, or markdown (the catalog by checklist item, as docs/rules.md)")
	return cmd
}

func newExplainCmd(e *env) *cobra.Command {
	var policyDirs []string
	cmd := &cobra.Command{
		Use:   "explain RULE-ID",
		Short: "Explain a rule: why it matters, how to fix it, references",
		Example: `  prodgrade explain aws-rds-backup-retention
  prodgrade explain custom-payments-pdb --policy policies/`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			all, err := catalog(policyDirs)
			if err != nil {
				return err
			}
			id := strings.TrimSpace(args[0])
			var r *rules.Rule
			for _, x := range all {
				if x.ID == id || x.ID == strings.ToLower(id) {
					r = x
				}
			}
			if r == nil {
				var ids []string
				for _, x := range all {
					ids = append(ids, x.ID)
				}
				msg := fmt.Sprintf("no rule %q", id)
				if s := report.Suggest(id, ids); len(s) > 0 {
					msg += "; did you mean " + strings.Join(s, ", ") + "?"
				} else {
					msg += "; 'prodgrade rules' lists them all"
				}
				return errors.New(msg)
			}
			return report.WriteExplain(e.stdout, r)
		},
	}
	cmd.Flags().StringArrayVar(&policyDirs, "policy", nil, "also the custom rules in `DIR` (repeatable)")
	return cmd
}

// catalog is every built-in rule, and the custom rules of dirs.
func catalog(dirs []string) ([]*rules.Rule, error) {
	all := rules.All()
	if len(dirs) == 0 {
		return all, nil
	}
	custom, err := loadCustom(nil, dirs)
	if err != nil {
		return nil, err
	}
	all = append(all, custom...)
	slices.SortFunc(all, func(a, b *rules.Rule) int { return strings.Compare(a.ID, b.ID) })
	return all, nil
}

func newTestRulesCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "test-rules DIR...",
		Short: "Run custom rules against their fixtures",
		Long: `Test-rules runs every custom rule in each DIR (DIR/<rule-id>/rule.yaml,
with a Rego or CEL policy) against its fixtures, DIR/<rule-id>/testdata/<case>/,
as prodgrade's own rules are tested: every resource of the rule's kinds is
named for the result it must get (pass…, fail…, unknown… or skip…). It
prints one line per resource and exits 1 if any result differs, a rule has
no passing or no failing fixture, or a fixture does not load. A mistake in
a rule file or a policy (syntax, types) is reported with file:line, exit 2.

Custom rules are evaluated by prodgrade-policy, found next to prodgrade,
on PATH, or named by PRODGRADE_POLICY.`,
		Example: `  prodgrade test-rules examples/policies
  prodgrade scan --policy policies/ infra/`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			sum, err := custom.Test(e.stdout, args...)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "%d rules, %d cases, %d resources: ", sum.Rules, sum.Cases, sum.Resources)
			if sum.Mismatches > 0 {
				fmt.Fprintf(e.stdout, "%d FAILED\n", sum.Mismatches)
				e.code = report.ExitGaps
				return nil
			}
			fmt.Fprintln(e.stdout, "ok")
			return nil
		},
	}
}

func newVersionCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprintf(e.stdout, "prodgrade %s (%s, %s/%s)\n", version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return err
		},
	}
}

// varArgs collects --var-file and --var into one list in command-line
// order, which is the order Terraform applies them in.
type varArgs struct {
	list *[]terraform.VarArg
	file bool
}

func (v varArgs) Set(s string) error {
	if v.file {
		*v.list = append(*v.list, terraform.VarArg{File: s})
	} else {
		*v.list = append(*v.list, terraform.VarArg{Assign: s})
	}
	return nil
}

func (v varArgs) String() string { return "" }

func (v varArgs) Type() string {
	if v.file {
		return "FILE"
	}
	return "NAME=VALUE"
}

// byteSize is a flag value of bytes, written plainly or with a binary unit:
// 1048576, 1024KiB, 1MiB.
type byteSize int64

func (b *byteSize) String() string { return confine.Size(int64(*b)) }
func (b *byteSize) Type() string   { return "SIZE" }

func (b *byteSize) Set(s string) error {
	num, mult := strings.TrimSpace(s), int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"B", 1}} {
		if n, ok := strings.CutSuffix(num, u.suffix); ok {
			num, mult = strings.TrimSpace(n), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n <= 0 || n > (1<<40)/mult {
		return fmt.Errorf("%q is not a size; write bytes, or a number with KiB, MiB or GiB", s)
	}
	*b = byteSize(n * mult)
	return nil
}
