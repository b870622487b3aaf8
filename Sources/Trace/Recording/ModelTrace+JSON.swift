import Foundation

extension ModelTrace {
  /// The trace as JSON with sorted keys, so the same trace always gives the same bytes:
  /// ``jsonText(pretty:)``, the portable writer the page uses too.
  public func jsonData(pretty: Bool = false) -> Data {
    Data(jsonText(pretty: pretty).utf8)
  }

  /// Reads a trace, refusing another format or version with a message that says which.
  public init(jsonData data: Data) throws {
    struct Header: Decodable { var format: String?; var version: Int? }
    let header = try JSONDecoder().decode(Header.self, from: data)
    guard header.format == Self.formatName else {
      throw TraceFormatError(message: "not an unrolled trace (format is \(header.format.map { "'\($0)'" } ?? "missing"))")
    }
    guard header.version == Self.currentVersion else {
      throw TraceFormatError(
        message:
          "trace format version \(header.version.map(String.init) ?? "missing") is not supported; this unrolled reads version \(Self.currentVersion)"
      )
    }
    self = try JSONDecoder().decode(Self.self, from: data)
  }
}

/// A JSON document that is not a trace this version of unrolled can read.
public struct TraceFormatError: Error, CustomStringConvertible {
  /// What is wrong.
  public var message: String
  public var description: String { message }
}
