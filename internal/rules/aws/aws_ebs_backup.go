package aws

import (
	"fmt"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "aws-ebs-backup",
		Item:     checklist.Backup,
		Severity: checklist.High,
		Title:    "EBS volumes are backed up (AWS Backup selection or Data Lifecycle Manager policy)",
		Why: "An EBS volume is replicated within its zone only: a deleted volume, a corrupted file system or an " +
			"overwrite by a bad deploy is gone for good unless snapshots were taken. An AWS Backup plan that " +
			"selects the volume (or the instance it is attached to), or a Data Lifecycle Manager policy whose " +
			"target tags it carries, takes them on a schedule.",
		Fix: `resource "aws_ebs_volume" "data" {
  # ...
  tags = { Backup = "daily" }
}

resource "aws_backup_selection" "daily" {
  name         = "daily"
  plan_id      = aws_backup_plan.daily.id
  iam_role_arn = aws_iam_role.backup.arn
  selection_tag {
    type  = "STRINGEQUALS"
    key   = "Backup"
    value = "daily"
  }
}`,
		CloudFormationFix: `Volume:
  Type: AWS::EC2::Volume
  Properties:
    # ...
    Tags:
      - Key: Backup
        Value: daily
DailySelection:
  Type: AWS::Backup::BackupSelection
  Properties:
    BackupPlanId: !Ref DailyPlan
    BackupSelection:
      SelectionName: daily
      IamRoleArn: !GetAtt BackupRole.Arn
      ListOfTags:
        - ConditionType: STRINGEQUALS
          ConditionKey: Backup
          ConditionValue: daily
`,
		References: []string{
			doc("aws_backup_selection"),
			doc("aws_dlm_lifecycle_policy"),
			"https://docs.aws.amazon.com/aws-backup/latest/devguide/assigning-resources.html",
			"https://docs.aws.amazon.com/ebs/latest/userguide/snapshot-lifecycle.html",
		},
		Kinds:         []string{"aws_ebs_volume"},
		CrossResource: true, // backup selections and DLM policies, and the instances the volume is attached to
		Check: func(c *rules.Check) {
			tags := backupTagsOf(c.Graph, c.R)
			var unk *backupUnresolved
			note := func(u *backupUnresolved) {
				if unk == nil {
					unk = u
				}
			}
			// The volume itself.
			if sel, how, u := backupSelectionFor(c.Graph, c.R, "ec2", "volume", tags); sel != nil {
				c.Pass("%s %s", sel.Address, how)
				return
			} else {
				note(u)
			}
			if p, how, u := backupDLMFor(c.Graph, c.R, "VOLUME", tags); p != nil {
				c.Pass("%s snapshots it (%s)", p.Address, how)
				return
			} else {
				note(u)
			}
			// An instance it is attached to: an AWS Backup of an EC2
			// instance, and a DLM policy of resource type INSTANCE, snapshot
			// every EBS volume attached to it.
			for _, att := range c.Graph.Referrers(c.R, "aws_volume_attachment", "volume_id") {
				for _, inst := range rules.ReferencedBy(c.Graph, att, "instance_id", "aws_instance") {
					itags := backupTagsOf(c.Graph, inst)
					if sel, how, u := backupSelectionFor(c.Graph, inst, "ec2", "instance", itags); sel != nil {
						c.Pass("%s %s, to which the volume is attached (%s)", sel.Address, strings.Replace(how, " it ", " "+inst.Address+" ", 1), att.Address)
						return
					} else {
						note(u)
					}
					if p, how, u := backupDLMFor(c.Graph, inst, "INSTANCE", itags); p != nil {
						c.Pass("%s snapshots %s, to which the volume is attached (%s)", p.Address, inst.Address, how)
						return
					} else {
						note(u)
					}
				}
			}
			if unk != nil {
				c.UnknownIn(unk.r, unk.path, unk.v)
				return
			}
			c.Missing("no aws_backup_selection or aws_dlm_lifecycle_policy covers %s (by reference, resource ARN pattern or tags), nor an instance it is attached to", c.R.Address)
		},
	})
}

// backupUnresolved is a value of backup evidence (a selection, a policy, the
// resource's own tags) that could not be resolved and might decide whether
// the resource is covered.
type backupUnresolved struct {
	r    *infra.Resource
	path string
	v    infra.Value
}

