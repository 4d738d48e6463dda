# Deployments in namespace payments have a PodDisruptionBudget whose
# selector matches their pod template's labels, as Kubernetes matches it
# (matchLabels and matchExpressions together).
package custom.payments_pdb

skip if input.resource.namespace != "payments"

pod_labels := object.get(input.resource.attrs, ["spec", "template", "metadata", "labels"], {})

budgets := [pdb |
	some pdb in input.related
	pdb.namespace == input.resource.namespace
]

# A selector written with values prodgrade could not resolve.
unresolved contains pdb.address if {
	some pdb in budgets
	walk(pdb.attrs.spec.selector, [_, v])
	is_object(v)
	v.prodgrade_unknown
}

selecting contains pdb.address if {
	some pdb in budgets
	not pdb.address in unresolved
	selects(object.get(pdb.attrs, ["spec", "selector"], {}))
}

# An empty selector selects no pod of a policy/v1 budget.
selects(sel) if {
	labels := object.get(sel, "matchLabels", {})
	exprs := object.get(sel, "matchExpressions", [])
	count(labels) + count(exprs) > 0
	every k, v in labels {
		pod_labels[k] == v
	}
	every e in exprs {
		matches(e)
	}
}

matches(e) if {
	e.operator == "In"
	pod_labels[e.key] in e.values
}

matches(e) if {
	e.operator == "NotIn"
	not pod_labels[e.key] in e.values
}

matches(e) if {
	e.operator == "Exists"
	_ = pod_labels[e.key]
}

matches(e) if {
	e.operator == "DoesNotExist"
	not has_label(e.key)
}

has_label(k) if _ = pod_labels[k]

fail contains {"msg": msg, "path": "spec.template.metadata.labels"} if {
	count(selecting) == 0
	count(unresolved) == 0
	msg := sprintf("no PodDisruptionBudget in namespace payments selects the pods of %s (labels %v); add one whose selector matches them", [input.resource.address, pod_labels])
}

unknown contains msg if {
	count(selecting) == 0
	some addr in unresolved
	msg := sprintf("the selector of %s cannot be resolved, so whether it selects the pods of %s is unknown", [addr, input.resource.address])
}

pass := sprintf("selected by %s", [concat(", ", sort(selecting))]) if count(selecting) > 0
