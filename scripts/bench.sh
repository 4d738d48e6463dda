#!/usr/bin/env bash
# bench.sh — time `prodgrade scan` as a whole process (wall time and peak RSS).
#
#   scripts/bench.sh                     synthetic corpora of 25k, 50k and 100k resources
#   scripts/bench.sh DIR...              the same, plus each DIR of real Terraform code
#   scripts/bench.sh --trivy DIR...      also time `trivy config` on each DIR, side by side
#   scripts/bench.sh --kube-score DIR... also time `kube-score score` on each DIR's manifests
#                                        (*.yaml, *.yml outside Helm templates/), side by side
#   scripts/bench.sh --no-synthetic DIR  only the given directories
#
# Environment:
#   BENCH_SIZES   resource counts of the synthetic corpora (default "25000 50000 100000")
#   BENCH_RUNS    runs per input; the fastest is reported (default 1)
#   BENCH_DIR     where corpora and outputs go (default ${TMPDIR:-/tmp}/prodgrade-bench);
#                 a corpus is generated once and reused while its options are the same
#
# Corpora come from internal/corpus (scripts/gencorpus): 20 resource instances per
# file, 20 resource files per root module (one in its local child module), so 100k
# resources are 250 roots and 5,000 resource files (6,750 .tf files in all).
# Targets on a 2-core machine: 100k resources in < 10 s and < 1 GiB peak RSS,
# time and memory growing linearly with the corpus.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
sizes=${BENCH_SIZES:-25000 50000 100000}
runs=${BENCH_RUNS:-1}
work=${BENCH_DIR:-${TMPDIR:-/tmp}/prodgrade-bench}
synthetic=1 trivy=0 kubescore=0 real=()
for arg in "$@"; do
	case $arg in
	--trivy) trivy=1 ;;
	--kube-score) kubescore=1 ;;
	--no-synthetic) synthetic=0 ;;
	-h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	-*) echo "bench: unknown flag $arg (try --help)" >&2; exit 2 ;;
	*)
		[ -d "$arg" ] || { echo "bench: $arg is not a directory" >&2; exit 2; }
		real+=("$(cd "$arg" && pwd)")
		;;
	esac
done
if [ ! -x /usr/bin/time ]; then
	echo "bench: needs GNU time at /usr/bin/time (apt-get install time) for peak memory" >&2
	exit 2
fi
if [ "$trivy" = 1 ] && ! command -v trivy >/dev/null; then
	echo "bench: --trivy given but trivy is not on PATH" >&2
	exit 2
fi
if [ "$kubescore" = 1 ] && ! command -v kube-score >/dev/null; then
	echo "bench: --kube-score given but kube-score is not on PATH (go install github.com/zegl/kube-score/cmd/kube-score@v1.20.0)" >&2
	exit 2
fi

mkdir -p "$work" "$root/bin"
echo "building bin/prodgrade and bin/gencorpus ..."
(cd "$root" && go build -o bin/prodgrade ./cmd/prodgrade && go build -o bin/gencorpus ./scripts/gencorpus)
prodgrade=$root/bin/prodgrade

# gencorpus N: the directory of a corpus of about N resources, generated if needed.
gencorpus() {
	local n=$1 per_file=20 per_root=20 roots dir args stamp
	roots=$(((n + per_file * per_root - 1) / (per_file * per_root)))
	dir=$work/corpus-$n
	args="-roots $roots -files-per-root $per_root -resources-per-file $per_file -seed 1"
	# Regenerate when the options or the generator change.
	stamp="$args $(cksum <"$root/bin/gencorpus")"
	if [ "$(cat "$dir/.options" 2>/dev/null)" != "$stamp" ]; then
		rm -rf "$dir"
		"$root/bin/gencorpus" -out "$dir" $args >&2
		echo "$stamp" >"$dir/.options"
	fi
	echo "$dir"
}

# seconds "h:mm:ss" or "m:ss.cc" -> seconds
seconds() {
	awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }' <<<"$1"
}

