/// Parses the text of an inline-code fact (`=addition.parameters`) into its parts.
///
/// Offsets are in Unicode scalars from the start of the text (the `=`), so a caller can add
/// them to the code span's column.
struct FactParser {
  /// A parsed fact before it is checked against the model catalog.
  struct Parsed {
    var model: String
    var modelOffset: Int
    var input: String?
    var inputOffset: Int
    var target: String?
    var targetOffset: Int
    var path: FactPath
    /// Offsets and steps of encoder/unit indexes, to check them against the input and model.
    var encoderStep: (step: Int, offset: Int)?
    var unit: (unit: Int, offset: Int)?
  }

  struct Failure: Error {
    var offset: Int
    var message: String
  }

  private let scalars: [Unicode.Scalar]
  private var position = 0

  init(_ text: String) {
    scalars = Array(text.unicodeScalars)
  }

  static let modelFacts = "parameters, accuracy, epochs, units"
  static let traceFacts = "encoder[i], decoder[i], output, firstDivergence, distinctDecoderInputs"
  static let quantities = FactPath.StateQuantity.allCases.map(\.rawValue).joined(separator: ", ")

  mutating func parse() throws(Failure) -> Parsed {
    try expect("=", "a fact starts with `=`")
    var parsed = Parsed(
      model: "", modelOffset: 0, input: nil, inputOffset: 0, target: nil, targetOffset: 0,
      path: .epochs)
    let members: [Member]
    if lookingAt("trace(") {
      position += 6
      skipSpaces()
      parsed.modelOffset = position
      parsed.model = try parseModel()
      skipSpaces()
      try expect(",", "write the input after the model, as in `=trace(addition, \" 2+10\").output`")
      skipSpaces()
      parsed.inputOffset = position
      parsed.input = try parseString(what: "the input")
      skipSpaces()
      if current == "," {
        position += 1
        skipSpaces()
        parsed.targetOffset = position
        parsed.target = try parseString(what: "the target")
        skipSpaces()
      }
      try expect(")", "close `trace(` with `)` after the input (and optional target)")
      members = try parseMembers()
      parsed.path = try interpretTrace(members, into: &parsed)
    } else {
      parsed.modelOffset = position
      parsed.model = try parseModel()
      members = try parseMembers()
      parsed.path = try interpretModel(members)
    }
    return parsed
  }
}

extension FactParser {
  fileprivate struct Member {
    var name: String
    var index: Int?
    var offset: Int
  }

  fileprivate var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

  fileprivate func lookingAt(_ text: String) -> Bool {
    let expected = Array(text.unicodeScalars)
    return position + expected.count <= scalars.count
      && Array(scalars[position..<position + expected.count]) == expected
  }

  fileprivate mutating func skipSpaces() {
    while current == " " { position += 1 }
  }

  fileprivate mutating func expect(_ scalar: Unicode.Scalar, _ hint: String) throws(Failure) {
    guard current == scalar else {
      throw Failure(offset: position, message: "expected `\(scalar)` in fact: \(hint)")
    }
    position += 1
  }

