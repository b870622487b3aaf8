#!/bin/sh
# Runs the libFuzzer targets one after the other: the checkpoint reader (fuzz-checkpoint) and
# the lesson-set loader (fuzz-lessons). Not run in CI: it takes minutes and a whole core.
#
#   Scripts/fuzz.sh                 # both, FUZZ_SECONDS (default 240) each
#   Scripts/fuzz.sh fuzz-lessons    # one
#
# Each target is built with libFuzzer and AddressSanitizer into .build-fuzz (its own scratch
# path, so the ordinary build is not rebuilt), its corpus grows in .build-fuzz/corpus/NAME
# from the committed fixtures, and a crash, a leak, a timeout (over 10 s for one input) or
# an out-of-memory (over 2 GB) is saved as .build-fuzz/findings/NAME/crash-… (or timeout-…,
# oom-…). Findings and totals are written up in docs/checkpoint-format.md and docs/authoring.md.
set -eu

cd "$(dirname "$0")/.."
SECONDS_EACH=${FUZZ_SECONDS:-240}
SCRATCH=.build-fuzz
TARGETS=${*:-fuzz-checkpoint fuzz-lessons}

for target in $TARGETS; do
  case "$target" in
    fuzz-checkpoint) seeds="Tests/TraceTests/Fixtures/checkpoints Tests/TraceTests/Fixtures/keras"; max_len=8192 ;;
    fuzz-lessons) seeds="Sources/Lessons/Resources/Curriculum Tests/LessonsTests/Fixtures/course"; max_len=16384 ;;
    *) echo "unknown fuzz target '$target'; the targets are fuzz-checkpoint and fuzz-lessons" >&2; exit 2 ;;
  esac
  # The extra -Xswiftc: the driver otherwise passes only one of the two sanitizers to the
  # compiler (then the code is not instrumented for coverage, or not for ASan).
  swift build --product "$target" --sanitize fuzzer --sanitize address \
    -Xswiftc -sanitize=fuzzer,address --scratch-path "$SCRATCH"
  corpus="$SCRATCH/corpus/$target"
  findings="$SCRATCH/findings/$target"
  mkdir -p "$corpus" "$findings"
  for folder in $seeds; do
    find "$folder" -maxdepth 1 -type f \( -name '*.safetensors' -o -name '*.md' -o -name '*.yml' \) \
      -exec cp {} "$corpus/" \;
  done
  echo "fuzzing $target for $SECONDS_EACH s" >&2
  # -jobs=1 runs the fuzzer in a child that logs to fuzz-0.log in the current folder.
  SWIFT_BACKTRACE=enable=no "$SCRATCH/debug/$target" -max_total_time="$SECONDS_EACH" \
    -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 -jobs=1 \
    -artifact_prefix="$findings/" -print_final_stats=1 "$corpus" || true
  if [ -f fuzz-0.log ]; then
    mv fuzz-0.log "$findings/last-run.log"
    tail -n 12 "$findings/last-run.log" >&2
  fi
done
