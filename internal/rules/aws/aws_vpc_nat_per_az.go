package aws

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-vpc-nat-per-az",
		Item:     checklist.Availability,
		Severity: checklist.Medium,
		Title:    "Private subnets reach the internet through a NAT gateway in their own availability zone",
		Why: "A NAT gateway lives in one availability zone. When the private subnets of several zones share one " +
			"(terraform-aws-vpc's single_nat_gateway = true), an outage of that zone cuts every private subnet off " +
			"the internet and from AWS APIs without endpoints, so the zones that are still up fail too; traffic " +
			"that crosses zones to reach it is also billed. One NAT gateway per zone, with each private route " +
			"table pointing at its own zone's gateway (one_nat_gateway_per_az = true), or a regional NAT gateway, " +
			"keeps a zone failure inside that zone.",
		Fix: `resource "aws_nat_gateway" "per_az" {
  count         = length(var.azs)
  subnet_id     = aws_subnet.public[count.index].id # one public subnet per zone
  allocation_id = aws_eip.nat[count.index].id
}

resource "aws_route" "private_nat" {
  count                  = length(var.azs)
  route_table_id         = aws_route_table.private[count.index].id # one private route table per zone
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.per_az[count.index].id
}
# terraform-aws-vpc: single_nat_gateway = false, one_nat_gateway_per_az = true`,
		CloudFormationFix: `Vpc:
  Type: AWS::EC2::VPC
  Properties:
    # ...
# One NAT gateway in a public subnet of each zone, and one private route table
# per zone that sends 0.0.0.0/0 to its own zone's gateway; repeat for zone B.
NatGatewayA:
  Type: AWS::EC2::NatGateway
  Properties:
    SubnetId: !Ref PublicSubnetA
    AllocationId: !GetAtt NatEipA.AllocationId
PrivateNatRouteA:
  Type: AWS::EC2::Route
  Properties:
    RouteTableId: !Ref PrivateRouteTableA
    DestinationCidrBlock: 0.0.0.0/0
    NatGatewayId: !Ref NatGatewayA
`,
		References: []string{
			doc("aws_nat_gateway"),
			"https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-basics.html",
			"https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateways-regional.html",
			"https://github.com/terraform-aws-modules/terraform-aws-vpc#nat-gateway-scenarios",
		},
		Kinds:         []string{"aws_vpc"},
		CrossResource: true, // its subnets, route tables, routes, associations and NAT gateways
		Check:         checkNATPerAZ,
	})
}

// natAZZone is where a subnet is, as far as the code tells: a known zone
// name or id, or (when the value is unknown) the expression that computes
// it in one module instance, with the instance key when the expression
// depends on it. Two symbolic zones with the same key hold the same value.
type natAZZone struct {
	known string // "name:eu-west-1a" or "id:euw1-az1"; "" when symbolic
	sym   string // module | expression
	key   string // the instance key the expression depends on ("" when none)
	// azIndexed: the expression is data.aws_availability_zones.X.names[count.index]
	// (or zone_ids): distinct indexes give distinct zones, since a zone is
	// listed once and an index out of range is an error.
	azIndexed bool
}

func (z natAZZone) String() string {
	if z.known != "" {
		_, s, _ := strings.Cut(z.known, ":")
		return s
	}
	if z.key != "" {
		return z.sym[strings.Index(z.sym, "|")+1:] + " (" + z.key + ")"
	}
	return z.sym[strings.Index(z.sym, "|")+1:]
}

// natAZCompare says whether two zones are provably the same (1), provably
// different (-1), or cannot be compared (0).
func natAZCompare(a, b natAZZone) int {
	switch {
	case a.known != "" && b.known != "":
		ak, _, _ := strings.Cut(a.known, ":")
		bk, _, _ := strings.Cut(b.known, ":")
		if ak != bk {
			return 0 // a zone name and a zone id
		}
		if a.known == b.known {
			return 1
		}
		return -1
	case a.known != "" || b.known != "":
		return 0
	case a.sym == b.sym && a.key == b.key:
		return 1
	case a.sym == b.sym && a.azIndexed && b.azIndexed:
		return -1
	case natAZSelectDiffers(a.sym, b.sym):
		return -1
	}
	return 0
}

var natAZIndexedExpr = regexp.MustCompile(`^data\.aws_availability_zones\.[\w-]+\.(names|zone_ids)\[count\.index\]$`)

// natAZSelectExpr is a template's zone: !Select [N, !GetAZs "region"], as
// the CloudFormation loader writes it (the CDK writes every subnet's zone
// so when the stack's environment is not fixed).
var natAZSelectExpr = regexp.MustCompile(`^\|!Select \[(\d+), (!GetAZs ".*")\]$`)

