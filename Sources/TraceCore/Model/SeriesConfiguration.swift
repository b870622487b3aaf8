// A model whose input and output are numbers rather than tokens: Keras's classic
// forecaster, LSTM encoder → RepeatVector(k) → LSTM decoder → TimeDistributed(Dense(F,
// linear)), trained with mean squared error. The configuration's vocabularies then name
// the F values read and written per step (one for a single series), so every size the
// token models derive from a vocabulary (the encoder's input, the Dense layer's output)
// is the number of values per step.

/// What makes a model read and write real values: how those values are written as text.
///
/// A series model's input is a comma-separated list of numbers, `n × F` of them (`n`
/// steps of `F` values, step by step), and it writes `k × F` numbers back.
/// ```
/// SeriesConfiguration(decimals: 3).text(of: [0.25, -1])  // "0.250,-1.000"
/// ```
public struct SeriesConfiguration: Equatable, Sendable {
  /// Digits after the point when a value is written as text (the forecast in a trace).
  public var decimals: Int

  /// A series configuration writing values with `decimals` digits after the point.
  public init(decimals: Int = 3) {
    self.decimals = decimals
  }

  /// `values` written as comma-separated numbers with ``decimals`` digits after the point.
  public func text(of values: [Float]) -> String {
    values.map { text(of: $0) }.joined(separator: ",")
  }

  /// One value with ``decimals`` digits after the point (`-0.000` is written `0.000`).
  public func text(of value: Float) -> String {
    let written = DecimalText.fixed(Double(value), decimals: decimals)
    // Negative zero, or a negative value that rounds to zero: every digit is 0.
    return written.hasPrefix("-") && written.dropFirst().allSatisfy({ $0 == "0" || $0 == "." })
      ? String(written.dropFirst()) : written
  }

  /// The numbers of a comma-separated list; throws naming the first piece that is not a
  /// finite number.
  ///
  /// ```
  /// try SeriesConfiguration.values(of: "0.1, -2,3e-1")  // [0.1, -2, 0.3]
  /// ```
  public static func values(of text: String) throws(SeriesTextError) -> [Float] {
    let pieces = text.split(separator: ",", omittingEmptySubsequences: false).map { piece in
      String(piece.drop(while: { $0.isSpaceOrTab }).reversed().drop(while: { $0.isSpaceOrTab }).reversed())
    }
    if pieces.count == 1 && pieces[0].isEmpty { return [] }
    var values: [Float] = []
    for (index, piece) in pieces.enumerated() {
      guard let value = DecimalText.float(Substring(piece)), value.isFinite else {
        throw SeriesTextError(piece: piece, position: index + 1)
      }
      values.append(value)
    }
    return values
  }
}

/// A piece of a comma-separated list that is not a finite number.
public struct SeriesTextError: Error, Equatable, CustomStringConvertible {
  /// The piece as written (trimmed of spaces).
  public var piece: String
  /// Its place in the list, from 1.
  public var position: Int

  public var description: String {
    piece.isEmpty
      ? "value \(position) is empty: write numbers separated by commas, like 0.1,0.4,-0.2"
      : "value \(position), '\(piece)', is not a number: write numbers separated by commas, like 0.1,0.4,-0.2"
  }
}

#if !hasFeature(Embedded)
  extension SeriesConfiguration: Codable {}
#endif

extension Character {
  /// A space or a tab: what `CharacterSet.whitespaces` trims around a list's numbers.
  fileprivate var isSpaceOrTab: Bool { self == " " || self == "\t" }
}
