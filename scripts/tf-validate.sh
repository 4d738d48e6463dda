#!/usr/bin/env bash
# tf-validate.sh — prove that the bundled examples and every Terraform rule fixture
# are valid Terraform, using `terraform init -backend=false` + `terraform validate`
# against a local filesystem mirror of the providers (no network).
#
#   scripts/tf-validate.sh            validate examples/* and internal/rules/*/testdata/*/*/
#   scripts/tf-validate.sh --plan     also plan each example offline (terraform test
#                                     with mocked providers; ~15 s per example)
#
# Environment:
#   PRODGRADE_TF_MIRROR   provider filesystem mirror (default /opt/tf-plugins)
#   TERRAFORM             terraform binary (default: terraform on PATH)
#
# Nothing is written inside the repository: every directory is copied to a temp dir
# first. Fixture cases are validated together, as modules of one generated wrapper
# root (one provider start instead of one per case); a case that makes the wrapper's
# init fail is then validated on its own, so one bad case cannot hide the others.
#
# A case directory (or a rule's testdata directory) holding a file named
# .tf-validate-skip is not validated; the file's first line is printed as the reason.
# Cases that call a remote module, or need a provider (version) the mirror lacks, are
# skipped too and listed.
#
# Exit status: 0 all valid (or terraform / the mirror absent: skipped), 1 any failure.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
mirror=${PRODGRADE_TF_MIRROR:-/opt/tf-plugins}
tf=${TERRAFORM:-terraform}
plan=0
for arg in "$@"; do
	case $arg in
	--plan) plan=1 ;;
	-h | --help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) echo "tf-validate: unknown argument $arg (try --help)" >&2; exit 2 ;;
	esac
done

if ! command -v "$tf" >/dev/null 2>&1; then
	echo "tf-validate: SKIPPED — terraform is not installed (looked for '$tf' on PATH)."
	exit 0
fi
if [ ! -d "$mirror" ]; then
	echo "tf-validate: SKIPPED — no provider mirror at $mirror (set PRODGRADE_TF_MIRROR to a filesystem mirror)."
	exit 0
fi
# jq reads terraform's JSON diagnostics; without it the human output is parsed.
have_jq=0
command -v jq >/dev/null 2>&1 && have_jq=1

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tf-validate.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

cat >"$tmp/terraformrc" <<EOF
provider_installation {
  filesystem_mirror {
    path = "$mirror"
  }
}
EOF
export TF_CLI_CONFIG_FILE=$tmp/terraformrc
export TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
unset TF_WORKSPACE TF_DATA_DIR

valid=() failed=() skipped=()
report="$tmp/report" # failure details, printed at the end
: >"$report"

# fail NAME DETAILS-FILE
fail() {
	failed+=("$1")
	{
		echo "--- $1"
		sed 's/^/    /' "$2"
	} >>"$report"
}

# validate DIR OUT: terraform validate in DIR; errors go to OUT.diags as
# "file:line: summary: detail", one per file:line. Returns 0 valid, 1 invalid,
# 2 if validate itself failed to run (its output is in OUT.err).
validate() {
	local rc
	if [ "$have_jq" = 1 ]; then
		(cd "$1" && "$tf" validate -json -no-color) >"$2.json" 2>"$2.err"
		jq -e . "$2.json" >/dev/null 2>&1 || return 2
		jq -r '.diagnostics[]? | select(.severity == "error") |
			"\(.range.filename // "?"):\(.range.start.line // 0): \(.summary)" +
			(if .detail then ": " + (.detail | split("\n")[0]) else "" end)' "$2.json" |
			awk -F': ' '!seen[$1]++' >"$2.diags" # e.g. subnets / subnet_mapping pairs
		[ "$(jq -r .valid "$2.json")" = true ] && return 0
		return 1
	fi
	(cd "$1" && "$tf" validate -no-color) >"$2.txt" 2>&1
	rc=$?
	sed 's/^[│╷╵] \{0,1\}//' "$2.txt" | awk '
		/^Error: / { if (sum != "") out(); sum = substr($0, 8); loc = "?:0"; det = ""; st = 1; next }
		/^Warning: / { if (sum != "") out(); sum = ""; st = 0; next }
		st == 1 && /^  on .* line [0-9]+/ {
			loc = $0; sub(/^  on /, "", loc); sub(/, in .*/, "", loc); sub(/:$/, "", loc)
			sub(/ line /, ":", loc); st = 2; next
		}
		st == 2 && /^$/ { st = 3; next }
		st == 3 && /[^ ]/ { det = $0; st = 4; next }
		function out() { print loc ": " sum (det != "" ? ": " det : "") }
		END { if (sum != "") out() }' | awk -F': ' '!seen[$1]++' >"$2.diags"
	[ $rc = 0 ] && return 0
	[ -s "$2.diags" ] && return 1
	cp "$2.txt" "$2.err"
	return 2
}