// backupTagSet is a resource's effective tags: its provider's default_tags
// merged with its own (or tags_all, where a plan records the merge).
type backupTagSet struct {
	known map[string]string
	// unknownKeys are tags whose value cannot be resolved.
	unknownKeys map[string]backupUnresolved
	// whole, when set, is an unresolved map: any key may be anything.
	whole *backupUnresolved
}

// lookup returns a tag's value; u is set when it cannot be resolved.
func (t backupTagSet) lookup(key string) (val string, present bool, u *backupUnresolved) {
	if v, ok := t.known[key]; ok {
		return v, true, nil
	}
	if x, ok := t.unknownKeys[key]; ok {
		return "", false, &x
	}
	if t.whole != nil {
		return "", false, t.whole
	}
	return "", false, nil
}

func backupTagsOf(g *infra.Graph, r *infra.Resource) backupTagSet {
	t := backupTagSet{known: map[string]string{}, unknownKeys: map[string]backupUnresolved{}}
	add := func(owner *infra.Resource, path string, v infra.Value) {
		if !v.IsKnown() {
			t.whole = &backupUnresolved{owner, path, v}
			return
		}
		for _, f := range v.Fields() {
			if !f.Value.IsKnown() {
				t.unknownKeys[f.Name] = backupUnresolved{owner, path + "." + f.Name, f.Value}
				delete(t.known, f.Name)
				continue
			}
			t.known[f.Name] = knownStr(f.Value)
			delete(t.unknownKeys, f.Name)
		}
	}
	if all := r.Attrs.Get("tags_all"); all.IsKnown() && all.Len() > 0 {
		add(r, "tags_all", all)
		return t
	}
	if p := backupProviderOf(g, r); p != nil {
		add(p, "default_tags.tags", p.Attrs.Get("default_tags.tags"))
	}
	add(r, "tags", r.Attrs.Get("tags"))
	return t
}

// backupProviderOf is the aws provider configuration r uses: the one the
// loader resolved, else the default aws provider of its module or the root's.
func backupProviderOf(g *infra.Graph, r *infra.Resource) *infra.Resource {
	if r.Provider != "" {
		return g.Lookup(r.Provider)
	}
	if r.Module != "" {
		if p := g.Lookup(r.Module + ".provider.aws"); p != nil {
			return p
		}
	}
	return g.Lookup("provider.aws")
}

// backupRefersToOther reports that p's attr references a resource of r's
// kind other than r (so an unknown value there names that one, not r).
func backupRefersToOther(g *infra.Graph, p *infra.Resource, attr string, r *infra.Resource) bool {
	for _, t := range g.Targets(p, attr) {
		if t.Kind == r.Kind && t != r {
			return true
		}
	}
	return false
}

// backupSelectionFor finds an aws_backup_selection that selects r, whose ARN
// has service and resource type typ ("ec2", "volume"): by reference in
// resources, by an ARN pattern there ("*", "arn:aws:ec2:*:*:volume/*") that
// its conditions narrow, or by a selection_tag that r's tags match. When none
// does, u is an unresolved value that might have selected it.
func backupSelectionFor(g *infra.Graph, r *infra.Resource, service, typ string, tags backupTagSet) (sel *infra.Resource, how string, u *backupUnresolved) {
	for _, s := range g.OfKind("aws_backup_selection") {
		ok, h, su := backupSelects(g, s, r, service, typ, tags)
		if ok {
			return s, h, nil
		}
		if u == nil {
			u = su
		}
	}
	return nil, "", u
}

