package report

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

// CatalogSchema identifies the JSON form of the rule catalog.
const CatalogSchema = "prodgrade/rules/v1"

// Platforms are the rule platforms, as rule ids prefix them.
var Platforms = []string{"aws", "terraform", "kubernetes", "compose", "dockerfile", "packer", "ansible", "shell"}

// CatalogRule is one rule as `prodgrade rules --format json` lists it.
type CatalogRule struct {
	ID            string             `json:"id"`
	Item          checklist.Item     `json:"item"`
	Severity      checklist.Severity `json:"severity"`
	Platform      string             `json:"platform"`
	Kinds         []string           `json:"kinds"`
	Title         string             `json:"title"`
	CrossResource bool               `json:"cross_resource"`
	References    []string           `json:"references"`
	Params        []CatalogParam     `json:"params,omitempty"`
}

// CatalogParam is a threshold a rule declares, with its default.
type CatalogParam struct {
	Name    string  `json:"name"`
	Default float64 `json:"default"`
	Doc     string  `json:"doc"`
}

// Catalog is the JSON document of `prodgrade rules --format json`.
type Catalog struct {
	Schema string        `json:"schema"`
	Rules  []CatalogRule `json:"rules"`
}

// FilterRules keeps the rules of an item and a platform; an empty filter keeps all.
// The result is in checklist order, then by id.
func FilterRules(all []*rules.Rule, item checklist.Item, platform string) []*rules.Rule {
	order := map[checklist.Item]int{}
	for i, it := range checklist.Items {
		order[it] = i
	}
	var out []*rules.Rule
	for _, r := range all {
		if (item == "" || r.Item == item) && (platform == "" || r.Platform() == platform) {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b *rules.Rule) int {
		return cmp.Or(cmp.Compare(order[a.Item], order[b.Item]), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// ParsePlatform checks a --platform value.
func ParsePlatform(s string) (string, error) {
	p := strings.ToLower(strings.TrimSpace(s))
	if p == "" || slices.Contains(Platforms, p) {
		return p, nil
	}
	return "", fmt.Errorf("unknown platform %q; use one of %s", s, strings.Join(Platforms, ", "))
}

// WriteCatalogJSON writes rules as a Catalog document.
func WriteCatalogJSON(w io.Writer, rs []*rules.Rule) error {
	c := Catalog{Schema: CatalogSchema, Rules: make([]CatalogRule, 0, len(rs))}
	for _, r := range rs {
		refs := r.References
		if refs == nil {
			refs = []string{}
		}
		cr := CatalogRule{
			ID: r.ID, Item: r.Item, Severity: r.Severity, Platform: r.Platform(),
			Kinds: r.Kinds, Title: r.Title, CrossResource: r.CrossResource, References: refs,
		}
		for _, p := range r.Params {
			cr.Params = append(cr.Params, CatalogParam{Name: p.Name, Default: p.Default, Doc: p.Doc})
		}
		c.Rules = append(c.Rules, cr)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(c)
}

// WriteCatalogText writes rules as a table.
func WriteCatalogText(w io.Writer, rs []*rules.Rule) error {
	if len(rs) == 0 {
		_, err := io.WriteString(w, "No rules match.\n")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tITEM\tSEVERITY\tPLATFORM\tTITLE")
	for _, r := range rs {
		title := r.Title
		if r.CrossResource {
			title += " (cross-resource)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.Item, r.Severity, r.Platform(), title)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\n%d rules. `prodgrade explain RULE-ID` shows why a rule matters and how to fix it.\n", len(rs))
	return err
}

// WriteExplain describes one rule for a person.
func WriteExplain(out io.Writer, r *rules.Rule) error {
	w := bufio.NewWriter(out)
	fmt.Fprintf(w, "%s\n%s\n\n", r.ID, r.Title)
	fmt.Fprintf(w, "Checklist item: %s (%s)\n", r.Item.Title(), r.Item)
	fmt.Fprintf(w, "Severity:       %s\n", r.Severity)
	fmt.Fprintf(w, "Platform:       %s\n", r.Platform())
	fmt.Fprintf(w, "Applies to:     %s\n", strings.Join(r.Kinds, ", "))
	if r.CrossResource {
		w.WriteString("Cross-resource: yes (looks at related resources through references)\n")
	}
	w.WriteString("\nWhy it matters\n")
	writeWrapped(w, r.Why, "  ", 78)
	w.WriteString("\nHow to fix\n")
	writeSnippet(w, r.Fix)
	for _, k := range r.Kinds {
		if fix, ok := r.Fixes[k]; ok {
			fmt.Fprintf(w, "\nHow to fix %s\n", k)
			writeSnippet(w, fix)
		}
	}
	if len(r.Params) > 0 {
		w.WriteString("\nParameters\n")
		for _, p := range r.Params {
			fmt.Fprintf(w, "  %s (default %s)\n", p.Name, strconv.FormatFloat(p.Default, 'g', -1, 64))
			writeWrapped(w, p.Doc, "    ", 78)
		}
	}
	if len(r.References) > 0 {
		w.WriteString("\nReferences\n")
		for _, ref := range r.References {
			w.WriteString("  " + ref + "\n")
		}
	}
	return w.Flush()
}

func writeSnippet(w *bufio.Writer, snippet string) {
	for line := range strings.SplitSeq(strings.TrimRight(snippet, "\n"), "\n") {
		if strings.TrimSpace(line) == "" {
			w.WriteString("\n")
			continue
		}
		w.WriteString("  " + line + "\n")
	}
}

func writeWrapped(w *bufio.Writer, text, indent string, width int) {
	for para := range strings.SplitSeq(strings.TrimSpace(text), "\n\n") {
		n := 0
		for i, word := range strings.Fields(para) {
			switch {
			case i == 0:
				w.WriteString(indent)
				n = len(indent)
			case n+1+len(word) > width:
				w.WriteString("\n" + indent)
				n = len(indent)
			default:
				w.WriteString(" ")
				n++
			}
			w.WriteString(word)
			n += len(word)
		}
		w.WriteString("\n")
	}
}

// Suggest returns up to three ids from ids that are close to id (by edit
// distance or containment), best first.
func Suggest(id string, ids []string) []string {
	id = strings.ToLower(strings.TrimSpace(id))
	type cand struct {
		id string
		d  int
	}
	var cs []cand
	limit := max(3, len(id)/3)
	for _, c := range ids {
		d := editDistance(id, c)
		if id != "" && (strings.Contains(c, id) || strings.Contains(id, c)) {
			d = min(d, 1)
		}
		if d <= limit {
			cs = append(cs, cand{c, d})
		}
	}
	slices.SortFunc(cs, func(a, b cand) int { return cmp.Or(cmp.Compare(a.d, b.d), cmp.Compare(a.id, b.id)) })
	var out []string
	for i := 0; i < len(cs) && i < 3; i++ {
		out = append(out, cs[i].id)
	}
	return out
}

// editDistance is the Levenshtein distance between a and b, in bytes (rule ids are ASCII).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// WriteCatalogMarkdown writes rules as a Markdown document grouped by
// checklist item, then platform: docs/rules.md is this output for the
// whole catalog (a test keeps it current).
func WriteCatalogMarkdown(w io.Writer, rs []*rules.Rule) error {
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "# Rule catalog\n\n")
	fmt.Fprintf(b, "Generated from the rule registry by `prodgrade rules --format markdown`; do not edit by hand.\n")
	fmt.Fprintf(b, "%d rules. `prodgrade explain RULE-ID` shows why each matters, how to fix it, and its references.\n", len(rs))
	for _, it := range checklist.Items {
		var of []*rules.Rule
		for _, r := range rs {
			if r.Item == it {
				of = append(of, r)
			}
		}
		if len(of) == 0 {
			continue
		}
		fmt.Fprintf(b, "\n## %s (%d)\n", it.Title(), len(of))
		for _, p := range Platforms {
			var rows []*rules.Rule
			for _, r := range of {
				if r.Platform() == p {
					rows = append(rows, r)
				}
			}
			if len(rows) == 0 {
				continue
			}
			fmt.Fprintf(b, "\n### %s\n\n| rule | severity | requirement |\n|---|---|---|\n", p)
			for _, r := range rows {
				title := strings.ReplaceAll(r.Title, "|", `\|`)
				if r.CrossResource && !strings.Contains(title, "cross-resource") {
					title += " (cross-resource)"
				}
				fmt.Fprintf(b, "| `%s` | %s | %s |\n", r.ID, r.Severity, title)
			}
		}
	}
	return b.Flush()
}
