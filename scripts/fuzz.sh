#!/usr/bin/env bash
# fuzz.sh — run every fuzz target of the repository, one after the other.
#
#   scripts/fuzz.sh              each target for 60 s
#   scripts/fuzz.sh 10m          each target for 10 minutes
#   FUZZ_TARGETS="FuzzLoad FuzzParse" scripts/fuzz.sh 2m
#                                only the targets with these names (in every package)
#
# Targets are found with `go test -list`, so a new Fuzz function is fuzzed without
# editing this script. A crasher is written by Go under the package's
# testdata/fuzz/<Target>/ directory: commit it, and it becomes a regression seed
# that every `go test` run replays.
#
# Exit status: 0 when no target failed, 1 otherwise (the failing targets are listed).
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
case ${1:-} in
-h | --help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
esac
fuzztime=${1:-60s}
only=" ${FUZZ_TARGETS:-} "

failed=()
ran=0
for pkg in $(go list ./...); do
	for target in $(go test -list '^Fuzz' "$pkg" 2>/dev/null | grep '^Fuzz'); do
		if [ "$only" != "  " ] && [[ $only != *" $target "* ]]; then
			continue
		fi
		ran=$((ran + 1))
		echo "== $pkg $target ($fuzztime)"
		if ! go test "$pkg" -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime"; then
			failed+=("$pkg $target")
		fi
	done
done
echo
echo "fuzz.sh: $ran targets, ${#failed[@]} failed"
for f in "${failed[@]}"; do
	echo "  FAILED: $f"
done
[ ${#failed[@]} -eq 0 ]
