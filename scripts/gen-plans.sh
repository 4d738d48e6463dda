#!/usr/bin/env bash
# gen-plans.sh regenerates the Terraform plan and state JSON fixtures of
# internal/source/tfjson from the configurations in
# internal/source/tfjson/testdata/src/<name>/, with terraform itself.
#
# It works offline: fake AWS credentials, providers from the filesystem
# mirror (TF_PLUGIN_MIRROR, default /opt/tf-plugins), -refresh=false, and an
# override file that replaces any backend with backend "local" {}. Nothing is
# applied, so state fixtures are derived from planned values (testdata/mkstate).
#
# Writes, in internal/source/tfjson/testdata/:
#   <name>.plan.json          terraform show -json of the plan of src/<name>
#                             (with -var-file=plan-vars where src/<name> has one)
#   basic.tfstate             raw state v4 derived from basic's planned values
#   basic.state.json          terraform show -json basic.tfstate
#   changes.plan.json         plan of src/changes against the state derived from
#                             src/changes-before (delete, replace, update, no-op, create)
#   basic.plan.pretty.json    basic.plan.json indented (jq), for line numbers
#   basic.plan.utf16le.json   UTF-16LE with BOM and CRLF, as PowerShell's > writes
#   basic.plan.utf16be.json   UTF-16BE with BOM and CRLF
#   basic.plan.crlf.json      indented, CRLF line endings, UTF-8 BOM
#   corrupt.plan.json         the indented plan cut off in the middle
#   examples/<name>.plan.json plan of examples/<name> (the repository's example
#                             stacks), for equivalence tests with the HCL loader
#
# The examples read aws_caller_identity, which calls STS: a fake STS endpoint
# on 127.0.0.1 (testdata/fake_sts.py) answers it with account 123456789012,
# wired in by a provider override file. Nothing else leaves the machine.
#
# Usage: scripts/gen-plans.sh   (from anywhere; needs terraform, jq, iconv, go)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
td=$root/internal/source/tfjson/testdata
mirror=${TF_PLUGIN_MIRROR:-/opt/tf-plugins}
work=$(mktemp -d)
sts_pid=
cleanup() {
	if [ -n "$sts_pid" ]; then kill "$sts_pid" 2>/dev/null || true; fi
	rm -rf "$work"
}
trap cleanup EXIT

cat >"$work/cli.tfrc" <<CFG
provider_installation {
  filesystem_mirror {
    path = "$mirror"
  }
}
CFG
export TF_CLI_CONFIG_FILE=$work/cli.tfrc
export AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x AWS_REGION=eu-west-1
export TF_IN_AUTOMATION=1 TF_INPUT=0 CHECKPOINT_DISABLE=1
unset TF_WORKSPACE TF_DATA_DIR

# prepare NAME: copy src/NAME to a work dir, override any backend, terraform init.
prepare() {
	local name=$1 dir=$work/$1
	cp -r "$td/src/$name" "$dir"
	if grep -rqs --include='*.tf' 'backend "' "$dir"; then
		printf 'terraform {\n  backend "local" {}\n}\n' >"$dir/zz_backend_override.tf"
	fi
	terraform -chdir="$dir" init -input=false -no-color -backend=true >"$dir/init.log" 2>&1 ||
		{ cat "$dir/init.log" >&2; return 1; }
}

# plan NAME [ARGS...]: plan the work dir of NAME and write testdata/NAME.plan.json.
plan() {
	local name=$1 dir=$work/$1
	shift
	terraform -chdir="$dir" plan -refresh=false -input=false -no-color -lock=false -out=tf.plan "$@" >"$dir/plan.log" 2>&1 ||
		{ cat "$dir/plan.log" >&2; return 1; }
	terraform -chdir="$dir" show -json -no-color tf.plan >"$td/$name.plan.json"
	echo "wrote $td/$name.plan.json"
}

mkstate() {
	(cd "$root" && go run ./internal/source/tfjson/testdata/mkstate "$1")
}

