package aws

import (
	"fmt"
	"sort"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-rds-global-cluster",
		Item:     checklist.Availability,
		Severity: checklist.High,
		Title:    "Aurora global databases have member clusters in at least two regions",
		Why: "An Aurora global database exists to survive the loss of a region: a secondary cluster in another " +
			"region replicates with about a second of lag and can be promoted when the primary region fails. " +
			"A global cluster whose members all run in one region has nowhere to fail over to, yet reads as " +
			"multi-region protection in a review. Only the clusters of this stack are seen: a secondary that " +
			"another stack adds (joining by the global cluster's identifier) is not, so the finding names the " +
			"members it found.",
		Fix: `provider "aws" {
  alias  = "secondary"
  region = "us-east-1"
}

resource "aws_rds_cluster" "secondary" {
  provider                  = aws.secondary
  cluster_identifier        = "orders-us-east-1"
  engine                    = aws_rds_global_cluster.orders.engine
  engine_version            = aws_rds_global_cluster.orders.engine_version
  global_cluster_identifier = aws_rds_global_cluster.orders.id
  db_subnet_group_name      = aws_db_subnet_group.secondary.name
  depends_on                = [aws_rds_cluster_instance.primary]
}

resource "aws_rds_cluster_instance" "secondary" {
  provider           = aws.secondary
  cluster_identifier = aws_rds_cluster.secondary.id
  instance_class     = "db.r6g.large"
  engine             = aws_rds_cluster.secondary.engine
}`,
		CloudFormationFix: `# A stack runs in one region: the secondary cluster comes from a stack
# deployed to another region (or a StackSet instance there), joining the
# global cluster by its identifier.
GlobalDatabase:
  Type: AWS::RDS::GlobalCluster
  Properties:
    # ...
    GlobalClusterIdentifier: orders-global
    Engine: aurora-postgresql
# In the stack of the second region:
Secondary:
  Type: AWS::RDS::DBCluster
  Properties:
    # ...
    Engine: aurora-postgresql
    GlobalClusterIdentifier: orders-global
`,
		References: []string{
			doc("aws_rds_global_cluster"),
			"https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html",
			"https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-disaster-recovery.html",
		},
		Kinds:         []string{"aws_rds_global_cluster"},
		CrossResource: true, // its member clusters and their provider configurations
		Check:         checkRDSGlobalCluster,
	})
}

// rdsGlobalMember is a member cluster and where it runs.
type rdsGlobalMember struct {
	r *infra.Resource
	// region is the member's region when known; key tells regions apart
	// when it is not: members with one key run in one region.
	region, key string
	// where says, for a message, where the region comes from.
	where string
	// unresolved is what keeps the region from being known.
	unresolved func(c *rules.Check)
}

func checkRDSGlobalCluster(c *rules.Check) {
	members := rdsGlobalMembers(c)
	if c.R.Origin == infra.OriginCloudFormation {
		checkRDSGlobalClusterStack(c, members)
		return
	}
	var found []rdsGlobalMember
	for _, m := range members {
		found = append(found, rdsGlobalRegionOf(c.Graph, m))
	}
	regions := map[string]bool{}
	keys := map[string]bool{}
	for _, m := range found {
		keys[m.key] = true
		if m.region != "" {
			regions[m.region] = true
		}
	}
	if len(regions) >= 2 {
		names := make([]string, 0, len(regions))
		for r := range regions {
			names = append(names, r)
		}
		sort.Strings(names)
		c.Pass("its %d member clusters run in %d regions: %s", len(found), len(regions), strings.Join(names, ", "))
		return
	}
	if len(keys) > 1 {
		// Members under different provider configurations, some of whose
		// regions cannot be read: they may well be in different regions.
		for _, m := range found {
			if m.unresolved != nil {
				m.unresolved(c)
				return
			}
		}
	}
	// One region at most. A cluster whose global_cluster_identifier cannot
	// be resolved may be the missing secondary.
	if u := rdsGlobalCandidate(c, members); u != nil {
		c.UnknownIn(u, "global_cluster_identifier", u.Attrs.Get("global_cluster_identifier"))
		return
	}
	if len(found) == 0 {
		c.Missing("no aws_rds_cluster of this stack joins %s (global_cluster_identifier), so it replicates nothing to another region; add a primary and a secondary cluster in two regions", c.R.Address)
		return
	}
	const gap = "no aws_rds_cluster of this stack joins it from another region, so there is nothing to fail over to; add a secondary cluster under a provider configuration (or region) in another region"
	if len(found) == 1 {
		c.Missing("its only member cluster, %s, runs in %s; "+gap, found[0].r.Address, found[0].where)
		return
	}
	addrs := make([]string, len(found))
	for i, m := range found {
		addrs[i] = m.r.Address
	}
	c.Missing("its member clusters (%s) all run in %s; "+gap, strings.Join(addrs, ", "), found[0].where)
}