func backupSelects(g *infra.Graph, s, r *infra.Resource, service, typ string, tags backupTagSet) (bool, string, *backupUnresolved) {
	for _, t := range g.Targets(s, "not_resources") {
		if t == r {
			return false, "", nil
		}
	}
	var unk *backupUnresolved
	// resources: by reference, or by ARN pattern.
	inRes, how := false, ""
	for _, t := range g.Targets(s, "resources") {
		if t == r {
			inRes, how = true, "names it in resources"
		}
	}
	res := s.Attrs.Get("resources")
	if !inRes {
		switch {
		case !res.IsKnown():
			if !backupRefersToOther(g, s, "resources", r) {
				unk = &backupUnresolved{s, "resources", res}
			}
		default:
			unknownElems := 0
			for _, e := range res.List() {
				if !e.IsKnown() {
					unknownElems++
					continue
				}
				if p := knownStr(e); backupARNCovers(p, service, typ) {
					inRes, how = true, fmt.Sprintf("selects it by the resources pattern %s", p)
				}
			}
			// Unknown elements that are not references to resources of the
			// component (a data source, a variable) may be r's ARN.
			if !inRes && unknownElems > len(g.Targets(s, "resources")) {
				unk = &backupUnresolved{s, "resources", res}
			}
		}
	}
	// selection_tag: any one that matches selects the resource (OR).
	for _, st := range s.Attrs.Blocks("selection_tag") {
		if !st.IsKnown() {
			if unk == nil {
				unk = &backupUnresolved{s, "selection_tag", st}
			}
			continue
		}
		key, val, op := st.Field("key"), st.Field("value"), st.Field("type")
		for _, kv := range []struct {
			path string
			v    infra.Value
		}{{"selection_tag.key", key}, {"selection_tag.value", val}, {"selection_tag.type", op}} {
			if !kv.v.IsKnown() && unk == nil {
				unk = &backupUnresolved{s, kv.path, kv.v}
			}
		}
		if !key.IsKnown() || !val.IsKnown() || !op.IsKnown() || knownStr(op) != "STRINGEQUALS" {
			continue
		}
		got, present, tu := tags.lookup(knownStr(key))
		if present && got == knownStr(val) {
			return true, fmt.Sprintf("selects it by its tag %s = %s", knownStr(key), knownStr(val)), nil
		}
		if tu != nil && unk == nil {
			unk = tu
		}
	}
	conds := s.Attrs.Blocks("condition")
	if !inRes && !(len(conds) > 0 && res.IsKnown() && res.Len() == 0) {
		return false, "", unk
	}
	// Resources (or, with no resources, conditions alone) select it when
	// every condition holds (AND).
	ok, cu := backupConditionsHold(s, conds, tags)
	switch {
	case ok && inRes && len(conds) > 0:
		return true, how + " and its tags meet the selection's conditions", nil
	case ok && inRes:
		return true, how, nil
	case ok:
		return true, "selects it by its tags (condition)", nil
	}
	if cu != nil {
		return false, "", cu
	}
	return false, "", unk
}

// backupARNCovers reports whether a resources pattern of a backup selection
// covers every resource of service and type: "*", or an ARN whose service
// and resource parts are wildcards or match ("arn:aws:ec2:*:*:volume/*").
// A literal ARN names one resource, whose id the code cannot tie to r.
func backupARNCovers(p, service, typ string) bool {
	if p == "*" {
		return true
	}
	parts := strings.SplitN(p, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" {
		return false
	}
	// A pattern that matches two unrelated ids of the type matches them all.
	return backupGlob(parts[2], service) &&
		backupGlob(parts[5], typ+"/"+backupSampleID[typ]+"0a") && backupGlob(parts[5], typ+"/"+backupSampleID[typ]+"9f")
}

// backupSampleID is the prefix of the ids of a resource type.
var backupSampleID = map[string]string{"volume": "vol-", "instance": "i-", "file-system": "fs-"}

// backupGlob matches s against a pattern whose only wildcard is *.
func backupGlob(pattern, s string) bool {
	if !strings.Contains(pattern, "*") {
		return pattern == s
	}
	parts := strings.Split(pattern, "*")
	if !strings.HasPrefix(s, parts[0]) {
		return false
	}
	s = s[len(parts[0]):]
	for i, part := range parts[1:] {
		if i == len(parts)-2 {
			return strings.HasSuffix(s, part)
		}
		j := strings.Index(s, part)
		if j < 0 {
			return false
		}
		s = s[j+len(part):]
	}
	return true
}