# copy SRC DST: copy a module directory without terraform working files.
copy() {
	mkdir -p "$2"
	tar -C "$1" --exclude=.terraform --exclude=.terraform.lock.hcl -cf - . | tar -C "$2" -xf -
}

# has_remote_module DIR: true if a .tf file in DIR calls a module that is not local.
has_remote_module() {
	awk '
		/^[[:space:]]*module[[:space:]]+"/ { inmod = 1; next }
		inmod && /^}/ { inmod = 0 }
		inmod && /^[[:space:]]+source[[:space:]]*=/ {
			if ($0 !~ /=[[:space:]]*"\.\.?\//) { found = 1 }
		}
		END { exit found ? 0 : 1 }' "$1"/*.tf 2>/dev/null
}

# missing_provider DIR: print the first provider that DIR's required_providers
# asks for and the mirror does not hold (init would fail on it).
missing_provider() {
	local p host
	awk '
		/required_providers[[:space:]]*{/ { inreq = 1; depth = 0 }
		inreq {
			line = $0
			if (match(line, /source[[:space:]]*=[[:space:]]*"[^"]+"/)) {
				v = substr(line, RSTART, RLENGTH); sub(/^[^"]*"/, "", v); sub(/"$/, "", v); print v
			}
			n = gsub(/{/, "{", line); m = gsub(/}/, "}", line); depth += n - m
			if (depth <= 0) inreq = 0
		}' "$1"/*.tf 2>/dev/null | sort -u | while read -r p; do
		case $p in */*/*) host= ;; *) host=registry.terraform.io/ ;; esac
		if [ ! -d "$mirror/$host$p" ] && [ ! -d "$mirror/$(echo "$host$p" | tr 'A-Z' 'a-z')" ]; then
			echo "$p"
			break
		fi
	done
}

# --- examples: each is a root module of its own ---------------------------------

mock_test() { # DIR: a terraform test file that plans DIR with every aws provider mocked
	local mock='
  mock_data "aws_iam_policy_document" {
    defaults = { json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}" }
  }
  mock_data "aws_caller_identity" {
    defaults = { account_id = "123456789012" }
  }
  mock_data "aws_elb_service_account" {
    defaults = { arn = "arn:aws:iam::127311923021:root" }
  }'
	echo "mock_provider \"aws\" {$mock
}"
	grep -ho 'alias[[:space:]]*=[[:space:]]*"[^"]*"' "$1"/*.tf 2>/dev/null | sed 's/.*"\(.*\)"/\1/' | sort -u |
		while read -r alias; do
			echo "mock_provider \"aws\" {
  alias = \"$alias\"$mock
}"
		done
	echo 'run "offline_plan" {
  command = plan
}'
}

validate_example() { # DIR OUT-PREFIX
	local dir=$1 out=$2 work
	work=$(mktemp -d "$tmp/example.XXXXXX")
	copy "$dir" "$work"
	if ! (cd "$work" && "$tf" init -backend=false -input=false -no-color) >"$out.init" 2>&1; then
		echo init >"$out.status"
		return
	fi
	validate "$work" "$out"
	case $? in
	1) echo validate >"$out.status"; return ;;
	2) echo novalidate >"$out.status"; return ;;
	esac
	if [ "$plan" = 1 ]; then
		mock_test "$work" >"$work/zz_prodgrade_offline_plan.tftest.hcl"
		if ! (cd "$work" && "$tf" test -no-color) >"$out.plan" 2>&1; then
			echo plan >"$out.status"
			return
		fi
	fi
	echo ok >"$out.status"
}

examples=()
for d in "$root"/examples/*/; do
	ls "$d"*.tf >/dev/null 2>&1 && examples+=("${d%/}")
done
i=0
for d in "${examples[@]}"; do
	validate_example "$d" "$tmp/ex$i" &
	i=$((i + 1))
done

# --- fixtures: one wrapper root calling every case as a module ------------------

cases=()
for d in "$root"/internal/rules/*/testdata/*/*/; do
	[ -d "$d" ] || continue
	d=${d%/}
	ls "$d"/*.tf >/dev/null 2>&1 || continue # YAML, Dockerfile … cases
	rel=${d#"$root"/}
	skipfile=
	[ -f "$d/.tf-validate-skip" ] && skipfile=$d/.tf-validate-skip
	[ -f "$(dirname "$d")/.tf-validate-skip" ] && skipfile=$(dirname "$d")/.tf-validate-skip
	if [ -n "$skipfile" ]; then
		skipped+=("$rel ($(head -n1 "$skipfile"))")
	elif has_remote_module "$d"; then
		skipped+=("$rel (calls a remote module; needs the network)")
	elif p=$(missing_provider "$d") && [ -n "$p" ]; then
		skipped+=("$rel (provider $p is not in the mirror)")
	else
		cases+=("$rel")
	fi
done

# All fixture trees are copied once; a case may call a module beside it (../shared).
tree=$tmp/tree
for t in "$root"/internal/rules/*/testdata; do
	[ -d "$t" ] && copy "$t" "$tree/${t#"$root"/}"
done

# wrapper DIR CASE...: write a root module in DIR that calls each case. DIR/internal
# links to the copied tree, so diagnostics name the cases' repo paths.
wrapper() {
	local w=$1 n=0 c
	shift
	mkdir -p "$w"
	ln -sfn "$tree/internal" "$w/internal"
	: >"$w/main.tf"
	for c in "$@"; do
		{
			echo "module \"case_$n\" {"
			echo "  source = \"./$c\""
			# Validation treats every input as unknown; null satisfies required ones.
			grep -ho '^variable[[:space:]]*"[^"]*"' "$root/$c"/*.tf 2>/dev/null |
				sed 's/^variable[[:space:]]*"\(.*\)"/  \1 = null/'
			echo "}"
		} >>"$w/main.tf"
		n=$((n + 1))
	done
}

init() { # DIR: terraform init, output in DIR.init
	(cd "$1" && "$tf" init -backend=false -input=false -no-color) >"$1.init" 2>&1
}

# validate_cases NAME CASE...: validate the cases through one wrapper. If the
# wrapper's init fails, init each case alone to find the ones to blame, and
# validate the others together.
validate_cases() {
	local name=$1 w=$tmp/$1 c errs k=0 ok=()
	shift
	[ $# -gt 0 ] || return
	wrapper "$w" "$@"
	if ! init "$w"; then
		if [ $# -eq 1 ]; then
			fail "$1 (terraform init)" "$w.init"
			return
		fi
		local pids=() max=$(($(nproc 2>/dev/null || echo 2) * 2))
		for c in "$@"; do
			wrapper "$w.$k" "$c"
			{ init "$w.$k"; echo $? >"$w.$k.rc"; } &
			pids+=($!)
			while [ "$(jobs -rp | wc -l)" -ge "$max" ]; do wait -n; done
			k=$((k + 1))
		done
		wait "${pids[@]}" 2>/dev/null
		k=0
		for c in "$@"; do
			if [ "$(cat "$w.$k.rc")" = 0 ]; then
				ok+=("$c")
			elif grep -q 'Failed to query available provider packages' "$w.$k.init"; then
				skipped+=("$c (provider not in the mirror: $(tr '\n' ' ' <"$w.$k.init" | grep -o 'for provider .*' | sed 's/  */ /g; s/ To see which.*//' | cut -c14-200 | sed 's/ *$//'))")
			else
				fail "$c (terraform init)" "$w.$k.init"
			fi
			k=$((k + 1))
		done
		[ ${#ok[@]} -gt 0 ] && validate_cases "$name-ok" "${ok[@]}"
		return
	fi
	validate "$w" "$w"
	if [ $? = 2 ]; then
		for c in "$@"; do fail "$c (terraform validate did not run)" "$w.err"; done
		return
	fi
	sed -i "s|^$tree/||" "$w.diags"
	for c in "$@"; do
		errs=$(grep -F "$c/" "$w.diags")
		if [ -n "$errs" ]; then
			echo "$errs" >"$w.case"
			fail "$c" "$w.case"
		else
			valid+=("$c")
		fi
	done
	# Errors that name no case (e.g. in the wrapper itself) must not pass silently.
	errs=$(grep -v -F -f <(printf '%s/\n' "$@") "$w.diags")
	if [ -n "$errs" ]; then
		echo "$errs" >"$w.other"
		fail "wrapper root ($name)" "$w.other"
	fi
}

validate_cases fixtures "${cases[@]}"

wait
i=0
for d in "${examples[@]}"; do
	rel=${d#"$root"/}
	out=$tmp/ex$i
	case $(cat "$out.status" 2>/dev/null) in
	ok) valid+=("$rel") ;;
	init) fail "$rel (terraform init)" "$out.init" ;;
	validate) sed "s|^|$rel/|" "$out.diags" >"$out.named"; fail "$rel" "$out.named" ;;
	novalidate) fail "$rel (terraform validate did not run)" "$out.err" ;;
	plan) grep -v '^[[:space:]]*$' "$out.plan" | tail -n 30 >"$out.tail"; fail "$rel (offline plan)" "$out.tail" ;;
	*) echo "no result" >"$out.none"; fail "$rel" "$out.none" ;;
	esac
	i=$((i + 1))
done

# --- summary -------------------------------------------------------------------

what="terraform validate"
[ "$plan" = 1 ] && what="terraform validate (examples also planned offline)"
echo "tf-validate: $what with providers from $mirror"
echo "  ${#valid[@]} valid, ${#failed[@]} failed, ${#skipped[@]} skipped (${#examples[@]} examples, ${#cases[@]} fixture cases)"
for s in "${skipped[@]}"; do echo "  skipped: $s"; done
if [ ${#failed[@]} -gt 0 ]; then
	echo
	echo "FAILED:"
	cat "$report"
	exit 1
fi
exit 0
