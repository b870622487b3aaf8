// Reading a safetensors file from disk; the checks are SafeTensorsFile+Reading's, over its bytes.

import Foundation

extension SafeTensorsFile {
  /// Reads and checks the safetensors file at `url`.
  ///
  /// Errors name the file as `url.relativePath` (the path as the caller gave it).
  public init(contentsOf url: URL) throws(CheckpointError) {
    let file = url.relativePath
    do {
      let bytes = try CheckpointFileSystem.readBytes(atPath: url.path)
      try self.init(bytes: bytes)
    } catch {
      throw error.inFile(file)
    }
  }
}
