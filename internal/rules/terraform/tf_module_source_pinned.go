package terraform

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

var (
	// registrySource is [<HOSTNAME>/]<NAMESPACE>/<NAME>/<PROVIDER>[//subdir].
	registrySource = regexp.MustCompile(`^([a-zA-Z0-9.-]+\.[a-zA-Z]{2,}/)?[a-zA-Z0-9][a-zA-Z0-9_-]*/[a-zA-Z0-9][a-zA-Z0-9_-]*/[a-zA-Z0-9][a-zA-Z0-9_-]*(//.*)?$`)
	// commitRef is an abbreviated or full commit hash; tagRef a version tag.
	commitRef = regexp.MustCompile(`^[0-9a-f]{7,40}$`)
	tagRef    = regexp.MustCompile(`^v?[0-9]+(\.[0-9]+)*([-+][0-9A-Za-z.-]+)?$`)
	// branchRef names branches that move by design.
	branchRef = map[string]bool{"main": true, "master": true, "develop": true, "dev": true, "trunk": true, "head": true, "HEAD": true, "latest": true}
	// onlyLowerBound is a constraint with no upper limit (">= 3.0", "> 1").
	onlyLowerBound = regexp.MustCompile(`^\s*>=?\s*[0-9][0-9A-Za-z.+-]*\s*$`)
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "tf-module-source-pinned",
		Item:     checklist.Install,
		Severity: checklist.Medium,
		Title:    "Remote module sources are pinned to a version, tag or commit",
		Why: "An unpinned module is whatever its default branch or newest release holds at the next " +
			"terraform init, so the same commit of your configuration can plan differently tomorrow, and " +
			"a compromised or broken upstream change reaches production unreviewed. A version tag pins as " +
			"well as a commit does here (CKV_TF_1 accepts only a commit), and a ref that looks like neither " +
			"is unknown rather than failed, since it may be a tag (CKV_TF_2 fails it).",
		Fix: `module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 5.8"
}

module "network" {
  source = "git::https://github.com/acme/tf-network.git?ref=v2.3.1"
}`,
		References: []string{
			langDocs + "modules/sources",
			"CKV_TF_2",
		},
		Kinds: []string{"module"},
		Check: checkModuleSource,
	})
}

func checkModuleSource(c *rules.Check) {
	sv := c.R.Attrs.Get("source")
	if !sv.IsKnown() {
		c.Unknown("source", sv)
		return
	}
	src := knownStr(sv)
	switch {
	case src == "" || strings.HasPrefix(src, "./") || strings.HasPrefix(src, "../"):
		return // local modules are versioned with the configuration
	case isGitSource(src):
		checkGitRef(c, src)
	case registrySource.MatchString(src) && !strings.Contains(src, "::"):
		checkRegistryVersion(c)
	default:
		return // archives over HTTP, S3, GCS: the URL itself names the artifact
	}
}

func isGitSource(src string) bool {
	for _, p := range []string{"git::", "github.com/", "bitbucket.org/", "git@"} {
		if strings.HasPrefix(src, p) {
			return true
		}
	}
	return false
}

func checkGitRef(c *rules.Check, src string) {
	ref := ""
	if i := strings.IndexByte(src, '?'); i >= 0 {
		q, err := url.ParseQuery(src[i+1:])
		if err == nil {
			ref = q.Get("ref")
		}
	}
	switch {
	case ref == "":
		c.Fail("source", "source %s has no ?ref=, so it follows the default branch; pin a tag or commit", redact(src))
	case branchRef[ref]:
		c.Fail("source", "source pins ref=%s, a branch that moves; pin a tag or commit", ref)
	case commitRef.MatchString(ref):
		c.Pass("source is pinned to commit %s", ref)
	case tagRef.MatchString(ref):
		c.Pass("source is pinned to tag %s", ref)
	default:
		// Neither a version nor a commit: a tag such as "release-2024" and a
		// branch such as "feature-x" look alike; only the repository knows.
		c.UnknownBecause(fmt.Sprintf("source pins ref=%s, which may be a tag or a moving branch; prodgrade cannot tell without the repository (pin a version tag or a commit to settle it)", ref))
	}
}

func checkRegistryVersion(c *rules.Check) {
	v := c.R.Attrs.Get("version")
	switch {
	case !v.IsKnown():
		c.Unknown("version", v)
	case v.IsNull() || strings.TrimSpace(knownStr(v)) == "":
		c.Fail("source", "registry module has no version argument, so init takes the newest release; set version = \"~> X.Y\"")
	case onlyLowerBound.MatchString(knownStr(v)):
		c.Fail("version", "version %q has no upper bound, so a new major release is taken on init; use \"~> X.Y\"", knownStr(v))
	default:
		c.Pass("version is %q", knownStr(v))
	}
}

// redact drops credentials a git URL may carry (https://user:token@host/…).
func redact(src string) string {
	if i := strings.Index(src, "://"); i >= 0 {
		rest := src[i+3:]
		if at := strings.IndexByte(rest, '@'); at >= 0 && at < strings.IndexByte(rest+"/", '/') {
			return src[:i+3] + "***@" + rest[at+1:]
		}
	}
	return src
}
