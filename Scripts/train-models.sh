#!/usr/bin/env bash
# Retrains every built-in model from its committed recipe (Sources/Trace/Training/
# BuiltInModel+Recipe.swift) and writes the checkpoints and histories into the package's
# resources. On the same machine the result is bit-identical to the committed files.
# Usage: Scripts/train-models.sh PATH/TO/unrolled [model ...]
set -euo pipefail
unrolled=${1:?usage: Scripts/train-models.sh PATH/TO/unrolled [model ...]}
shift
models=("$@")
[ ${#models[@]} -gt 0 ] || models=(addition addition3 addition3-reversed dates phrasebook autoencoder autoencoder-conditioned commands sines dates-bidirectional-decoder)
out="$(cd "$(dirname "$0")/.." && pwd)/Sources/Trace/Resources/Models"
mkdir -p "$out"
# Small matrices: one BLAS thread is faster than several and keeps runs reproducible.
export OPENBLAS_NUM_THREADS=1
for model in "${models[@]}"; do
  start=$(date +%s)
  "$unrolled" train --task "$model" --out "$out/$model.safetensors"
  echo "$model: $(( $(date +%s) - start )) s" >&2
done
