#!/usr/bin/env bash
# Checks that two builds of unrolled train to the same bytes: ten short runs covering every
# built-in task (both bridges, bidirectional encoders and decoder, embeddings, masking,
# scheduled sampling, RMSprop, clipping, the conditioned and series decoders), each trained
# by both binaries and compared with cmp. A speed-up meant to keep the arithmetic must pass
# it (CONTRIBUTING.md). About a minute per binary on 2 cores.
# Usage: Scripts/same-weights.sh OLD/unrolled NEW/unrolled
set -euo pipefail
old=${1:?usage: Scripts/same-weights.sh OLD/unrolled NEW/unrolled}
new=${2:?usage: Scripts/same-weights.sh OLD/unrolled NEW/unrolled}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export OPENBLAS_NUM_THREADS=1
runs=(
  "addition --epochs 12"
  "addition3 --epochs 1"
  "dates --epochs 1"
  "phrasebook --epochs 2"
  "autoencoder-conditioned --epochs 1"
  "commands --epochs 1"
  "sines --epochs 1"
  "dates-bidirectional-decoder --epochs 1"
  "addition --epochs 3 --teacher-forcing 0.5"
  "addition3 --epochs 1 --optimizer rmsprop --teacher-forcing 0.7"
)
different=0
for index in "${!runs[@]}"; do
  read -r -a arguments <<<"${runs[$index]}"
  for side in old new; do
    binary=$old
    [ "$side" = new ] && binary=$new
    mkdir -p "$work/$side"
    "$binary" train --task "${arguments[@]}" --out "$work/$side/$index.safetensors" 2>/dev/null
  done
  for file in "$index.safetensors" "$index.history.json"; do
    if ! cmp -s "$work/old/$file" "$work/new/$file"; then
      echo "differs: train --task ${runs[$index]} ($file)"
      different=1
    fi
  done
done
[ "$different" = 0 ] && echo "same bytes: all ${#runs[@]} training runs"
exit "$different"
