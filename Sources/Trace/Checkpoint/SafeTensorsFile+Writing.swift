// Writing a safetensors file with deterministic bytes: the same content always gives the
// same file. Tensors are sorted and packed by name; the header is compact JSON with
// `__metadata__` first (as the reference implementation writes it) and sorted keys,
// padded with spaces to a multiple of 8 bytes so that the data starts 8-byte aligned.

import Foundation

extension SafeTensorsFile {
  /// The bytes of the safetensors file.
  ///
  /// Refuses what could not be read back: a tensor whose values do not fill its shape,
  /// a negative dimension, a tensor called `__metadata__`, a NaN or infinite value.
  ///
  /// ```
  /// [N: UInt64 little-endian][N bytes of JSON header + spaces][float32 little-endian data]
  /// ```
  public func serialized() throws(CheckpointError) -> [UInt8] {
    let names = tensors.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    var entries: [(name: String, tensor: NamedTensor)] = []
    entries.reserveCapacity(names.count)
    for name in names {
      guard let tensor = tensors[name] else { continue }
      try Self.checkWritable(tensor, named: name)
      entries.append((name, tensor))
    }

    var header = Array("{".utf8)
    var members: [[UInt8]] = []
    if !metadata.isEmpty {
      let keys = metadata.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
      let pairs = keys.map { key in
        Self.jsonString(key) + Array(":".utf8) + Self.jsonString(metadata[key] ?? "")
      }
      members.append(
        Self.jsonString(Self.metadataKey) + Array(":{".utf8)
          + Array(pairs.joined(separator: Array(",".utf8))) + Array("}".utf8))
    }
    var offset = 0
    for (name, tensor) in entries {
      let end = offset + tensor.values.count * MemoryLayout<Float>.size
      let shape = tensor.shape.map(String.init).joined(separator: ",")
      members.append(
        Self.jsonString(name)
          + Array(":{\"dtype\":\"\(Self.float32Dtype)\",\"shape\":[\(shape)],".utf8)
          + Array("\"data_offsets\":[\(offset),\(end)]}".utf8))
      offset = end
    }
    header += Array(members.joined(separator: Array(",".utf8)))
    header += Array("}".utf8)
    let padding = (8 - header.count % 8) % 8
    header += [UInt8](repeating: UInt8(ascii: " "), count: padding)

    let lengthSize = MemoryLayout<UInt64>.size
    let dataStart = lengthSize + header.count
    let total = dataStart + offset
    return [UInt8](unsafeUninitializedCapacity: total) { buffer, initializedCount in
      let raw = UnsafeMutableRawBufferPointer(buffer)
      raw.storeBytes(of: UInt64(header.count).littleEndian, toByteOffset: 0, as: UInt64.self)
      header.withUnsafeBytes { headerBytes in
        UnsafeMutableRawBufferPointer(rebasing: raw[lengthSize..<dataStart])
          .copyMemory(from: headerBytes)
      }
      var position = dataStart
      for (_, tensor) in entries {
        for value in tensor.values {
          raw.storeBytes(of: value.bitPattern.littleEndian, toByteOffset: position, as: UInt32.self)
          position += MemoryLayout<Float>.size
        }
      }
      initializedCount = total
    }
  }

  /// Writes the file atomically: to a temporary file beside `url`, flushed to disk, then
  /// renamed over `url`.
  ///
  /// On any failure `url` is left as it was (absent, or the old file) and the temporary
  /// file is removed; the error names `url.relativePath`.
  public func write(to url: URL) throws(CheckpointError) {
    let file = url.relativePath
    do {
      let bytes = try serialized()
      try CheckpointFileSystem.replaceAtomically(path: url.path, with: bytes)
    } catch {
      throw error.inFile(file)
    }
  }
}

extension SafeTensorsFile {
  private static func checkWritable(
    _ tensor: NamedTensor, named name: String
  ) throws(CheckpointError) {
    func malformed(_ reason: String) -> CheckpointError {
      CheckpointError(.tensorEntryMalformed(tensor: name, reason: reason))
    }
    guard name != metadataKey else {
      throw malformed("the name \(metadataKey) is reserved for the metadata")
    }
    guard tensor.shape.allSatisfy({ $0 >= 0 }) else {
      throw malformed("its shape \(tensor.shape) has a negative dimension")
    }
    guard let count = NamedTensor.elementCount(shape: tensor.shape) else {
      throw malformed("its shape \(tensor.shape) holds more elements than fit in memory")
    }
    guard tensor.values.count == count else {
      throw malformed("\(tensor.values.count) values do not fill its shape \(tensor.shape)")
    }
    if let element = tensor.values.firstIndex(where: { !$0.isFinite }),
      let kind = CheckpointError.NonFiniteValue(tensor.values[element])
    {
      throw CheckpointError(.notFinite(tensor: name, value: kind, element: element))
    }
  }

  /// `text` as a JSON string, escaped the way serde_json (the reference) escapes it:
  /// `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, other control characters as `\u00xx`,
  /// everything else as raw UTF-8.
  private static func jsonString(_ text: String) -> [UInt8] {
    let hexDigits = Array("0123456789abcdef".utf8)
    var bytes: [UInt8] = [UInt8(ascii: "\"")]
    bytes.reserveCapacity(text.utf8.count + 2)
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "\""): bytes += Array(#"\""#.utf8)
      case UInt8(ascii: "\\"): bytes += Array(#"\\"#.utf8)
      case 0x08: bytes += Array(#"\b"#.utf8)
      case 0x0C: bytes += Array(#"\f"#.utf8)
      case UInt8(ascii: "\n"): bytes += Array(#"\n"#.utf8)
      case UInt8(ascii: "\r"): bytes += Array(#"\r"#.utf8)
      case UInt8(ascii: "\t"): bytes += Array(#"\t"#.utf8)
      case 0..<0x20:
        bytes += Array(#"\u00"#.utf8)
        bytes.append(hexDigits[Int(byte >> 4)])
        bytes.append(hexDigits[Int(byte & 0x0F)])
      default:
        bytes.append(byte)
      }
    }
    bytes.append(UInt8(ascii: "\""))
    return bytes
  }
}
