// Reading a safetensors file, checking everything the header claims before touching the
// data: the header length, the JSON, every tensor entry, that the tensors tile the data
// exactly, and that every weight is finite. Nothing here traps on bad input.

extension SafeTensorsFile {
  /// Reads and checks the bytes of a safetensors file.
  ///
  /// Throws a ``CheckpointError`` with no file name; see ``CheckpointError/Problem`` for
  /// what is checked.
  public init(bytes: [UInt8]) throws(CheckpointError) {
    let result = bytes.withUnsafeBytes { raw in
      Result { () throws(CheckpointError) in try Self.parse(raw) }
    }
    self = try result.get()
  }
}

/// One tensor entry of the header, checked on its own but not yet against the others.
private struct TensorEntry {
  var name: String
  var shape: [Int]
  var begin: Int
  var end: Int
}

extension SafeTensorsFile {
  fileprivate static func parse(
    _ raw: UnsafeRawBufferPointer
  ) throws(CheckpointError) -> SafeTensorsFile {
    let lengthSize = MemoryLayout<UInt64>.size
    guard raw.count >= lengthSize else {
      throw CheckpointError(.tooShortForHeaderLength(byteCount: raw.count))
    }
    let headerLength = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
    guard headerLength <= headerLengthLimit else {
      throw CheckpointError(.headerLengthAbsurd(headerLength: headerLength))
    }
    let bytesAfterLength = raw.count - lengthSize
    guard headerLength <= UInt64(bytesAfterLength) else {
      throw CheckpointError(
        .headerPastEnd(headerLength: headerLength, bytesAfterLength: bytesAfterLength))
    }
    let dataStart = lengthSize + Int(headerLength)
    let header = UnsafeRawBufferPointer(rebasing: raw[lengthSize..<dataStart])
    let (entries, metadata) = try parseHeader(header)

    let dataByteCount = raw.count - dataStart
    try checkTiling(entries, dataByteCount: dataByteCount)

    var tensors: [String: NamedTensor] = [:]
    tensors.reserveCapacity(entries.count)
    for entry in entries {
      let values = decodeFloats(raw, from: dataStart + entry.begin, to: dataStart + entry.end)
      if let element = values.firstIndex(where: { !$0.isFinite }),
        let kind = CheckpointError.NonFiniteValue(values[element])
      {
        throw CheckpointError(.notFinite(tensor: entry.name, value: kind, element: element))
      }
      tensors[entry.name] = NamedTensor(shape: entry.shape, values: values)
    }
    return SafeTensorsFile(tensors: tensors, metadata: metadata)
  }