// natAZSelectDiffers says two template zones are different ones: distinct
// indexes into the zones of one region, which lists each zone once (an
// index out of range fails the stack).
func natAZSelectDiffers(a, b string) bool {
	ma, mb := natAZSelectExpr.FindStringSubmatch(a), natAZSelectExpr.FindStringSubmatch(b)
	return ma != nil && mb != nil && ma[2] == mb[2] && ma[1] != mb[1]
}

// natAZSubnetZone returns the zone of a subnet; ok is false when it cannot
// be resolved, with the value to report.
func natAZSubnetZone(s *infra.Resource) (z natAZZone, attr string, v infra.Value, ok bool) {
	for _, attr := range []string{"availability_zone", "availability_zone_id"} {
		v := s.Attrs.Get(attr)
		if v.IsNull() {
			continue
		}
		if v.IsKnown() {
			str, isStr := v.Str()
			if !isStr || str == "" {
				return z, attr, v, false
			}
			prefix := "name:"
			if attr == "availability_zone_id" {
				prefix = "id:"
			}
			return natAZZone{known: prefix + str}, attr, v, true
		}
		expr := strings.Join(strings.Fields(v.Expr()), " ")
		if expr == "" {
			return z, attr, v, false
		}
		key := natAZInstanceKey(s)
		dependsOnInstance := strings.Contains(expr, "count.index") || strings.Contains(expr, "each.")
		if dependsOnInstance && key == "" {
			return z, attr, v, false // count or for_each not expanded
		}
		z := natAZZone{sym: s.Module + "|" + expr}
		if dependsOnInstance {
			z.key = key
		}
		z.azIndexed = natAZIndexedExpr.MatchString(expr) && strings.HasPrefix(key, "[") && !strings.HasPrefix(key, `["`)
		return z, attr, v, true
	}
	// Neither is set: AWS picks a zone when the subnet is created.
	return z, "availability_zone", infra.UnknownValue("", s.Address+".availability_zone is not set, so AWS picks the zone"), false
}

// natAZInstanceKey is the count or for_each key of a resource's address
// ("[1]", `["a"]`), or "".
func natAZInstanceKey(r *infra.Resource) string {
	base := r.Kind + "." + r.Name
	if r.Module != "" {
		base = r.Module + "." + base
	}
	if strings.HasPrefix(r.Address, base) {
		return r.Address[len(base):]
	}
	return ""
}

// natAZPickPatterns are the ways one instance of a counted resource names
// the instance of another with the same index; Terraform records the
// reference to every instance (the ids are unknown), so the graph alone
// cannot tell which one is meant.
var natAZPickPatterns = []*regexp.Regexp{
	regexp.MustCompile(`^element\(\s*([\w.-]+?)(?:\[\*\]|\.\*)\.id\s*,\s*count\.index\s*\)$`),
	regexp.MustCompile(`^([\w.-]+)\[count\.index\]\.id$`),
	regexp.MustCompile(`^([\w.-]+)\[each\.key\]\.id$`),
}

// natAZPick returns the resources of kind that r's attr may point at: the
// one it names when the graph or the expression says which, else every
// candidate.
func natAZPick(g *infra.Graph, r *infra.Resource, attr, kind string) []*infra.Resource {
	targets := rules.ReferencedBy(g, r, attr, kind)
	if len(targets) <= 1 {
		return targets
	}
	v := r.Attrs.Get(attr)
	if v.IsKnown() {
		return targets
	}
	expr := strings.Join(strings.Fields(v.Expr()), " ")
	key := natAZInstanceKey(r)
	if key == "" {
		return targets
	}
	for i, re := range natAZPickPatterns {
		m := re.FindStringSubmatch(expr)
		if m == nil {
			continue
		}
		base := m[1]
		if r.Module != "" {
			base = r.Module + "." + base
		}
		want := base + key
		if i == 0 { // element() wraps around the list
			idx, err := strconv.Atoi(strings.Trim(key, "[]"))
			if err != nil {
				break
			}
			n := 0
			for _, t := range targets {
				if strings.HasPrefix(t.Address, base+"[") {
					n++
				}
			}
			if n == 0 {
				break
			}
			want = fmt.Sprintf("%s[%d]", base, idx%n)
		}
		for _, t := range targets {
			if t.Address == want {
				return []*infra.Resource{t}
			}
		}
		break
	}
	return targets
}

