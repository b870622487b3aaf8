#!/usr/bin/env bash
# Times `unrolled site` (the built-in curriculum and models) for this working tree against a
# reference build made from a git revision, interleaved round by round, and prints the
# medians and their ratio. Usage: bench/site.sh [REVISION]   (default: HEAD~1; ROUNDS=5)
set -euo pipefail
revision=${1:-HEAD~1}
rounds=${ROUNDS:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
reference_dir="$root/.build-site-reference"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Both builds with the flags `make release` uses for this machine.
read -r -a release_flags <<<"$(Scripts/release-flags.sh)"
swift build -c release "${release_flags[@]}" --product unrolled >&2
current="$(swift build -c release --show-bin-path)/unrolled"

rm -rf "$reference_dir/src" && mkdir -p "$reference_dir/src"
git archive "$revision" | tar -x -C "$reference_dir/src"
(cd "$reference_dir/src" && swift build -c release "${release_flags[@]}" --product unrolled --scratch-path "$reference_dir/build" >&2)
reference="$reference_dir/build/release/unrolled"

seconds() {  # the wall-clock seconds of one `unrolled site` run
  local start end
  start=$(date +%s.%N)
  "$1" site --out "$2" > /dev/null
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { print b - a }'
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "reference: $revision ($(git rev-parse --short "$revision"))"
printf '%-6s %12s %12s %8s\n' round "this (s)" "reference (s)" ratio
this_times=() reference_times=()
for round in $(seq 1 "$rounds"); do
  t=$(seconds "$current" "$work/this")
  r=$(seconds "$reference" "$work/reference")
  this_times+=("$t") reference_times+=("$r")
  printf '%-6s %12.3f %12.3f %8.2f\n' "$round" "$t" "$r" "$(awk -v r="$r" -v t="$t" 'BEGIN { print r / t }')"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mt=$(median "${this_times[@]}") mr=$(median "${reference_times[@]}")
printf '%-6s %12.3f %12.3f %8.2f   (ratio = reference / this: above 1, this build is faster)\n' median "$mt" "$mr" "$(awk -v r="$mr" -v t="$mt" 'BEGIN { print r / t }')"
if diff -r "$work/this" "$work/reference" > /dev/null; then echo "the two builds wrote identical sites"; else echo "the two builds wrote different sites (expected when pages changed between them)"; fi
