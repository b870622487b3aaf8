#!/usr/bin/env bash
# Checks that two builds of unrolled write the same bytes for everything a user reads: the
# whole tutorial site, the traces of every built-in model (text, JSON and HTML, with and
# without a target, and inputs at the edges: padded, one character, the longest), summaries,
# the models table, and walkthrough decks and handouts. A redesign meant to keep every
# output (a refactor) must pass it, together with Scripts/same-weights.sh for checkpoints
# and training histories. About two minutes per binary on 2 cores.
#
# Usage: Scripts/same-outputs.sh OLD/unrolled NEW/unrolled
#   or:  Scripts/same-outputs.sh --rev REV      (builds REV in .build-compare/, then compares
#                                               it with this working tree's release build)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = --rev ]; then
  rev=${2:?usage: Scripts/same-outputs.sh --rev REV}
  tree=.build-compare/tree
  rm -rf "$tree" && mkdir -p "$tree"
  git archive "$rev" | tar -x -C "$tree"
  # shellcheck disable=SC2046
  swift build -c release --package-path "$tree" --scratch-path .build-compare/build --product unrolled $(Scripts/release-flags.sh) >&2
  swift build -c release --product unrolled $(Scripts/release-flags.sh) >&2
  old=$(swift build -c release --package-path "$tree" --scratch-path .build-compare/build --show-bin-path)/unrolled
  new=$(swift build -c release --show-bin-path)/unrolled
else
  old=${1:?usage: Scripts/same-outputs.sh OLD/unrolled NEW/unrolled, or --rev REV}
  new=${2:?usage: Scripts/same-outputs.sh OLD/unrolled NEW/unrolled, or --rev REV}
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# model | input | target ("" for none)
traces=(
  "addition| 2+10|12"
  "addition|2+10|"
  "addition|9+9|18"
  "addition|1|"
  "addition3|999+1|1000"
  "addition3|123+45|168"
  "addition3|0+0|"
  "addition3-reversed|123+45|168"
  "dates|22 Nov 2026|2026-11-22"
  "dates|june 3, 2026|"
  "phrasebook|Where is the station?|Où est la gare ?"
  "phrasebook|I am cold.|J'ai froid."
  "phrasebook|x|"
  "autoencoder|beach|beach"
  "autoencoder-conditioned|beach|beach"
  "autoencoder-conditioned|ab|"
  "commands|turn on the kitchen light|the kitchen light is on"
  "commands|close the porch curtains|"
  "dates-bidirectional-decoder|22 Nov 2026|2026-11-22"
)
models=(addition addition3 addition3-reversed dates phrasebook autoencoder autoencoder-conditioned commands sines
  dates-bidirectional-decoder)

write_all() {
  local binary=$1 out=$2
  mkdir -p "$out/traces"
  "$binary" site --out "$out/site" >/dev/null
  "$binary" models >"$out/models.txt"
  for model in "${models[@]}"; do
    "$binary" summary --model "$model" >"$out/summary-$model.txt"
  done
  local index=0
  for entry in "${traces[@]}"; do
    IFS='|' read -r model input target <<<"$entry"
    local with=()
    [ -n "$target" ] && with=(--target "$target")
    for format in text json html; do
      "$binary" trace --model "$model" "$input" "${with[@]}" --format "$format" \
        >"$out/traces/$index-$model.$format" 2>&1 || echo "exit $?" >>"$out/traces/$index-$model.$format"
    done
    index=$((index + 1))
  done
  for seed in 0 3; do
    for format in text json html; do
      "$binary" trace --model sines --example "$seed" --format "$format" >"$out/traces/sines-$seed.$format"
    done
  done
  "$binary" walkthrough --model addition3 "999+1" --target 1000 >"$out/deck-addition3.html"
  "$binary" walkthrough --model addition3 "999+1" --handout >"$out/handout-addition3.html"
  "$binary" walkthrough --model dates-bidirectional-decoder "22 Nov 2026" --target 2026-11-22 >"$out/deck-bidirectional.html"
  "$binary" walkthrough --model sines "$(cat "$out/traces/sines-0.json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["input"])')" \
    >"$out/deck-sines.html"
}

write_all "$old" "$work/old"
write_all "$new" "$work/new"
# The site's index names the site's folder nowhere, so the two trees compare directly.
if diff -r "$work/old" "$work/new" >"$work/diff.txt"; then
  echo "same bytes: the site, $(ls "$work/new/traces" | wc -l) traces, ${#models[@]} summaries, the models table and 4 decks"
else
  head -40 "$work/diff.txt"
  echo "differs: $(grep -c '^diff\|^Only in\|^Binary files' "$work/diff.txt") files (the first lines above)"
  exit 1
fi