# measure NAME TOOL DIR: run TOOL on DIR BENCH_RUNS times; print one table row.
rows=()
measure() {
	local name=$1 tool=$2 dir=$3 out=$work/out-$1-$2 best= rss= cpu= rc= i wall kb user sys tffiles resources findings
	tffiles=$(find "$dir" \( -name '*.tf' -o -name '*.yaml' -o -name '*.yml' \) -not -path '*/.terraform/*' -not -path '*/.git/*' | wc -l)
	local manifests=()
	[ "$tool" = kube-score ] && mapfile -t manifests < <(find "$dir" \( -name '*.yaml' -o -name '*.yml' \) -not -path '*/templates/*' -not -path '*/.git/*' | sort)
	for ((i = 0; i < runs; i++)); do
		set +e
		case $tool in
		prodgrade) /usr/bin/time -v "$prodgrade" scan "$dir" --format json >"$out.json" 2>"$out.time" ;;
		trivy) /usr/bin/time -v trivy config --quiet --skip-check-update --skip-version-check --disable-telemetry \
			--format json --output "$out.json" "$dir" >/dev/null 2>"$out.time" ;;
		kube-score) /usr/bin/time -v -o "$out.time" kube-score score --output-format json "${manifests[@]}" >"$out.json" 2>"$out.err" ;;
		esac
		rc=$?
		set -e
		wall=$(seconds "$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$out.time")")
		kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out.time")
		user=$(sed -n 's/.*User time (seconds): //p' "$out.time")
		sys=$(sed -n 's/.*System time (seconds): //p' "$out.time")
		if [ -z "$best" ] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then
			best=$wall rss=$kb cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
		fi
	done
	resources=- findings=-
	if command -v jq >/dev/null && jq -e . "$out.json" >/dev/null 2>&1; then
		case $tool in
		prodgrade)
			resources=$(jq '.summary.resources // "-"' "$out.json")
			findings=$(jq '[.findings[]? | select(.status == "fail")] | length' "$out.json")
			;;
		trivy) findings=$(jq '[.Results[]?.Misconfigurations[]? | select(.Status == "FAIL")] | length' "$out.json") ;;
		kube-score) findings=$(jq '[.[]?.checks[]? | select(.grade == 1 or .grade == 5)] | length' "$out.json") ;;
		esac
	fi
	# rc 1 means "gaps found", which a benchmark corpus is meant to have.
	local note=
	case $tool-$rc in
	prodgrade-0 | prodgrade-1 | trivy-0 | kube-score-0) ;;
	kube-score-1) grep -q "Failed to score" "$out.err" 2>/dev/null && note="aborted: $(head -c 120 "$out.err" | tr '\n' ' ')" ;;
	prodgrade-2) note="exit 2: input errors, see $out.json notes" ;;
	*) note="exit $rc, see $out.time" ;;
	esac
	local rate=-
	[ "$resources" != - ] && rate=$(awk -v r="$resources" -v s="$best" 'BEGIN { if (s > 0) printf "%.0f", r / s; else print "-" }')
	rows+=("$(printf '%-28s %-9s %8s %10s %9s %8s %8s %9s %10s  %s' "$name" "$tool" "$tffiles" "$resources" "$findings" \
		"$best" "$cpu" "$(awk -v k="$rss" 'BEGIN { printf "%.0f", k / 1024 }')" "$rate" "$note")")
	echo "${rows[-1]}" >&2
}

header=$(printf '%-28s %-9s %8s %10s %9s %8s %8s %9s %10s' input tool files resources findings wall-s cpu-s rss-MiB resources/s)
echo "$header" >&2
if [ "$synthetic" = 1 ]; then
	for n in $sizes; do
		measure "synthetic-$n" prodgrade "$(gencorpus "$n")"
	done
fi
for d in "${real[@]}"; do
	measure "$(basename "$d")" prodgrade "$d"
	[ "$trivy" = 1 ] && measure "$(basename "$d")" trivy "$d"
	[ "$kubescore" = 1 ] && measure "$(basename "$d")" kube-score "$d"
done

echo
echo "prodgrade $("$prodgrade" version 2>/dev/null | head -n1), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg), best of $runs run(s)"
echo "(cpu-s is user+system time: a check on wall times taken on a busy machine; outputs in $work)"
echo "$header"
printf '%s\n' "${rows[@]}"

# Targets for the largest synthetic corpus, and scaling from the smallest to it.
if [ "$synthetic" = 1 ]; then
	printf '%s\n' "${rows[@]}" | awk '
		$1 ~ /^synthetic-/ && $2 == "prodgrade" {
			n = substr($1, 11) + 0
			if (first == "") { first = n; fw = $6; fr = $8 }
			last = n; lw = $6; lr = $8
		}
		END {
			if (last == "") exit
			printf "\n%d resources: %.2f s (target < 10 s: %s), %d MiB peak (target < 1024 MiB: %s)\n",
				last, lw, (lw < 10 ? "ok" : "MISSED"), lr, (lr < 1024 ? "ok" : "MISSED")
			if (last > first && fw > 0) {
				tr = (lw / last) / (fw / first)
				printf "scaling %d -> %d resources: time per resource x%.2f, memory x%.2f for x%.1f input (%s)\n",
					first, last, tr, lr / fr, last / first, (tr < 1.3 ? "linear" : "worse than linear")
			}
		}'
fi
