#!/usr/bin/env bash
# Training speed of unrolled against Keras 3 (JAX backend, CPU), runs interleaved
# (unrolled, Keras, unrolled, Keras...) so a change in the machine's load hits both.
# Prints the machine, then one table per shape with the medians (docs/performance.md).
#
#   bench/run.sh               # make bench
#   ROUNDS=5 bench/run.sh
#
# Builds the release products, and makes bench/.venv from bench/requirements.txt when it
# is missing or stale. Raw results: bench/last-run.jsonl.
set -euo pipefail
cd "$(dirname "$0")/.."

SWIFT=${SWIFT:-swift}
PYTHON=${PYTHON:-python3}
VENV=${BENCH_VENV:-bench/.venv}
ROUNDS=${ROUNDS:-3}
ADDITION_EPOCHS=${ADDITION_EPOCHS:-30}
SEQ2SEQ_SAMPLES=${SEQ2SEQ_SAMPLES:-640}
SEQ2SEQ_EPOCHS=${SEQ2SEQ_EPOCHS:-2}
PROCESS_EPOCHS=${PROCESS_EPOCHS:-50}

# The same flags as `make release`, so both products are built once, for this machine.
read -r -a release_flags <<<"$(Scripts/release-flags.sh)"
"$SWIFT" build -c release "${release_flags[@]}" --product bench-training >&2
"$SWIFT" build -c release "${release_flags[@]}" --product unrolled >&2
BIN=$("$SWIFT" build -c release --show-bin-path)

if [ ! -x "$VENV/bin/python" ] || ! cmp -s bench/requirements.txt "$VENV/.requirements"; then
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/pip" install -q -r bench/requirements.txt
  cp bench/requirements.txt "$VENV/.requirements"
fi
export KERAS_BACKEND=jax

results=bench/last-run.jsonl
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
: >"$results"

# Runs a command, discarding its output, and appends its wall-clock time as a result.
wall_clock() {
  local implementation=$1
  shift
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s%N)
  printf '{"implementation": "%s", "shape": "process", "seconds": %s}\n' \
    "$implementation" "$(awk "BEGIN { print ($end - $start) / 1e9 }")" >>"$results"
}

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "swift: $("$SWIFT" --version 2>/dev/null | head -1)"
echo "python: $("$VENV/bin/python" -c 'import sys, keras, jax, numpy; print(sys.version.split()[0], "keras", keras.__version__, "jax", jax.__version__, "numpy", numpy.__version__)')"
echo "OPENBLAS_NUM_THREADS: ${OPENBLAS_NUM_THREADS:-unset}"
echo "release flags: ${release_flags[*]:-none}"

for round in $(seq 1 "$ROUNDS"); do
  echo "round $round/$ROUNDS, load $(cut -d' ' -f1 /proc/loadavg)" >&2
  "$BIN/bench-training" --shape addition --epochs "$ADDITION_EPOCHS" >>"$results"
  "$VENV/bin/python" bench/keras_training.py --shape addition --epochs "$ADDITION_EPOCHS" >>"$results"
  "$BIN/bench-training" --shape lstm-seq2seq --samples "$SEQ2SEQ_SAMPLES" --epochs "$SEQ2SEQ_EPOCHS" >>"$results"
  "$VENV/bin/python" bench/keras_training.py --shape lstm-seq2seq --samples "$SEQ2SEQ_SAMPLES" --epochs "$SEQ2SEQ_EPOCHS" >>"$results"
  wall_clock unrolled "$BIN/unrolled" train --task addition --epochs "$PROCESS_EPOCHS" --out "$scratch/addition.safetensors"
  wall_clock keras "$VENV/bin/python" bench/keras_addition_tutorial.py --epochs "$PROCESS_EPOCHS" --out "$scratch/addition.weights.h5"
done

echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "addition: $ADDITION_EPOCHS epochs of 1000 samples; lstm-seq2seq: $SEQ2SEQ_EPOCHS epochs of $SEQ2SEQ_SAMPLES; process: train --task addition --epochs $PROCESS_EPOCHS"
"$VENV/bin/python" bench/table.py "$results"
