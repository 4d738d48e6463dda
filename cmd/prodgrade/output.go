package main

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"github.com/prodgrade/prodgrade/internal/report"
)

// output is one report to write: a format and where to.
type output struct {
	format report.Format
	file   string // "" for standard output
}

// parseOutputs reads the --format values (FORMAT or FORMAT=FILE) and -o: a
// format given without a file goes to -o, else to standard output, and only
// one may. It runs before the scan, so a mistake costs no scan.
func parseOutputs(specs []string, defaultFile string) ([]output, error) {
	if len(specs) == 0 {
		specs = []string{"text"}
	}
	var outs []output
	toDefault := ""
	files := map[string]bool{}
	for _, spec := range specs {
		name, file, hasFile := strings.Cut(spec, "=")
		f, ok := report.LookupFormat(strings.TrimSpace(name))
		if !ok {
			return nil, fmt.Errorf("invalid --format %q; use one of %s, optionally as FORMAT=FILE", spec, report.FormatNames())
		}
		if hasFile && file == "" {
			return nil, fmt.Errorf("--format %s: name the file after =, or drop the =", spec)
		}
		if !hasFile {
			if toDefault != "" {
				return nil, fmt.Errorf("--format %s and --format %s both write to %s; give one a file: --format %s=FILE",
					toDefault, name, where(defaultFile), name)
			}
			toDefault, file = name, defaultFile
		}
		if file != "" {
			if files[file] {
				return nil, fmt.Errorf("two formats write to %s", file)
			}
			files[file] = true
		}
		outs = append(outs, output{format: f, file: file})
	}
	return outs, nil
}

func where(file string) string {
	if file == "" {
		return "standard output"
	}
	return file
}

// write writes the report in its format, to its file or standard output,
// with the format options opt (colour is decided here, per destination).
func (o output) write(e *env, rep *report.Report, opt report.Options, noColor bool) error {
	if o.file == "" {
		opt.Color = report.UseColor(e.stdout, noColor, e.getenv)
		if err := o.format.Write(e.stdout, rep, opt); err != nil {
			return fmt.Errorf("writing the %s report: %w", o.format.Name, err)
		}
		return nil
	}
	f, err := os.Create(o.file)
	if err != nil {
		return fmt.Errorf("--format %s: %w", o.format.Name, err)
	}
	opt.Color = false
	err = o.format.Write(f, rep, opt)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing the %s report to %s: %w", o.format.Name, o.file, err)
	}
	fmt.Fprintf(e.stderr, "prodgrade: %s report written to %s (%d gaps, %d unknown, %d input errors)\n",
		o.format.Name, o.file, rep.Summary.Fail, rep.Summary.Unknown, rep.Summary.Errors)
	return nil
}

// renderFlags are the flags that tune how formats render a report: text's
// --quiet and --group-by, markdown's --link-base.
type renderFlags struct {
	history           []string
	quiet             bool
	groupBy, linkBase string
}

func (r *renderFlags) add(f *pflag.FlagSet) {
	f.BoolVarP(&r.quiet, "quiet", "q", false, "text: show only the checklist matrix and the summary line; and no progress line on standard error")
	f.StringVar(&r.groupBy, "group-by", "item", "text: list gaps by checklist `item`, component or rule")
	f.StringVar(&r.linkBase, "link-base", "", "markdown: link each file:line to `URL`/FILE#LLINE, e.g. https://github.com/OWNER/REPO/blob/COMMIT")
	f.StringArrayVar(&r.history, "history", nil, "html: an earlier JSON report `FILE` of the same tree, for each component's score over time (repeatable, oldest first)")
}

// apply checks the flags and sets them in opt; it runs before the scan,
// so a mistake costs no scan.
func (r *renderFlags) apply(opt *report.Options) error {
	g, err := report.ParseGroupBy(r.groupBy)
	if err != nil {
		return err
	}
	if r.linkBase != "" {
		u, err := url.Parse(r.linkBase)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return fmt.Errorf("invalid --link-base %q; give an http(s) URL such as https://github.com/OWNER/REPO/blob/COMMIT", r.linkBase)
		}
	}
	opt.Quiet, opt.GroupBy, opt.LinkBase = r.quiet, g, r.linkBase
	for _, file := range r.history {
		data, err := os.ReadFile(file)
		if err != nil {
			return fmt.Errorf("--history: %w", err)
		}
		old, err := report.ReadJSON(data, file)
		if err != nil {
			return fmt.Errorf("--history: %w", err)
		}
		opt.History = append(opt.History, report.HistoryReport{Label: filepath.Base(file), Report: old})
	}
	return nil
}