// rdsGlobalMembers returns the clusters that join the global cluster: their
// global_cluster_identifier points at it (by reference or by the same
// identifier), or it was created from them (source_db_cluster_identifier).
func rdsGlobalMembers(c *rules.Check) []*infra.Resource {
	out := pointers(c, "aws_rds_cluster", "global_cluster_identifier", "global_cluster_identifier")
	seen := map[*infra.Resource]bool{}
	for _, m := range out {
		seen[m] = true
	}
	for _, t := range c.Graph.Targets(c.R, "source_db_cluster_identifier") {
		if t.Kind == "aws_rds_cluster" && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Address < out[j].Address })
	return out
}

// rdsGlobalCandidate returns a cluster, not already a member, whose
// global_cluster_identifier is unknown and might name this global cluster:
// it references no other global cluster and is not written as another
// one's identifier.
func rdsGlobalCandidate(c *rules.Check, members []*infra.Resource) *infra.Resource {
	isMember := map[*infra.Resource]bool{}
	for _, m := range members {
		isMember[m] = true
	}
	for _, r := range c.Graph.Index("aws_rds_cluster", "global_cluster_identifier").All {
		if isMember[r] || rdsGlobalNamesOther(c, r) {
			continue
		}
		return r
	}
	return nil
}

func rdsGlobalNamesOther(c *rules.Check, r *infra.Resource) bool {
	for _, t := range c.Graph.Targets(r, "global_cluster_identifier") {
		if t.Kind == c.R.Kind && t != c.R {
			return true
		}
	}
	v := r.Attrs.Get("global_cluster_identifier")
	if !v.IsPlainExpr() {
		return false
	}
	for _, o := range c.Graph.Index(c.R.Kind, "global_cluster_identifier").Unknown[v.Expr()] {
		if o != c.R && o.Module == r.Module {
			return true
		}
	}
	return false
}

// rdsGlobalRegionOf says where a member cluster runs: its own region
// argument (hashicorp/aws 6 lets a resource choose its region), else the
// region of the provider configuration it uses. A provider with no region
// written takes it from the environment (AWS_REGION, the profile), the
// same for every resource that uses that configuration.
func rdsGlobalRegionOf(g *infra.Graph, r *infra.Resource) rdsGlobalMember {
	m := rdsGlobalMember{r: r}
	if v := r.Attrs.Get("region"); !v.IsKnown() {
		m.key, m.where = "resource "+r.Address, "the region of "+r.Address
		m.unresolved = func(c *rules.Check) { c.UnknownIn(r, "region", v) }
		return m
	} else if s := knownStr(v); s != "" {
		m.region, m.key, m.where = s, s, s
		return m
	}
	p := backupProviderOf(g, r)
	if p == nil {
		addr := r.Provider
		if addr == "" {
			addr = "provider.aws"
		}
		m.key, m.where = "provider "+addr, "the region of "+addr+" (from the environment)"
		m.unresolved = func(c *rules.Check) {
			c.UnknownBecause(fmt.Sprintf("%s uses %s, which has no configuration block, so its region comes from the environment and cannot be compared with the other members'", r.Address, addr))
		}
		return m
	}
	v := p.Attrs.Get("region")
	switch {
	case !v.IsKnown():
		m.key, m.where = "provider "+p.Address, "the region of "+p.Address
		m.unresolved = func(c *rules.Check) { c.UnknownIn(p, "region", v) }
	case knownStr(v) != "":
		m.region, m.key, m.where = knownStr(v), knownStr(v), knownStr(v)
	default:
		m.key, m.where = "provider "+p.Address, "the region of "+p.Address+" (from the environment)"
		m.unresolved = func(c *rules.Check) {
			c.UnknownBecause(fmt.Sprintf("%s sets no region, so the region of %s comes from the environment and cannot be compared with the other members'", p.Address, r.Address))
		}
	}
	return m
}

// checkRDSGlobalClusterStack judges a global cluster of a CloudFormation
// template. A stack is deployed to one region, so every cluster of the
// template runs in the stack's region: the secondary in another region is
// always another stack's (one per region, or a StackSet instance), joining
// by GlobalClusterIdentifier. One template can neither show nor rule out
// that secondary, so the result is unknown, naming what was found: a
// failure here would be certain for every global database, however well
// it is built.
func checkRDSGlobalClusterStack(c *rules.Check, members []*infra.Resource) {
	const other = "a secondary cluster in another region is created by another stack (deployed to that region, or a StackSet instance) whose AWS::RDS::DBCluster sets GlobalClusterIdentifier to this global cluster's, which a scan of this template does not see; scan that template too and check that it runs in another region"
	if len(members) == 0 {
		c.UnknownBecause(fmt.Sprintf("no DBCluster of this template joins %s; a stack runs in one region, so its member clusters come from other stacks: %s", c.R.Address, other))
		return
	}
	addrs := make([]string, len(members))
	for i, m := range members {
		addrs[i] = m.Address
	}
	c.UnknownBecause(fmt.Sprintf("the member clusters of this template (%s) all run in the stack's region; %s", strings.Join(addrs, ", "), other))
}
