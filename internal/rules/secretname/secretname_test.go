package secretname

import "testing"

func TestNames(t *testing.T) {
	for name, want := range map[string][3]bool{ // Is, IsReference, IsSwitch
		"DB_PASSWORD":                {true, false, false},
		"PGPASSWORD":                 {true, false, false},
		"GITHUB_TOKEN":               {true, false, false},
		"API_KEY":                    {true, false, false},
		"SMTP_PASS":                  {true, false, false},
		"PWD":                        {false, false, false},
		"SORT_KEY":                   {false, false, false},
		"MAX_TOKENS":                 {false, false, false},
		"ETCD_INITIAL_CLUSTER_TOKEN": {false, false, false},
		"POSTGRES_PASSWORD_FILE":     {true, true, false},
		"TOKEN_TTL":                  {true, true, false},
		"MYSQL_RANDOM_ROOT_PASSWORD": {true, false, true},
		"MYSQL_ALLOW_EMPTY_PASSWORD": {true, false, true},
	} {
		got := [3]bool{Is(name), IsReference(name), IsSwitch(name)}
		if got != want {
			t.Errorf("%s: Is, IsReference, IsSwitch = %v, want %v", name, got, want)
		}
	}
}

func TestValues(t *testing.T) {
	dollar := func(p string) bool { return len(p) > 0 && p[0] == '$' }
	cases := []struct {
		got, want bool
		what      string
	}{
		{PrivateKey("-----BEGIN RSA PRIVATE KEY-----\nMII"), true, "PEM key"},
		{PrivateKey("-----BEGIN CERTIFICATE-----"), false, "certificate"},
		{URLPassword("postgres://app:hunter2@db/app", dollar), true, "URL password"},
		{URLPassword("postgres://app:$PW@db/app", dollar), false, "URL password from a variable"},
		{URLPassword("https://example.com/a@b", dollar), false, "URL without user"},
		{Switch("Yes"), true, "switch"},
		{Switch("hunter2"), false, "not a switch"},
		{FilePath("/run/secrets/db"), true, "file path"},
		{Injected("vault:secret/data/db#password"), true, "Vault reference"},
		{Injected("op://vault/item/field"), true, "1Password reference"},
		{Injected("s3cr3t"), false, "literal"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s: got %v, want %v", c.what, c.got, c.want)
		}
	}
}
