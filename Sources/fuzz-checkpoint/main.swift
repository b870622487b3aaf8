// libFuzzer entry point for the checkpoint reader: any bytes must either be refused with a
// CheckpointError or read into a file that writes back and reads again unchanged.
// A crash, a trap or an AddressSanitizer report is a bug.
//
// Build and run (see docs/checkpoint-format.md):
//
//   swift build --product fuzz-checkpoint --sanitize fuzzer --sanitize address \
//     -Xswiftc -sanitize=fuzzer,address --scratch-path .build-fuzz
//   SWIFT_BACKTRACE=enable=no .build-fuzz/debug/fuzz-checkpoint -max_total_time=60 CORPUS_DIR
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
  return 0
}
