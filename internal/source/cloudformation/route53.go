package cloudformation

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
)

// route53Record maps an AWS::Route53::RecordSet onto aws_route53_record.
func route53Record(b *builder) {
	for _, f := range recordFields(b.props) {
		if !f.Value.IsNull() {
			b.set(f.Name, f.Value)
		}
	}
	recordRefs(b, "", b.r)
}

// route53RecordSetGroup: each of RecordSets is a record of its own, as in
// Terraform, addressed as the property it comes from
// ("Dns.RecordSets.0"); HostedZoneId and HostedZoneName of the group apply
// to every one.
func route53RecordSetGroup(b *builder) {
	sets := b.get("RecordSets")
	for i, rec := range sets.List() {
		prop := "RecordSets." + itoa(i)
		loc := rec.Loc
		if loc.Line == 0 {
			loc = b.r.Loc
		}
		r := &infra.Resource{
			Kind: "aws_route53_record", Address: b.r.Address + "." + prop, Name: b.id, Loc: loc, Origin: infra.OriginCloudFormation,
		}
		var n node
		for _, f := range recordFields(rec) {
			if !f.Value.IsNull() {
				n.set([]string{f.Name}, f.Value)
			}
		}
		if rec.Field("HostedZoneId").IsNull() {
			if z := b.get("HostedZoneId"); !z.IsNull() {
				n.set([]string{"zone_id"}, z)
				b.refsFrom("HostedZoneId", "zone_id", r)
			}
		}
		recordRefs(b, prop+".", r)
		r.Attrs = n.value(loc)
		b.extra = append(b.extra, r)
	}
}

// recordFields are the attributes of one record set. AliasTarget's
// EvaluateTargetHealth is optional in CloudFormation, where Terraform
// requires it: not written, Route 53 does not evaluate the target's health
// (aws-properties-route53-recordset-aliastarget, EvaluateTargetHealth,
// Required: No; the CDK's AliasRecordTargetConfig documents the default
// as "no health check configuration"), so it is false.
func recordFields(rec infra.Value) []infra.Field {
	f := []infra.Field{
		{Name: "name", Value: rec.Field("Name")},
		{Name: "type", Value: rec.Field("Type")},
		{Name: "zone_id", Value: rec.Field("HostedZoneId")},
		{Name: "ttl", Value: rec.Field("TTL")},
		{Name: "records", Value: rec.Field("ResourceRecords")},
		{Name: "set_identifier", Value: rec.Field("SetIdentifier")},
		{Name: "health_check_id", Value: rec.Field("HealthCheckId")},
		{Name: "multivalue_answer_routing_policy", Value: rec.Field("MultiValueAnswer")},
	}
	if fo := rec.Field("Failover"); !fo.IsNull() {
		f = append(f, infra.Field{Name: "failover_routing_policy", Value: infra.ObjectValue([]infra.Field{
			{Name: "type", Value: fo},
		}).WithLoc(fo.Loc)})
	}
	if at := rec.Field("AliasTarget"); !at.IsNull() {
		if !at.IsKnown() {
			f = append(f, infra.Field{Name: "alias", Value: at})
		} else {
			ev := at.Field("EvaluateTargetHealth")
			if ev.IsNull() {
				ev = infra.BoolValue(false).WithLoc(at.Loc)
			}
			f = append(f, infra.Field{Name: "alias", Value: infra.ObjectValue([]infra.Field{
				{Name: "name", Value: at.Field("DNSName")},
				{Name: "zone_id", Value: at.Field("HostedZoneId")},
				{Name: "evaluate_target_health", Value: ev},
			}).WithLoc(at.Loc)})
		}
	}
	return f
}

// recordProps maps the properties of a record set that may hold references
// onto the attributes they become.
var recordProps = map[string]string{
	"HostedZoneId": "zone_id", "ResourceRecords": "records", "HealthCheckId": "health_check_id",
	"AliasTarget": "alias", "Failover": "failover_routing_policy.type",
}

// recordRefs records the references written under a record set (under
// prefix, "" for a RecordSet) on r, as the attributes they become.
func recordRefs(b *builder, prefix string, r *infra.Resource) {
	for _, ref := range b.refs {
		rest, ok := strings.CutPrefix(ref.path, prefix)
		if !ok {
			continue
		}
		prop, sub, _ := strings.Cut(rest, ".")
		attr, ok := recordProps[prop]
		if !ok {
			continue
		}
		if prop == "AliasTarget" {
			switch {
			case strings.HasPrefix(sub, "DNSName"):
				attr = "alias.name"
			case strings.HasPrefix(sub, "HostedZoneId"):
				attr = "alias.zone_id"
			}
		}
		r.Refs = append(r.Refs, infra.Ref{Attr: attr, To: b.t.addr(ref.to)})
	}
}