# Plain plans: every src dir except the ones driven specially below.
for src in "$td"/src/*/; do
	name=$(basename "$src")
	case $name in changes | changes-before) continue ;; esac
	prepare "$name"
	if [ -f "$src/plan-vars" ]; then
		plan "$name" -var-file=plan-vars
	else
		plan "$name"
	fi
done

# State fixtures from basic's planned values.
mkstate "$td/basic.plan.json" >"$td/basic.tfstate"
echo "wrote $td/basic.tfstate"
terraform -chdir="$work/basic" show -json -no-color "$td/basic.tfstate" >"$td/basic.state.json"
echo "wrote $td/basic.state.json"

# changes: plan src/changes against the state derived from src/changes-before.
prepare changes-before
terraform -chdir="$work/changes-before" plan -refresh=false -input=false -no-color -out=tf.plan >/dev/null
terraform -chdir="$work/changes-before" show -json -no-color tf.plan >"$work/changes-before.plan.json"
prepare changes
mkstate "$work/changes-before.plan.json" >"$work/changes/terraform.tfstate"
plan changes -replace=aws_sqs_queue.replaced

# Encodings and damage, from the real basic plan.
jq . "$td/basic.plan.json" >"$td/basic.plan.pretty.json"
sed 's/$/\r/' "$td/basic.plan.pretty.json" | iconv -f UTF-8 -t UTF-16LE | { printf '\xff\xfe'; cat; } >"$td/basic.plan.utf16le.json"
sed 's/$/\r/' "$td/basic.plan.pretty.json" | iconv -f UTF-8 -t UTF-16BE | { printf '\xfe\xff'; cat; } >"$td/basic.plan.utf16be.json"
{ printf '\xef\xbb\xbf'; sed 's/$/\r/' "$td/basic.plan.pretty.json"; } >"$td/basic.plan.crlf.json"
head -c "$(($(wc -c <"$td/basic.plan.pretty.json") / 2))" "$td/basic.plan.pretty.json" >"$td/corrupt.plan.json"
echo "wrote encoded copies and corrupt.plan.json"

# The repository's examples, planned as they are, with offline overrides.
if [ -d "$root/examples" ]; then
	mkdir -p "$td/examples"
	python3 "$td/fake_sts.py" >"$work/sts.port" &
	sts_pid=$!
	for _ in $(seq 50); do [ -s "$work/sts.port" ] && break; sleep 0.1; done
	port=$(cat "$work/sts.port")
	for src in "$root"/examples/*/; do
		name=$(basename "$src")
		dir=$work/example-$name
		cp -r "$src" "$dir"
		rm -rf "$dir/.terraform" "$dir/.terraform.lock.hcl" "$dir"/*.tfstate*
		{
			if grep -qs 'backend "' "$dir"/*.tf; then
				printf 'terraform {\n  backend "local" {}\n}\n'
			fi
			# One override per provider "aws" block of the root module: the
			# default one and every alias.
			for alias in "" $(sed -n 's/^ *alias *= *"\([A-Za-z0-9_-]*\)".*/\1/p' "$dir"/*.tf); do
				printf 'provider "aws" {\n'
				[ -n "$alias" ] && printf '  alias = "%s"\n' "$alias"
				printf '  skip_credentials_validation = true\n  skip_requesting_account_id = true\n  skip_metadata_api_check = true\n'
				printf '  endpoints {\n    sts = "http://127.0.0.1:%s"\n  }\n}\n' "$port"
			done
		} >"$dir/zz_prodgrade_override.tf"
		terraform -chdir="$dir" init -input=false -no-color >"$dir/init.log" 2>&1 || { cat "$dir/init.log" >&2; exit 1; }
		terraform -chdir="$dir" plan -refresh=false -input=false -no-color -lock=false -out=tf.plan >"$dir/plan.log" 2>&1 ||
			{ cat "$dir/plan.log" >&2; exit 1; }
		terraform -chdir="$dir" show -json -no-color tf.plan >"$td/examples/$name.plan.json"
		echo "wrote $td/examples/$name.plan.json"
	done
fi