  /// The tensor entries, sorted by name, and the metadata of a header.
  private static func parseHeader(
    _ header: UnsafeRawBufferPointer
  ) throws(CheckpointError) -> ([TensorEntry], [String: String]) {
    guard String(validating: header, as: UTF8.self) != nil else {
      throw CheckpointError(.headerNotUTF8)
    }
    // The reference implementation requires the object to start at the first byte.
    guard header.first == UInt8(ascii: "{") else {
      throw CheckpointError(.headerNotJSON(reason: "it does not start with \"{\""))
    }
    let object: JSONValue
    do {
      object = try JSONValue(parsing: Array(header))
    } catch {
      throw CheckpointError(.headerNotJSON(reason: error.description))
    }
    guard case .object(let fields) = object else {
      throw CheckpointError(
        .headerNotJSON(reason: "the top level is \(object.summary), not an object"))
    }

    var metadata: [String: String] = [:]
    var entries: [TensorEntry] = []
    for name in fields.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
      guard let value = fields[name] else { continue }
      if name == metadataKey {
        metadata = try parseMetadata(value)
      } else {
        entries.append(try parseEntry(named: name, value))
      }
    }
    return (entries, metadata)
  }

  private static func parseMetadata(_ value: JSONValue) throws(CheckpointError) -> [String: String] {
    guard case .object(let object) = value else {
      throw CheckpointError(.metadataMalformed(reason: "it is \(value.summary), not an object"))
    }
    var metadata: [String: String] = [:]
    for key in object.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
      guard let item = object[key], case .string(let text) = item else {
        throw CheckpointError(
          .metadataMalformed(
            reason: "the value of \(key.debugDescription) is \((object[key] ?? .null).summary), "
              + "not a string"))
      }
      metadata[key] = text
    }
    return metadata
  }

  private static func parseEntry(
    named name: String, _ value: JSONValue
  ) throws(CheckpointError) -> TensorEntry {
    func malformed(_ reason: String) -> CheckpointError {
      CheckpointError(.tensorEntryMalformed(tensor: name, reason: reason))
    }
    guard case .object(let fields) = value else {
      throw malformed("its entry is \(value.summary), not an object")
    }
    guard let dtypeValue = fields["dtype"] else { throw malformed("it has no dtype") }
    guard case .string(let dtype) = dtypeValue else {
      throw malformed("its dtype is \(dtypeValue.summary), not a string")
    }
    guard let shapeValue = fields["shape"] else { throw malformed("it has no shape") }
    let shape = try wholeNumbers(shapeValue, field: "shape", malformed)
    guard let offsetsValue = fields["data_offsets"] else {
      throw malformed("it has no data_offsets")
    }
    let offsets = try wholeNumbers(offsetsValue, field: "data_offsets", malformed)
    guard offsets.count == 2 else {
      throw malformed("its data_offsets hold \(offsets.count) numbers, not [begin, end]")
    }
    let (begin, end) = (offsets[0], offsets[1])
    guard begin <= end else {
      throw malformed("its data_offsets [\(begin), \(end)] end before they begin")
    }
    guard dtype == float32Dtype else {
      throw CheckpointError(.unsupportedDtype(tensor: name, dtype: dtype))
    }
    guard let byteCount = NamedTensor.byteCount(shape: shape) else {
      throw malformed("its shape \(shape) holds more elements than fit in memory")
    }
    guard end - begin == byteCount else {
      throw CheckpointError(
        .offsetsDoNotMatchShape(tensor: name, shape: shape, byteCount: end - begin))
    }
    return TensorEntry(name: name, shape: shape, begin: begin, end: end)
  }

  /// A JSON array of whole numbers from 0 to `Int.max`.
  private static func wholeNumbers(
    _ value: JSONValue, field: String,
    _ malformed: (String) -> CheckpointError
  ) throws(CheckpointError) -> [Int] {
    guard case .array(let items) = value else {
      throw malformed("its \(field) is \(value.summary), not an array")
    }
    var numbers: [Int] = []
    numbers.reserveCapacity(items.count)
    for item in items {
      guard let number = item.wholeNumber else {
        throw malformed(
          "its \(field) holds \(item.summary), not a whole number from 0 to \(Int.max)")
      }
      numbers.append(number)
    }
    return numbers
  }

  /// Checks that the tensors tile the data exactly: from byte 0, no overlap, no gap,
  /// nothing past the end and nothing left over.
  private static func checkTiling(
    _ entries: [TensorEntry], dataByteCount: Int
  ) throws(CheckpointError) {
    let byOffset = entries.sorted {
      ($0.begin, $0.end) != ($1.begin, $1.end)
        ? ($0.begin, $0.end) < ($1.begin, $1.end)
        : $0.name.utf8.lexicographicallyPrecedes($1.name.utf8)
    }
    var covered = 0
    var previous: TensorEntry?
    for entry in byOffset {
      if entry.begin < covered, let previous {
        throw CheckpointError(.tensorsOverlap(tensor: previous.name, otherTensor: entry.name))
      }
      if entry.begin > covered {
        throw CheckpointError(
          .gapBeforeTensor(tensor: entry.name, byteCount: entry.begin - covered))
      }
      if entry.end > dataByteCount {
        throw CheckpointError(
          .tensorPastEnd(tensor: entry.name, end: entry.end, dataByteCount: dataByteCount))
      }
      covered = entry.end
      previous = entry
    }
    if covered < dataByteCount {
      throw CheckpointError(.trailingBytes(byteCount: dataByteCount - covered))
    }
  }

  /// The little-endian float32 values in `raw[begin..<end]`; the range is in bounds.
  private static func decodeFloats(
    _ raw: UnsafeRawBufferPointer, from begin: Int, to end: Int
  ) -> [Float] {
    let count = (end - begin) / MemoryLayout<Float>.size
    return [Float](unsafeUninitializedCapacity: count) { buffer, initializedCount in
      for index in 0..<count {
        let offset = begin + index * MemoryLayout<Float>.size
        let bits = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
        buffer[index] = Float(bitPattern: bits)
      }
      initializedCount = count
    }
  }
}