// natAZPrivate is a private subnet: one whose route table routes through a
// NAT gateway of the component, with the NAT gateways it may use.
type natAZPrivate struct {
	subnet *infra.Resource
	nats   []*infra.Resource
}

// natAZPrivateSubnets finds the subnets of vpc whose route tables route
// through a NAT gateway, following inline routes, aws_route resources,
// explicit associations and the main route table.
func natAZPrivateSubnets(g *infra.Graph, vpc *infra.Resource) []natAZPrivate {
	tables := map[*infra.Resource]bool{}
	for _, rt := range g.Referrers(vpc, "aws_route_table", "vpc_id") {
		tables[rt] = true
	}
	var mainRT []*infra.Resource
	for _, rt := range g.Referrers(vpc, "aws_default_route_table", "default_route_table_id") {
		tables[rt] = true
		mainRT = append(mainRT, rt)
	}
	for _, a := range g.Referrers(vpc, "aws_main_route_table_association", "vpc_id") {
		mainRT = natAZPick(g, a, "route_table_id", "aws_route_table")
	}
	nats := map[*infra.Resource]map[*infra.Resource]bool{}
	addNAT := func(rt, n *infra.Resource) {
		if nats[rt] == nil {
			nats[rt] = map[*infra.Resource]bool{}
		}
		nats[rt][n] = true
	}
	for rt := range tables {
		for _, n := range rules.ReferencedBy(g, rt, "route", "aws_nat_gateway") {
			addNAT(rt, n)
		}
	}
	for _, route := range g.OfKind("aws_route") {
		ns := natAZPick(g, route, "nat_gateway_id", "aws_nat_gateway")
		if len(ns) == 0 {
			continue
		}
		for _, rt := range append(natAZPick(g, route, "route_table_id", "aws_route_table"),
			natAZPick(g, route, "route_table_id", "aws_default_route_table")...) {
			if tables[rt] {
				for _, n := range ns {
					addNAT(rt, n)
				}
			}
		}
	}
	if len(nats) == 0 {
		return nil
	}
	subnetNATs := map[*infra.Resource]map[*infra.Resource]bool{}
	associated := map[*infra.Resource]bool{}
	for _, a := range g.OfKind("aws_route_table_association") {
		subnets := natAZPick(g, a, "subnet_id", "aws_subnet")
		rts := natAZPick(g, a, "route_table_id", "aws_route_table")
		for _, s := range subnets {
			associated[s] = true
			for _, rt := range rts {
				for n := range nats[rt] {
					if subnetNATs[s] == nil {
						subnetNATs[s] = map[*infra.Resource]bool{}
					}
					subnetNATs[s][n] = true
				}
			}
		}
	}
	var out []natAZPrivate
	for _, s := range g.Referrers(vpc, "aws_subnet", "vpc_id") {
		set := subnetNATs[s]
		if !associated[s] {
			// A subnet with no association of its own uses the main route table.
			for _, rt := range mainRT {
				for n := range nats[rt] {
					if set == nil {
						set = map[*infra.Resource]bool{}
					}
					set[n] = true
				}
			}
		}
		if len(set) == 0 {
			continue
		}
		p := natAZPrivate{subnet: s}
		for n := range set {
			p.nats = append(p.nats, n)
		}
		sort.Slice(p.nats, func(i, j int) bool { return p.nats[i].Address < p.nats[j].Address })
		out = append(out, p)
	}
	return out
}

// natAZUnresolved is the first value the rule could not resolve.
type natAZUnresolved struct {
	r    *infra.Resource
	attr string
	v    infra.Value
}

