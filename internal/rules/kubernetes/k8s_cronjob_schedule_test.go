package kubernetes

import "testing"

func TestValidSchedule(t *testing.T) {
	for s, ok := range map[string]bool{
		"* * * * *": true, "0 0 * * 0": true, "*/5 * * * *": true, "0 9-17/2 * * MON-FRI": true,
		"0 0 1,15 * ?": true, "@hourly": true, "@every 90m": true, "@weekly ": true,
		"": false, "* * * *": false, "60 * * * *": false, "0 0 0 * *": false, "0 0 * 13 *": false,
		"0 0 * * 7": false, "5-1 * * * *": false, "*/0 * * * *": false, "@fortnightly": false,
		"@every -1h": false, "TZ=UTC 0 0 * * *": false, "@daily 0": false,
	} {
		if err := validSchedule(s); (err == nil) != ok {
			t.Errorf("validSchedule(%q) = %v, want valid=%v", s, err, ok)
		}
	}
}

func FuzzValidSchedule(f *testing.F) {
	for _, s := range []string{"*/15 8-18 * JAN-dec mon-fri", "@every 1h", "0 24 * * *", "1-/ * * * *"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_ = validSchedule(s) // must not panic
	})
}
