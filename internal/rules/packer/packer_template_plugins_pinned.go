package packer

import (
	"sort"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	packersrc "github.com/prodgrade/prodgrade/internal/source/packer"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "packer-template-plugins-pinned",
		Item:     checklist.Install,
		Severity: checklist.Medium,
		Title:    "Every Packer plugin a build uses is declared in required_plugins with a version constraint",
		Why: "A plugin that is not in required_plugins is whatever version happens to be installed on the " +
			"machine running Packer, and packer init cannot install it on a fresh CI runner; one without a " +
			"version constraint moves to each new release, including major ones that change defaults. Two " +
			"builds of the same commit then bake different images, or one of them does not build at all.",
		Fix: `packer {
  required_version = ">= 1.10.0"
  required_plugins {
    amazon = {
      source  = "github.com/hashicorp/amazon"
      version = "~> 1.3"
    }
  }
}`,
		References: []string{
			"https://developer.hashicorp.com/packer/docs/templates/hcl_templates/blocks/packer#specifying-plugin-requirements",
			"https://developer.hashicorp.com/packer/docs/commands/init",
		},
		Kinds:         buildKinds,
		CrossResource: true, // the build's sources and the template's packer block
		Check:         checkPluginsPinned,
	})
}

// builtinComponents ship inside Packer itself and need no plugin.
var builtinComponents = map[string]bool{
	"null": true, "file": true, "shell": true, "shell-local": true, "powershell": true,
	"windows-shell": true, "windows-restart": true, "breakpoint": true, "manifest": true,
	"checksum": true, "compress": true, "artifice": true, "hcp-sbom": true,
}

func checkPluginsPinned(c *rules.Check) {
	if isLegacyJSON(c.R) {
		return // legacy JSON templates have no packer block; plugins are installed with packer plugins install
	}
	used := map[string]bool{}
	for _, s := range c.Graph.Targets(c.R, "sources") {
		if t := builderType(s); t != "" {
			used[t] = true
		}
	}
	for _, attr := range []string{"provisioners", "post_processors"} {
		for _, p := range c.R.Attrs.Field(attr).List() {
			if t := str(p.Field("type")); t != "" {
				used[t] = true
			}
		}
	}
	var needed []string
	for t := range used {
		if !builtinComponents[t] {
			needed = append(needed, t)
		}
	}
	if len(needed) == 0 {
		return // only Packer's own components
	}
	sort.Strings(needed)
	// A template may write several packer blocks (one per file); Packer
	// merges their required_plugins.
	settingsList := c.Graph.OfKind(packersrc.KindSettings)
	var undeclared, unpinned []string
	var unpinnedAt *infra.Resource
	for _, t := range needed {
		settings, name, decl := pluginFor(settingsList, t)
		if settings == nil {
			undeclared = append(undeclared, t)
			continue
		}
		v := decl
		if decl.Kind() == infra.Object {
			v = decl.Field("version")
		}
		if !v.IsKnown() {
			c.UnknownIn(settings, "required_plugins."+name+".version", v)
			return
		}
		if strings.TrimSpace(str(v)) == "" {
			unpinned = append(unpinned, name)
			unpinnedAt = settings
		}
	}
	switch {
	case len(undeclared) > 0:
		c.Missing("the plugin for %s is not declared in a packer { required_plugins { … } } block, so the build uses whatever version is installed; declare it with a source and a version constraint",
			strings.Join(undeclared, ", "))
	case len(unpinned) > 0:
		c.FailAt(unpinnedAt.AttrLoc("required_plugins"), "required_plugins %s has no version constraint; add version = \"~> X.Y\"", strings.Join(unpinned, ", "))
	default:
		c.Pass("the plugins of %s are declared with version constraints", strings.Join(needed, ", "))
	}
}

// pluginFor finds the required_plugins entry that provides component typ,
// in any of the template's packer blocks: a plugin named N provides N and
// N-COMPONENT ("amazon" provides "amazon-ebs"); the longest name wins.
// settings is nil when none does.
func pluginFor(settingsList []*infra.Resource, typ string) (*infra.Resource, string, infra.Value) {
	var settings *infra.Resource
	best, bestV := "", infra.NullValue()
	for _, r := range settingsList {
		for _, f := range r.Attrs.Field("required_plugins").Fields() {
			if (typ == f.Name || strings.HasPrefix(typ, f.Name+"-")) && len(f.Name) > len(best) {
				settings, best, bestV = r, f.Name, f.Value
			}
		}
	}
	return settings, best, bestV
}

// isLegacyJSON reports a resource of a legacy JSON template (not a
// *.pkr.json HCL2 one).
func isLegacyJSON(r *infra.Resource) bool {
	f := lower(r.Loc.File)
	return strings.HasSuffix(f, ".json") && !strings.HasSuffix(f, ".pkr.json")
}
