package kubernetes

import (
	"time"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-velero-schedule-retention",
		Item:     checklist.Backup,
		Severity: checklist.Medium,
		Title:    "Velero backup schedules keep their backups long enough to restore from (ttl)",
		Why: "A backup is deleted when its ttl runs out. Corruption or a bad migration is often noticed days " +
			"later; with a ttl of a day or two, every backup that still holds good data is already gone by then. " +
			"Velero keeps backups for 30 days unless the schedule says otherwise.",
		Fix: `spec:
  template:
    ttl: 720h   # 30 days; at least a week`,
		References: []string{"https://velero.io/docs/main/api-types/schedule/"},
		Kinds:      []string{kindVeleroSchedule},
		Params: []rules.Param{{Name: "min_days", Default: 7,
			Doc: "the fewest days a scheduled backup must be kept"}},
		Check: checkVeleroRetention,
	})
}

func checkVeleroRetention(c *rules.Check) {
	want := c.Param("min_days")
	v := c.R.Attrs.Get("spec.template.ttl")
	switch {
	case !v.IsKnown():
		c.Unknown("spec.template.ttl", v)
		return
	case v.IsNull():
		c.Pass("ttl is not set, so backups are kept 30 days (Velero's default)")
		return
	}
	d, err := time.ParseDuration(str(v))
	if err != nil {
		c.Fail("spec.template.ttl", "ttl %q is not a duration Velero reads (such as 720h)", str(v))
		return
	}
	days := d.Hours() / 24
	if days < want {
		c.Fail("spec.template.ttl", "backups are kept %s (%.1f days), less than %d days: a problem noticed later has no good backup left; raise ttl", str(v), days, int(want))
		return
	}
	c.Pass("backups are kept %s", str(v))
}