func checkNATPerAZ(c *rules.Check) {
	private := natAZPrivateSubnets(c.Graph, c.R)
	if len(private) == 0 {
		return // no private subnet routes through a NAT gateway of this component
	}
	var unresolved *natAZUnresolved
	note := func(r *infra.Resource, attr string, v infra.Value) {
		if unresolved == nil {
			unresolved = &natAZUnresolved{r, attr, v}
		}
	}
	// The zones each NAT gateway may be in; regional ones serve every zone.
	natZones := map[*infra.Resource][]natAZZone{}
	regional := map[*infra.Resource]bool{}
	natResolved := map[*infra.Resource]bool{}
	for _, p := range private {
		for _, n := range p.nats {
			if _, done := natResolved[n]; done {
				continue
			}
			natResolved[n] = true
			// availability_mode defaults to "zonal" (hashicorp/aws 6.x;
			// older providers create only zonal NAT gateways).
			mode := n.Attrs.Get("availability_mode")
			if !mode.IsKnown() {
				note(n, "availability_mode", mode)
				natResolved[n] = false
				continue
			}
			if knownStr(mode) == "regional" {
				regional[n] = true
				continue
			}
			subnets := natAZPick(c.Graph, n, "subnet_id", "aws_subnet")
			if len(subnets) == 0 {
				note(n, "subnet_id", n.Attrs.Get("subnet_id"))
				natResolved[n] = false
				continue
			}
			for _, s := range subnets {
				z, attr, v, ok := natAZSubnetZone(s)
				if !ok {
					note(s, attr, v)
					natResolved[n] = false
					break
				}
				natZones[n] = append(natZones[n], z)
			}
		}
	}
	type badSubnet struct {
		p    natAZPrivate
		zone natAZZone
	}
	var bad []badSubnet
	ambiguous := false
	zones := map[*infra.Resource]natAZZone{}
	zonesResolved := true
	for _, p := range private {
		z, attr, v, ok := natAZSubnetZone(p.subnet)
		if !ok {
			note(p.subnet, attr, v)
			zonesResolved = false
			continue
		}
		zones[p.subnet] = z
		same, different, open := 0, 0, 0
		comparable := true
		for _, n := range p.nats {
			switch {
			case regional[n]:
				same++
			case !natResolved[n]:
				open++
			default:
				s, d := 0, 0
				for _, nz := range natZones[n] {
					switch natAZCompare(z, nz) {
					case 1:
						s++
					case -1:
						d++
					default:
						// Neither provably the same zone nor another.
						note(p.subnet, attr, v)
						comparable = false
					}
				}
				switch {
				case s == len(natZones[n]):
					same++
				case d == len(natZones[n]):
					different++
				default:
					open++
				}
			}
		}
		switch {
		case different == len(p.nats) && comparable:
			bad = append(bad, badSubnet{p, z})
		case same == len(p.nats):
		default:
			ambiguous = true
		}
	}
	if len(bad) > 0 {
		b := bad[0]
		c.Fail("", "%s route through a NAT gateway in another zone: %s (%s) routes through %s; give each zone its own NAT gateway and route table",
			plural(len(bad), "private subnet"), b.p.subnet.Address, b.zone, addresses(b.p.nats))
		return
	}
	// However the routes are matched, a zonal NAT gateway is in one zone:
	// fewer of them than the zones of the private subnets leaves a zone
	// without its own.
	var allNATs []*infra.Resource
	seen := map[*infra.Resource]bool{}
	anyRegional := false
	for _, p := range private {
		for _, n := range p.nats {
			if !seen[n] {
				seen[n] = true
				allNATs = append(allNATs, n)
				anyRegional = anyRegional || regional[n]
			}
		}
	}
	sort.Slice(allNATs, func(i, j int) bool { return allNATs[i].Address < allNATs[j].Address })
	classes, distinct := natAZClasses(private, zones)
	if zonesResolved && distinct && !anyRegional && len(classes) > len(allNATs) {
		c.Fail("", "private subnets span %d zones (%s) but route through %s (%s); give each zone its own NAT gateway and route table",
			len(classes), natAZNames(classes), plural(len(allNATs), "NAT gateway"), addresses(allNATs))
		return
	}
	if unresolved != nil {
		c.UnknownIn(unresolved.r, unresolved.attr, unresolved.v)
		return
	}
	if ambiguous && distinct {
		c.Pass("%s serve private subnets in %d zones (%s); which route table uses which could not be matched one to one",
			plural(len(allNATs), "NAT gateway"), len(classes), natAZNames(classes))
		return
	}
	if ambiguous {
		c.UnknownBecause(fmt.Sprintf("the zones of the private subnets of %s cannot be told apart from the code alone", c.R.Address))
		return
	}
	c.Pass("each private subnet routes through a NAT gateway in its own zone (%s)", natAZNames(classes))
}

// natAZClasses groups the private subnets' zones into distinct zones;
// distinct is false when two zones can be told neither equal nor different.
func natAZClasses(private []natAZPrivate, zones map[*infra.Resource]natAZZone) (classes []natAZZone, distinct bool) {
	distinct = true
	for _, p := range private {
		z, ok := zones[p.subnet]
		if !ok {
			continue
		}
		found := false
		for _, cz := range classes {
			switch natAZCompare(z, cz) {
			case 1:
				found = true
			case 0:
				distinct = false
			}
			if found {
				break
			}
		}
		if !found {
			classes = append(classes, z)
		}
	}
	return classes, distinct
}

func natAZNames(zs []natAZZone) string {
	names := make([]string, len(zs))
	for i, z := range zs {
		names[i] = z.String()
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}
