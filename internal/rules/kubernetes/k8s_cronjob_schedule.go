package kubernetes

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "k8s-cronjob-schedule",
		Item:     checklist.Deploy,
		Severity: checklist.High,
		Title:    "CronJob schedules are valid cron expressions",
		Why: "The API server refuses a CronJob whose schedule it cannot parse, and since Kubernetes 1.27 one that " +
			"sets its time zone inside the schedule (CRON_TZ=, TZ=) instead of in spec.timeZone. The apply fails, " +
			"and a backup, report or cleanup job that was meant to run simply never does.",
		Fix: `spec:
  schedule: "30 2 * * *"      # minute hour day-of-month month day-of-week, or @daily, @hourly, …
  timeZone: Europe/Berlin     # not CRON_TZ= in the schedule`,
		References: []string{doc("concepts/workloads/controllers/cron-jobs/#schedule-syntax")},
		Kinds:      []string{"batch/CronJob"},
		Check: func(c *rules.Check) {
			v := c.R.Attrs.Get("spec.schedule")
			switch {
			case !v.IsKnown():
				c.Unknown("spec.schedule", v)
			case v.IsNull():
				failNear(c, "spec.schedule", "the CronJob has no schedule, which it requires")
			default:
				if err := validSchedule(str(v)); err != nil {
					c.Fail("spec.schedule", "schedule %q is refused by the API server: %v", str(v), err)
				} else {
					c.Pass("schedule %q is a valid cron expression", str(v))
				}
			}
		},
	})
}

// cronFields are the five fields of a standard cron expression, with their
// ranges and the names a field accepts.
var cronFields = []struct {
	name     string
	min, max int
	names    []string
}{
	{"minute", 0, 59, nil},
	{"hour", 0, 23, nil},
	{"day of month", 1, 31, nil},
	{"month", 1, 12, []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}},
	{"day of week", 0, 6, []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}},
}

// validSchedule accepts what the CronJob controller's parser accepts: the
// descriptors (@hourly, @every 1h, …) and five fields of lists, ranges,
// steps, *, ? and month and weekday names.
func validSchedule(s string) error {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "CRON_TZ=") || strings.HasPrefix(s, "TZ=") {
		return fmt.Errorf("the time zone belongs in spec.timeZone, not in the schedule")
	}
	if strings.HasPrefix(s, "@") {
		switch d, arg, _ := strings.Cut(s, " "); d {
		case "@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly":
			if arg == "" {
				return nil
			}
		case "@every":
			if dur, err := time.ParseDuration(strings.TrimSpace(arg)); err == nil && dur > 0 {
				return nil
			}
		}
		return fmt.Errorf("%s is not a descriptor cron knows", s)
	}
	fields := strings.Fields(s)
	if len(fields) != 5 {
		return fmt.Errorf("it has %d fields, not 5 (minute hour day-of-month month day-of-week)", len(fields))
	}
	for i, f := range fields {
		spec := cronFields[i]
		for _, item := range strings.Split(f, ",") {
			if err := cronItem(item, spec.min, spec.max, spec.names); err != nil {
				return fmt.Errorf("the %s field %q: %v", spec.name, f, err)
			}
		}
	}
	return nil
}

// cronItem checks one element of a field's list: *, ?, N, N-M, with an
// optional /step.
func cronItem(item string, min, max int, names []string) error {
	rng, step, hasStep := strings.Cut(item, "/")
	if hasStep {
		if n, err := strconv.Atoi(step); err != nil || n < 1 {
			return fmt.Errorf("step %q is not a positive number", step)
		}
	}
	if rng == "*" || rng == "?" {
		return nil
	}
	lo, hi, isRange := strings.Cut(rng, "-")
	a, err := cronValue(lo, min, max, names)
	if err != nil {
		return err
	}
	if !isRange {
		return nil
	}
	b, err := cronValue(hi, min, max, names)
	if err != nil {
		return err
	}
	if a > b {
		return fmt.Errorf("range %s runs backwards", rng)
	}
	return nil
}

func cronValue(s string, min, max int, names []string) (int, error) {
	for i, n := range names {
		if strings.EqualFold(s, n) {
			return min + i, nil
		}
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < min || n > max {
		return 0, fmt.Errorf("%q is not a value from %d to %d", s, min, max)
	}
	return n, nil
}
