// libFuzzer entry point for the checkpoint reader: any bytes must either be refused with a
// CheckpointError or read into a file that writes back and reads again unchanged; a file
// that reads as a model must then trace one token and print its summary, within its
// documented limits (ModelLimits). A crash, a trap, an AddressSanitizer report or a timeout
// is a bug.
//
// Build and run with Scripts/fuzz.sh (see docs/checkpoint-format.md, "Fuzzing the reader").
//
// With the fuzzer, SwiftPM compiles this file as a library and libFuzzer supplies `main`;
// a plain `swift build` links an executable that does nothing.

import Trace

/// Reads `count` bytes at `start` as a checkpoint and checks that what reads also round-trips.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCheckpoint(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: start, count: count))
  guard let file = try? SafeTensorsFile(bytes: bytes) else { return 0 }
  guard let written = try? file.serialized() else {
    fatalError("a file that reads must serialise")
  }
  guard let reread = try? SafeTensorsFile(bytes: written), reread == file else {
    fatalError("a serialised file must read back unchanged")
  }
  guard (try? reread.serialized()) == written else {
    fatalError("serialising must be deterministic")
  }
  guard let model = try? Seq2SeqModel(checkpoint: file) else { return 0 }
  _ = ModelSummary(model).table
  if let token = model.configuration.inputVocabulary.tokens.first {
    _ = (try? model.trace(input: token))?.textTable
  }
  return 0
}