// backupConditionsHold evaluates a selection's condition blocks against the
// resource's tags: every one must hold. Keys other than aws:ResourceTag/…
// cannot be evaluated from the code: unresolved.
func backupConditionsHold(s *infra.Resource, conds []infra.Value, tags backupTagSet) (bool, *backupUnresolved) {
	for _, cond := range conds {
		if !cond.IsKnown() {
			return false, &backupUnresolved{s, "condition", cond}
		}
		for _, op := range []string{"string_equals", "string_like", "string_not_equals", "string_not_like"} {
			for _, kv := range cond.Blocks(op) {
				path := "condition." + op
				if !kv.IsKnown() {
					return false, &backupUnresolved{s, path, kv}
				}
				k, v := kv.Field("key"), kv.Field("value")
				if !k.IsKnown() {
					return false, &backupUnresolved{s, path + ".key", k}
				}
				if !v.IsKnown() {
					return false, &backupUnresolved{s, path + ".value", v}
				}
				tagKey, isTag := strings.CutPrefix(knownStr(k), "aws:ResourceTag/")
				if !isTag {
					return false, &backupUnresolved{s, path + ".key", infra.UnknownValue(knownStr(k), "only aws:ResourceTag/ condition keys can be evaluated from the code")}
				}
				got, present, tu := tags.lookup(tagKey)
				if tu != nil {
					return false, tu
				}
				var holds bool
				switch op {
				case "string_equals":
					holds = present && got == knownStr(v)
				case "string_like":
					holds = present && backupGlob(knownStr(v), got)
				case "string_not_equals":
					holds = !present || got != knownStr(v)
				case "string_not_like":
					holds = !present || !backupGlob(knownStr(v), got)
				}
				if !holds {
					return false, nil
				}
			}
		}
	}
	return true, nil
}

// backupDLMFor finds an enabled aws_dlm_lifecycle_policy that snapshots r:
// its resource_types include resType ("VOLUME", "INSTANCE") and r carries
// one of its target_tags (any one is enough).
func backupDLMFor(g *infra.Graph, r *infra.Resource, resType string, tags backupTagSet) (pol *infra.Resource, how string, u *backupUnresolved) {
	note := func(x *backupUnresolved) {
		if u == nil {
			u = x
		}
	}
	for _, p := range g.OfKind("aws_dlm_lifecycle_policy") {
		// state defaults to ENABLED (provider schema default).
		st := p.Attrs.Get("state")
		if !st.IsKnown() {
			note(&backupUnresolved{p, "state", st})
			continue
		}
		if !st.IsNull() && knownStr(st) != "ENABLED" {
			continue
		}
		// policy_type defaults to EBS_SNAPSHOT_MANAGEMENT; IMAGE_MANAGEMENT
		// makes AMIs of instances (with their volumes); EVENT_BASED_POLICY
		// copies snapshots shared with the account and takes none.
		pt := p.Attrs.Get("policy_details.policy_type")
		if !pt.IsKnown() {
			note(&backupUnresolved{p, "policy_details.policy_type", pt})
			continue
		}
		switch knownStr(pt) {
		case "", "EBS_SNAPSHOT_MANAGEMENT":
		case "IMAGE_MANAGEMENT":
			if resType != "INSTANCE" {
				continue
			}
		default:
			continue
		}
		rt := p.Attrs.Get("policy_details.resource_types")
		if !rt.IsKnown() {
			note(&backupUnresolved{p, "policy_details.resource_types", rt})
			continue
		}
		has := knownStr(pt) == "IMAGE_MANAGEMENT" // AMI policies target instances
		for _, e := range rt.List() {
			if !e.IsKnown() {
				note(&backupUnresolved{p, "policy_details.resource_types", e})
			}
			if knownStr(e) == resType {
				has = true
			}
		}
		if !has {
			continue
		}
		tt := p.Attrs.Get("policy_details.target_tags")
		if !tt.IsKnown() {
			note(&backupUnresolved{p, "policy_details.target_tags", tt})
			continue
		}
		for _, f := range tt.Fields() {
			if !f.Value.IsKnown() {
				note(&backupUnresolved{p, "policy_details.target_tags." + f.Name, f.Value})
				continue
			}
			got, present, tu := tags.lookup(f.Name)
			if present && got == knownStr(f.Value) {
				return p, fmt.Sprintf("target tag %s = %s", f.Name, got), nil
			}
			if tu != nil {
				note(tu)
			}
		}
	}
	return nil, "", u
}
