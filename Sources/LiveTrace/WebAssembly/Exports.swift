// The page's WebAssembly module: LiveSession behind a few C functions that live.js calls.
// Built by Scripts/build-wasm.sh as Embedded Swift (not by SwiftPM). Strings cross as UTF-8
// bytes in the module's memory: the page writes them into blocks it gets from
// `unrolled_allocate`, and reads a result from `unrolled_result_bytes` and
// `unrolled_result_length`.
//
// Status codes: 0 done; 1 the input was refused (the result is the CLI's message); 2 the
// checkpoint was refused (the result says why); 3 no such model slot or view.

import Figures
import Markup
import TraceCore

/// The models loaded so far, by slot.
nonisolated(unsafe) private var sessions: [LiveSession] = []
/// The last result's UTF-8 bytes.
nonisolated(unsafe) private var result: [UInt8] = []

private func setResult(_ text: String) {
  result = Array(text.utf8)
}

private func text(_ bytes: UnsafePointer<UInt8>?, _ count: Int32) -> String {
  guard let bytes, count > 0 else { return "" }
  return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(count)), as: UTF8.self)
}

/// A block of `count` bytes the page may write into (freed with `unrolled_release`).
@_expose(wasm, "unrolled_allocate")
@_cdecl("unrolled_allocate")
public func unrolledAllocate(_ count: Int32) -> UnsafeMutableRawPointer? {
  UnsafeMutableRawPointer.allocate(byteCount: Int(max(count, 1)), alignment: 16)
}

/// Frees a block from `unrolled_allocate`.
@_expose(wasm, "unrolled_release")
@_cdecl("unrolled_release")
public func unrolledRelease(_ block: UnsafeMutableRawPointer?) {
  block?.deallocate()
}

/// Reads a checkpoint's `count` bytes; the status, and the model's slot in the result.
@_expose(wasm, "unrolled_load_model")
@_cdecl("unrolled_load_model")
public func unrolledLoadModel(_ bytes: UnsafePointer<UInt8>?, _ count: Int32) -> Int32 {
  guard let bytes, count > 0 else {
    setResult("the checkpoint is empty")
    return 2
  }
  do {
    let session = try LiveSession(checkpoint: Array(UnsafeBufferPointer(start: bytes, count: Int(count))))
    sessions.append(session)
    setResult(String(sessions.count - 1))
    return 0
  } catch {
    setResult(error.description)
    return 2
  }
}

/// Traces an input through the model in `slot` and draws `view` of it: 0 the trace's JSON,
/// 1 a model page's example figures (ids from `prefix`), 2 a trace page's article, 3 a
/// walkthrough deck's slides (`prefix` is then the worked unit's number). A
/// negative `targetCount` means no target.
@_expose(wasm, "unrolled_trace")
@_cdecl("unrolled_trace")
public func unrolledTrace(
  _ slot: Int32, _ input: UnsafePointer<UInt8>?, _ inputCount: Int32, _ target: UnsafePointer<UInt8>?,
  _ targetCount: Int32, _ view: Int32, _ prefix: UnsafePointer<UInt8>?, _ prefixCount: Int32
) -> Int32 {
  guard slot >= 0, Int(slot) < sessions.count else {
    setResult("no model in slot \(slot)")
    return 3
  }
  let shown: LiveSession.View
  switch view {
  case 0: shown = .json
  case 1: shown = .modelExample(prefix: text(prefix, prefixCount))
  case 2: shown = .tracePage
  case 3: shown = .walkthrough(unit: Int(text(prefix, prefixCount)) ?? 0)
  default:
    setResult("no view \(view)")
    return 3
  }
  do {
    let trace = try sessions[Int(slot)].trace(
      input: text(input, inputCount), target: targetCount < 0 ? nil : text(target, targetCount))
    setResult(sessions[Int(slot)].render(trace, as: shown))
    return 0
  } catch {
    setResult(error.description)
    return 1
  }
}

/// Traces an input and draws a lesson's trace figure for it: `drawing` is the figure's
/// ``TraceFigureDrawing/encoded`` text (the page's `data-live-drawing`), `id` its element id.
@_expose(wasm, "unrolled_trace_figure")
@_cdecl("unrolled_trace_figure")
public func unrolledTraceFigure(
  _ slot: Int32, _ input: UnsafePointer<UInt8>?, _ inputCount: Int32, _ target: UnsafePointer<UInt8>?,
  _ targetCount: Int32, _ id: UnsafePointer<UInt8>?, _ idCount: Int32, _ drawing: UnsafePointer<UInt8>?,
  _ drawingCount: Int32
) -> Int32 {
  guard slot >= 0, Int(slot) < sessions.count else {
    setResult("no model in slot \(slot)")
    return 3
  }
  guard let figure = TraceFigureDrawing(encoded: text(drawing, drawingCount)) else {
    setResult("not a figure drawing: \(text(drawing, drawingCount))")
    return 3
  }
  do {
    let trace = try sessions[Int(slot)].trace(
      input: text(input, inputCount), target: targetCount < 0 ? nil : text(target, targetCount))
    setResult(sessions[Int(slot)].render(trace, as: .lessonFigure(id: text(id, idCount), drawing: figure)))
    return 0
  } catch {
    setResult(error.description)
    return 1
  }
}

/// Tells the model in `slot` what it was trained on (``TraceCore/TrainingDomain/text``);
/// 0 when read, 3 when not.
@_expose(wasm, "unrolled_set_domain")
@_cdecl("unrolled_set_domain")
public func unrolledSetDomain(_ slot: Int32, _ domain: UnsafePointer<UInt8>?, _ count: Int32) -> Int32 {
  guard slot >= 0, Int(slot) < sessions.count, let read = TrainingDomain(text: text(domain, count)) else {
    setResult("not a model slot and training domain")
    return 3
  }
  sessions[Int(slot)].domain = read
  setResult("")
  return 0
}

/// The note on `input` when it lies outside the training data of the model in `slot` (the
/// CLI's `note:` line without `note: `); an empty result when it does not.
@_expose(wasm, "unrolled_training_note")
@_cdecl("unrolled_training_note")
public func unrolledTrainingNote(_ slot: Int32, _ input: UnsafePointer<UInt8>?, _ inputCount: Int32) -> Int32 {
  guard slot >= 0, Int(slot) < sessions.count else {
    setResult("no model in slot \(slot)")
    return 3
  }
  setResult(sessions[Int(slot)].note(for: text(input, inputCount)) ?? "")
  return 0
}

/// Where the last result's bytes are.
@_expose(wasm, "unrolled_result_bytes")
@_cdecl("unrolled_result_bytes")
public func unrolledResultBytes() -> UnsafePointer<UInt8>? {
  result.withUnsafeBufferPointer { $0.baseAddress }
}

/// How many bytes the last result has.
@_expose(wasm, "unrolled_result_length")
@_cdecl("unrolled_result_length")
public func unrolledResultLength() -> Int32 {
  Int32(result.count)
}
