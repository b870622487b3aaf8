// Runs the page's WebAssembly module outside a browser, for tests: reads requests as JSON
// lines on stdin ({"checkpoint": path, "input": text, "target": text|null, "view": 0|1|2,
// "prefix": text}, or with "drawing": a lesson figure's data-live-drawing and "prefix" its
// id) and writes one JSON line per request: {"status": n, "text": result}.
// Usage: node tools/wasm/run-live.mjs MODULE.wasm < requests.jsonl
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";

const module = await WebAssembly.instantiate(readFileSync(process.argv[2]), {});
const wasm = module.instance.exports;
const encoder = new TextEncoder(), decoder = new TextDecoder();

function withBytes(bytes, body) {
  const pointer = wasm.unrolled_allocate(bytes.length);
  new Uint8Array(wasm.memory.buffer, pointer, bytes.length).set(bytes);
  try { return body(pointer, bytes.length); } finally { wasm.unrolled_release(pointer); }
}
function resultText() {
  return decoder.decode(new Uint8Array(wasm.memory.buffer, wasm.unrolled_result_bytes(), wasm.unrolled_result_length()));
}
const slots = new Map();
function slotFor(path, domain) {
  if (!slots.has(path)) {
    const status = withBytes(readFileSync(path), (p, n) => wasm.unrolled_load_model(p, n));
    if (status !== 0) return { status, text: resultText() };
    slots.set(path, Number(resultText()));
  }
  if (domain) withBytes(encoder.encode(domain), (p, n) => wasm.unrolled_set_domain(slots.get(path), p, n));
  return { slot: slots.get(path) };
}
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const request = JSON.parse(line);
  const loaded = slotFor(request.checkpoint, request.domain);
  if (loaded.slot === undefined) { console.log(JSON.stringify(loaded)); continue; }
  const input = encoder.encode(request.input);
  const target = request.target == null ? null : encoder.encode(request.target);
  const prefix = encoder.encode(request.prefix || "");
  const status = withBytes(input, (ip, il) =>
    withBytes(target || new Uint8Array(0), (tp, tl) =>
      withBytes(prefix, (pp, pl) => request.drawing === undefined
        ? wasm.unrolled_trace(loaded.slot, ip, il, tp, target ? tl : -1, request.view || 0, pp, pl)
        : withBytes(encoder.encode(request.drawing), (dp, dl) =>
          wasm.unrolled_trace_figure(loaded.slot, ip, il, tp, target ? tl : -1, pp, pl, dp, dl)))));
  console.log(JSON.stringify({ status, text: resultText() }));
}
