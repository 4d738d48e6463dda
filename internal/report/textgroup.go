package report

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
)

// GroupBy is how the text report lists gaps.
type GroupBy string

// The ways the text report can list gaps. By item answers "what does this
// checklist item still need"; by component "what does my service still
// need"; by rule "which one change fixes the most".
const (
	GroupByItem      GroupBy = "item"
	GroupByComponent GroupBy = "component"
	GroupByRule      GroupBy = "rule"
)

const groupByNames = "item, component or rule"

// ParseGroupBy reads a --group-by value.
func ParseGroupBy(s string) (GroupBy, error) {
	switch g := GroupBy(strings.ToLower(strings.TrimSpace(s))); g {
	case GroupByItem, GroupByComponent, GroupByRule:
		return g, nil
	}
	return "", fmt.Errorf("invalid --group-by %q; use %s", s, groupByNames)
}

// writeFailsGrouped lists the gaps by component (in report order, each
// component's rules most severe first) or by rule (most severe first),
// each rule labelled with its checklist item. Gaps in the baseline are
// counted per item, as in the default layout.
func writeFailsGrouped(w textWriter, r *Report, by GroupBy) {
	info := catalogOf(r)
	type section struct {
		name   string
		groups map[string]*ruleGroup
		n      int
	}
	var sections []*section
	index := map[string]*section{}
	if by == GroupByComponent {
		for _, c := range r.Components {
			s := &section{name: c.Name, groups: map[string]*ruleGroup{}}
			sections = append(sections, s)
			index[c.Name] = s
		}
	}
	baselined := map[checklist.Item]int{}
	for i := range r.Findings {
		f := &r.Findings[i]
		if f.Status != checklist.Fail {
			continue
		}
		if f.Baselined {
			baselined[f.Item]++
			continue
		}
		key := ""
		if by == GroupByComponent {
			key = f.Component
		}
		s := index[key]
		if s == nil { // by rule: one section; by component: a finding of no listed component
			s = &section{name: key, groups: map[string]*ruleGroup{}}
			sections = append(sections, s)
			index[key] = s
		}
		info.add(s.groups, f)
		s.n++
	}
	if !slices.ContainsFunc(sections, func(s *section) bool { return s.n > 0 }) && len(baselined) == 0 {
		return
	}
	w.WriteString("\n")
	w.paint(ansiBold, "GAPS BY "+strings.ToUpper(string(by)))
	w.WriteString("\n")
	for _, s := range sections {
		if s.n == 0 {
			continue
		}
		w.WriteString("\n")
		if by == GroupByComponent {
			w.paint(ansiBold, s.name+" — "+plural(s.n, "finding", "findings"))
			w.WriteString("\n")
		}
		gs := make([]*ruleGroup, 0, len(s.groups))
		for _, g := range s.groups {
			gs = append(gs, g)
		}
		slices.SortFunc(gs, func(a, b *ruleGroup) int {
			return cmp.Or(cmp.Compare(b.info.Severity, a.info.Severity), cmp.Compare(a.info.ID, b.info.ID))
		})
		for _, g := range gs {
			label := string(g.info.Item)
			if by == GroupByRule {
				label += ", " + plural(len(g.finds), "finding", "findings")
			}
			writeRuleGroup(w, g, label)
		}
	}
	writeBaselined(w, baselined)
}