  fileprivate static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
    scalar.isASCII
      && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-"
        || scalar == "_")
  }

  fileprivate mutating func parseName() -> String {
    var name = ""
    while let scalar = current, Self.isNameScalar(scalar) {
      name.unicodeScalars.append(scalar)
      position += 1
    }
    return name
  }

  fileprivate mutating func parseModel() throws(Failure) -> String {
    if current == "\"" { return try parseString(what: "the model path") }
    let name = parseName()
    guard !name.isEmpty else {
      throw Failure(
        offset: position, message: "expected a model name in fact, as in `=addition.parameters`")
    }
    return name
  }

  fileprivate mutating func parseString(what: String) throws(Failure) -> String {
    let start = position
    guard current == "\"" else {
      throw Failure(
        offset: position, message: "expected \(what) in double quotes in fact, as in `\" 2+10\"`")
    }
    position += 1
    var text = ""
    while let scalar = current, scalar != "\"" {
      if scalar == "\\" {
        position += 1
        guard let escaped = current, escaped == "\"" || escaped == "\\" else {
          throw Failure(
            offset: position - 1, message: "in a fact string only `\\\"` and `\\\\` are escapes")
        }
        text.unicodeScalars.append(escaped)
      } else {
        text.unicodeScalars.append(scalar)
      }
      position += 1
    }
    guard current == "\"" else {
      throw Failure(offset: start, message: "\(what) is missing its closing `\"`")
    }
    position += 1
    return text
  }

  fileprivate mutating func parseMembers() throws(Failure) -> [Member] {
    var members: [Member] = []
    while current != nil {
      try expect(
        ".", "separate the parts of a fact with `.`, as in `=addition.accuracy.exactMatch`")
      let offset = position
      let name = parseName()
      guard !name.isEmpty else {
        throw Failure(offset: offset, message: "expected a name after `.` in fact")
      }
      var index: Int?
      if current == "[" {
        position += 1
        let digitsStart = position
        var digits = ""
        while let scalar = current, ("0"..."9").contains(scalar) {
          digits.unicodeScalars.append(scalar)
          position += 1
        }
        guard let number = Int(digits) else {
          throw Failure(
            offset: digitsStart, message: "expected a step or unit number (from 0) inside `[]`")
        }
        try expect("]", "close the index with `]`")
        index = number
      }
      members.append(Member(name: name, index: index, offset: offset))
    }
    return members
  }

  fileprivate func failure(_ member: Member, _ message: String) -> Failure {
    Failure(offset: member.offset, message: message)
  }

  fileprivate func noIndex(_ member: Member) throws(Failure) {
    if member.index != nil { throw failure(member, "`\(member.name)` takes no `[…]`") }
  }

  fileprivate func end(_ members: ArraySlice<Member>) throws(Failure) {
    if let extra = members.first {
      throw failure(extra, "unexpected `.\(extra.name)` at the end of the fact")
    }
  }

  fileprivate func interpretModel(_ members: [Member]) throws(Failure) -> FactPath {
    guard let first = members.first else {
      throw Failure(
        offset: position, message: "say which fact about the model, one of: \(Self.modelFacts)")
    }
    try noIndex(first)
    let rest = members.dropFirst()
    switch first.name {
    case "parameters":
      guard let part = rest.first else { return .parameterCount(nil) }
      try noIndex(part)
      guard let modelPart = FactPath.ModelPart(rawValue: part.name) else {
        throw failure(
          part, "unknown part `\(part.name)`; parameters are counted for: encoder, decoder, output")
      }
      try end(rest.dropFirst())
      return .parameterCount(modelPart)
    case "accuracy":
      let measures = FactPath.AccuracyMeasure.allCases.map(\.rawValue).joined(separator: ", ")
      guard let measure = rest.first else {
        throw Failure(offset: position, message: "say which accuracy, one of: \(measures)")
      }
      try noIndex(measure)
      guard let accuracy = FactPath.AccuracyMeasure(rawValue: measure.name) else {
        throw failure(measure, "unknown accuracy `\(measure.name)`; one of: \(measures)")
      }
      try end(rest.dropFirst())
      return .accuracy(accuracy)
    case "epochs":
      try end(rest)
      return .epochs
    case "units":
      try end(rest)
      return .units
    case "encoder", "decoder", "output", "firstDivergence", "teacherForced", "freeRunning", "distinctDecoderInputs":
      throw failure(
        first,
        "`\(first.name)` is a fact about a trace; write `=trace(model, \"input\").\(first.name)…`")
    default:
      throw failure(first, "unknown model fact `\(first.name)`; one of: \(Self.modelFacts)")
    }
  }

  fileprivate func interpretTrace(_ members: [Member], into parsed: inout Parsed) throws(Failure)
    -> FactPath
  {
    var rest = members[...]
    var decoding: FactPath.Decoding?
    if let first = rest.first, let chosen = FactPath.Decoding(rawValue: first.name) {
      try noIndex(first)
      decoding = chosen
      rest = rest.dropFirst()
    }
    guard let first = rest.first else {
      throw Failure(
        offset: position, message: "say which fact about the trace, one of: \(Self.traceFacts)")
    }
    rest = rest.dropFirst()
    switch first.name {
    case "output":
      try noIndex(first)
      try end(rest)
      return .output(decoding ?? .freeRunning)
    case "distinctDecoderInputs":
      try noIndex(first)
      try end(rest)
      return .distinctDecoderInputs(decoding ?? .freeRunning)
    case "firstDivergence":
      try noIndex(first)
      if decoding != nil {
        throw Failure(
          offset: members[members.startIndex].offset,
          message:
            "`firstDivergence` compares both decodings; remove the `\(decoding!.rawValue).` before it"
        )
      }
      try end(rest)
      return .firstDivergence
    case "encoder":
      guard let step = first.index else {
        throw failure(first, "say which encoder step, as in `encoder[0]`")
      }
      if let decoding {
        throw Failure(
          offset: members[members.startIndex].offset,
          message: "the encoder does not depend on decoding; remove `\(decoding.rawValue).`")
      }
      parsed.encoderStep = (step, first.offset)
      return .encoderState(step: step, try interpretReading(rest, after: first, into: &parsed))
    case "decoder":
      guard let step = first.index else {
        throw failure(first, "say which decoder step, as in `decoder[0]`")
      }
      if let next = rest.first, let prediction = FactPath.Prediction(rawValue: next.name) {
        try noIndex(next)
        try end(rest.dropFirst())
        return .decoderPrediction(step: step, decoding ?? .freeRunning, prediction)
      }
      return .decoderState(
        step: step, decoding ?? .freeRunning,
        try interpretReading(rest, after: first, into: &parsed))
    case "parameters", "accuracy", "epochs", "units":
      throw failure(
        first,
        "`\(first.name)` is a fact about the model, not a trace; write `=\(parsed.model).\(first.name)`"
      )
    default:
      throw failure(first, "unknown trace fact `\(first.name)`; one of: \(Self.traceFacts)")
    }
  }

  fileprivate func interpretReading(
    _ members: ArraySlice<Member>, after step: Member, into parsed: inout Parsed
  ) throws(Failure) -> FactPath.StateReading {
    let predictions = step.name == "decoder" ? "token, probability, loss, " : ""
    guard let quantityMember = members.first else {
      throw Failure(
        offset: position,
        message:
          "say what to read at \(step.name)[\(step.index ?? 0)], one of: \(predictions)\(Self.quantities)"
      )
    }
    try noIndex(quantityMember)
    guard let quantity = FactPath.StateQuantity(rawValue: quantityMember.name) else {
      throw failure(
        quantityMember,
        "unknown value `\(quantityMember.name)`; one of: \(predictions)\(Self.quantities)")
    }
    let rest = members.dropFirst()
    guard let summaryMember = rest.first else {
      throw Failure(
        offset: position, message: "say how to read \(quantity.rawValue): `.mean` or `.unit[j]`")
    }
    try end(rest.dropFirst())
    switch summaryMember.name {
    case "mean":
      try noIndex(summaryMember)
      return FactPath.StateReading(quantity: quantity, summary: .mean)
    case "unit":
      guard let unit = summaryMember.index else {
        throw failure(summaryMember, "say which unit, as in `unit[0]`")
      }
      parsed.unit = (unit, summaryMember.offset)
      return FactPath.StateReading(quantity: quantity, summary: .unit(unit))
    default:
      throw failure(
        summaryMember, "unknown reading `\(summaryMember.name)`; use `.mean` or `.unit[j]`")
    }
  }
}
