package terraform

import (
	"fmt"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

// lockingBackends keep state remotely and lock it on every operation without
// extra configuration; state in them is encrypted at rest by the service.
var lockingBackends = map[string]bool{
	"remote": true, "cloud": true, "gcs": true, "azurerm": true,
	"kubernetes": true, "consul": true, "pg": true, "cos": true,
}

func init() {
	rules.Register(&rules.Rule{
		ID:       "tf-backend-remote-state",
		Item:     checklist.Provision,
		Severity: checklist.High,
		Title:    "Terraform state is stored remotely, locked and encrypted",
		Why: "Local state lives on one laptop or CI runner: it is lost with it, cannot be shared, and two " +
			"concurrent applies corrupt it. State also holds every secret the configuration touches, so it " +
			"must be encrypted. A remote backend with locking and encryption makes every apply safe to run " +
			"from anywhere.",
		Fix: `terraform {
  backend "s3" {
    bucket       = "acme-terraform-state"
    key          = "shop/prod/terraform.tfstate"
    region       = "eu-west-1"
    encrypt      = true
    use_lockfile = true
  }
}`,
		References: []string{
			langDocs + "backend",
			langDocs + "backend/s3",
			langDocs + "state/locking",
		},
		Kinds: []string{"terraform"},
		Check: checkBackend,
	})
}

func checkBackend(c *rules.Check) {
	if !isRoot(c) {
		return // child modules cannot configure a backend; the root's applies
	}
	tg := c.R.Attrs.Field("terragrunt")
	if b, _ := tg.Field("wrapper").Bool(); b {
		return // a wrapper Terragrunt calls as a module: not a root of its own
	}
	bv := c.R.Attrs.Field("backend")
	if !bv.IsKnown() {
		c.Unknown("backend", bv)
		return
	}
	b := first(bv)
	if b.IsNull() && !tg.IsNull() {
		if rs, _ := tg.Field("remote_state").Bool(); rs {
			c.Pass("Terragrunt's remote_state (%s) generates the backend", knownStr(tg.Field("file")))
			return
		}
		c.UnknownBecause(fmt.Sprintf("Terragrunt runs this module (%s); its backend may come from a remote_state it includes from a parent terragrunt.hcl, which prodgrade does not read", knownStr(tg.Field("file"))))
		return
	}
	if b.IsNull() {
		c.Fail("backend", "no backend is configured, so state is a local file without locking; configure a remote backend")
		return
	}
	typ := knownStr(b.Field("type"))
	switch {
	case typ == "local":
		c.Fail("backend.type", "backend \"local\" keeps state in a local file without shared locking; use a remote backend")
	case lockingBackends[typ]:
		c.Pass("backend %q stores state remotely with locking", typ)
	case typ == "s3":
		checkS3Backend(c)
	case typ == "http":
		if b.Field("lock_address").IsNull() {
			c.Fail("backend", "backend \"http\" has no lock_address, so state is not locked; set lock_address and unlock_address")
			return
		}
		c.Pass("backend \"http\" locks state through lock_address")
	default:
		c.UnknownBecause(fmt.Sprintf("backend %q: prodgrade does not know whether it locks and encrypts state", typ))
	}
}

// checkS3Backend: the s3 backend needs encrypt = true (default false) and a
// lock: use_lockfile = true (S3-native locking, Terraform >= 1.10) or a
// DynamoDB table (dynamodb_table, deprecated but still working).
func checkS3Backend(c *rules.Check) {
	b := first(c.R.Attrs.Field("backend"))
	if b.Field("bucket").IsNull() {
		// A partial configuration: the rest comes from -backend-config at init.
		c.UnknownBecause("backend \"s3\" is partially configured (no bucket); encrypt and locking may come from -backend-config files")
		return
	}
	enc := b.Field("encrypt")
	if !enc.IsKnown() {
		c.Unknown("backend.encrypt", enc)
		return
	}
	on, _ := enc.Bool()
	lock := b.Field("use_lockfile")
	if !lock.IsKnown() {
		c.Unknown("backend.use_lockfile", lock)
		return
	}
	lockfile, _ := lock.Bool()
	table := !b.Field("dynamodb_table").IsNull()
	switch {
	case !on && !lockfile && !table:
		c.Fail("backend", "backend \"s3\" sets neither encrypt = true nor a lock (use_lockfile = true or dynamodb_table); set both")
	case !on:
		c.Fail("backend.encrypt", "backend \"s3\" does not set encrypt = true (default false), so the state file, which holds secrets, is not encrypted by Terraform on write and depends on the bucket's default encryption; set encrypt = true")
	case !lockfile && !table:
		c.Fail("backend", "backend \"s3\" has no lock: set use_lockfile = true (or dynamodb_table) so concurrent applies cannot corrupt state")
	default:
		c.Pass("backend \"s3\" encrypts and locks state")
	}
}

// first is the first element of a list (a block that occurs once), or v itself.
func first(v infra.Value) infra.Value {
	if l := v.List(); v.Kind() == infra.List {
		if len(l) == 0 {
			return infra.NullValue()
		}
		return l[0]
	}
	return v
}
