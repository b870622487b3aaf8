#!/usr/bin/env bash
# Prints the extra `swift build -c release` flags for this machine: on an x86-64 Linux
# processor with AVX2 and FMA (Intel Haswell, AMD Zen and later), `-target-cpu haswell`,
# so the element-wise loops (activations, Adam, the backward step's SIMD8 lanes) run eight
# floats per instruction instead of four; elsewhere nothing. The trained weights are the
# same bits either way: Swift does not fuse a multiply and an add unless asked, and every
# other operation is IEEE-exact at any vector width (docs/performance.md).
set -euo pipefail
[ "$(uname -s)" = Linux ] && [ "$(uname -m)" = x86_64 ] && [ -r /proc/cpuinfo ] || exit 0
flags=" $(grep -m1 '^flags' /proc/cpuinfo | cut -d: -f2) "
for feature in avx avx2 fma bmi1 bmi2 movbe f16c abm popcnt sse4_2; do
  [[ $flags == *" $feature "* ]] || exit 0
done
echo "-Xswiftc -target-cpu -Xswiftc haswell"
