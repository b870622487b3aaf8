#!/usr/bin/env bash
# Builds the page's WebAssembly module from the project's own portable Swift (TraceCore,
# Markup, Figures, LiveTrace) as Embedded Swift, with the toolchain alone: no download.
#
# Usage: Scripts/build-wasm.sh OUT.wasm
#
# Each portable target is compiled as one Embedded Swift module (whole-module, -Osize), the
# C runtime (allocator, mem*) by the toolchain's clang, and wasm-ld links them with the
# toolchain's Unicode tables for String. The same sources give the same bytes: no
# timestamps, no paths in the module (wasm-ld writes no debug info with --strip-all).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: Scripts/build-wasm.sh OUT.wasm}

swiftc_path=$(command -v swiftc)
toolchain=$(cd "$(dirname "$swiftc_path")/.." && pwd)
bin="$toolchain/bin"
unicode="$toolchain/lib/swift/embedded/wasm32-unknown-none-wasm/libswiftUnicodeDataTables.a"
[ -f "$unicode" ] || { echo "build-wasm: no Embedded Swift for wasm32 in $toolchain ($unicode is missing)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
flags=(-target wasm32-unknown-none-wasm -enable-experimental-feature Embedded -wmo -Osize
  -parse-as-library -Xfrontend -disable-stack-protector -package-name unrolled -I "$work")

objects=()
for module in TraceCore Markup Figures LiveTrace; do
  mapfile -t sources < <(find "Sources/$module" -name '*.swift' | LC_ALL=C sort)
  "$bin/swiftc" "${flags[@]}" -module-name "$module" -emit-module -emit-module-path "$work/$module.swiftmodule" \
    -c "${sources[@]}" -o "$work/$module.o"
  objects+=("$work/$module.o")
done
"$bin/clang" --target=wasm32-unknown-unknown -nostdlib -Os -ffreestanding -fno-builtin \
  -c Sources/LiveTrace/WebAssembly/runtime.c -o "$work/runtime.o"

exports=(unrolled_allocate unrolled_release unrolled_load_model unrolled_set_domain unrolled_training_note
  unrolled_trace unrolled_trace_figure unrolled_result_bytes
  unrolled_result_length)
"$bin/wasm-ld" --no-entry --gc-sections --strip-all "${exports[@]/#/--export=}" \
  "${objects[@]}" "$work/runtime.o" "$unicode" -o "$work/unrolled.wasm"
mkdir -p "$(dirname "$out")"
mv "$work/unrolled.wasm" "$out"
