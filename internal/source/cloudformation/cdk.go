package cloudformation

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/source"
)

// cdkStack is a stack a CDK cloud assembly (cdk.out/manifest.json) names:
// its template is graded as a component named by the stack id, with the
// tags and environment the CDK app gave it.
type cdkStack struct {
	id string
	// tags are the stack's tags, which CloudFormation applies to every
	// resource it creates.
	tags map[string]string
	// region and account are the stack's environment, when the app fixed
	// one (not "unknown-region").
	region, account string
}

// given is g with what the stack's manifest entry knows.
func (s *cdkStack) given(g *given) *given {
	out := *g
	if s.tags != nil && out.tags == nil {
		out.tags = s.tags
	} else if out.tags == nil {
		// The manifest lists the stack's tags when it has any: none listed
		// is none.
		out.tags = map[string]string{}
	}
	if s.region != "" || s.account != "" {
		out.pseudo = map[string]string{}
		for k, v := range g.pseudo {
			out.pseudo[k] = v
		}
		if s.region != "" {
			out.pseudo["AWS::Region"] = s.region
		}
		if s.account != "" {
			out.pseudo["AWS::AccountId"] = s.account
		}
	}
	return &out
}

// cdkStacks reads every manifest.json among files that is a CDK cloud
// assembly's, and returns its stacks by template file.
func cdkStacks(in *source.Input, files []string, notes *[]infra.Note) map[string]*cdkStack {
	out := map[string]*cdkStack{}
	for _, f := range files {
		if filepath.Base(f) != "manifest.json" {
			continue
		}
		data, err := in.Tree.ReadSource(f)
		if err != nil {
			continue
		}
		var m struct {
			Version   string
			Artifacts map[string]struct {
				Type        string
				Environment string
				DisplayName string
				Properties  struct {
					TemplateFile string
					Tags         map[string]string
				}
			}
		}
		if json.Unmarshal(data, &m) != nil || m.Artifacts == nil {
			continue // some other manifest.json
		}
		for id, a := range m.Artifacts {
			if a.Type != "aws:cloudformation:stack" || a.Properties.TemplateFile == "" {
				continue
			}
			name := a.DisplayName
			if name == "" {
				name = id
			}
			st := &cdkStack{id: name, tags: a.Properties.Tags}
			if acct, region, ok := strings.Cut(strings.TrimPrefix(a.Environment, "aws://"), "/"); ok {
				if !strings.HasPrefix(acct, "unknown-") {
					st.account = acct
				}
				if !strings.HasPrefix(region, "unknown-") {
					st.region = region
				}
			}
			tf := filepath.Clean(filepath.Join(filepath.Dir(f), filepath.FromSlash(a.Properties.TemplateFile)))
			if _, err := in.Tree.Stat(tf); err != nil {
				*notes = append(*notes, infra.Note{Kind: infra.NoteCoverage, File: f,
					Message: fmt.Sprintf("CDK stack %s is not graded: its template %s is missing; run cdk synth", name, a.Properties.TemplateFile)})
				continue
			}
			out[tf] = st
		}
	}
	return out
}
