package report

import (
	"encoding/json"
	"io"

	"github.com/prodgrade/prodgrade/internal/checklist"
)

// GitLab's Code Quality report is a JSON array of issues in the Code
// Climate format: https://docs.gitlab.com/ci/testing/code_quality/
// GitLab shows them in merge requests, new and fixed against the target
// branch, matched by fingerprint.
type codeQualityIssue struct {
	Description string              `json:"description"`
	CheckName   string              `json:"check_name"`
	Fingerprint string              `json:"fingerprint"`
	Severity    string              `json:"severity"`
	Location    codeQualityLocation `json:"location"`
}

type codeQualityLocation struct {
	Path  string           `json:"path"`
	Lines codeQualityLines `json:"lines"`
}

type codeQualityLines struct {
	Begin int `json:"begin"`
}

// codeQualitySeverity maps severities onto Code Climate's five.
var codeQualitySeverity = map[checklist.Severity]string{
	checklist.Info: "info", checklist.Low: "minor", checklist.Medium: "major",
	checklist.High: "critical", checklist.Critical: "blocker",
}

// WriteCodeQuality writes the gaps (fail findings not waived and not in the
// baseline: what a merge request should show) as a GitLab Code Quality
// report. Unknowns are left out: GitLab would show them as issues.
func WriteCodeQuality(w io.Writer, r *Report, _ Options) error {
	issues := []codeQualityIssue{}
	for i := range r.Findings {
		f := &r.Findings[i]
		if f.Status != checklist.Fail || f.Baselined {
			continue
		}
		fp := f.Fingerprint
		if fp == "" {
			fp = f.Rule + ":" + f.Component + ":" + f.Resource + ":" + f.File
		}
		line := max(f.Line, 1) // GitLab wants a line; a finding without one is about its file
		issues = append(issues, codeQualityIssue{
			Description: f.Rule + ": " + f.Message,
			CheckName:   f.Rule,
			Fingerprint: fp,
			Severity:    codeQualitySeverity[f.Severity],
			Location:    codeQualityLocation{Path: f.File, Lines: codeQualityLines{Begin: line}},
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(issues)
}
