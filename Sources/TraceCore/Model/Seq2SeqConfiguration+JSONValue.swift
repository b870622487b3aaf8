// A model's configuration read from the JSON a checkpoint's metadata holds, without Codable:
// the page's WebAssembly reads checkpoints this way. Natively Codable reads them (with the
// messages docs/checkpoint-format.md shows); a test holds the two readers equal on every
// built-in checkpoint.

extension Seq2SeqConfiguration {
  /// Reads a configuration as `Codable` would from the same JSON: the same keys, the same
  /// optional ones, the same defaults. Throws naming the first key that is missing or wrong.
  public init(json: JSONValue) throws(ConfigurationError) {
    let fields = try JSONFields(json, at: "config")
    self.init(
      name: try fields.string("name"), bridge: try fields.enumeration("bridge", Bridge.init(rawValue:)),
      encoder: try EncoderConfiguration(json: try fields.required("encoder"), at: "encoder"),
      decoder: try DecoderConfiguration(json: try fields.required("decoder"), at: "decoder"),
      inputVocabulary: try Vocabulary(json: try fields.required("inputVocabulary"), at: "inputVocabulary"),
      outputVocabulary: try Vocabulary(json: try fields.required("outputVocabulary"), at: "outputVocabulary"),
      maxInputLength: try fields.integer("maxInputLength"), maxOutputLength: try fields.integer("maxOutputLength"),
      inputPadding: try fields.optional("inputPadding").map { (value) throws(ConfigurationError) in
        try Padding(json: value, at: "inputPadding")
      },
      outputPadding: try fields.optional("outputPadding").map { (value) throws(ConfigurationError) in
        try Padding(json: value, at: "outputPadding")
      },
      reverseInput: try fields.boolean("reverseInput"), startToken: try fields.optionalString("startToken"),
      endToken: try fields.optionalString("endToken"), conditionedDecoder: try fields.optionalBoolean("conditionedDecoder"),
      series: try fields.optional("series").map { (value) throws(ConfigurationError) in
        SeriesConfiguration(decimals: try JSONFields(value, at: "series").integer("decimals"))
      })
  }
}

extension EncoderConfiguration {
  fileprivate init(json: JSONValue, at path: String) throws(ConfigurationError) {
    let fields = try JSONFields(json, at: path)
    self.init(
      units: try fields.integer("units"), bidirectional: try fields.boolean("bidirectional"),
      mergeMode: try fields.enumeration("mergeMode", MergeMode.init(rawValue:)),
      activation: try fields.enumeration("activation", Activation.init(rawValue:)),
      recurrentActivation: try fields.enumeration("recurrentActivation", Activation.init(rawValue:)),
      embeddingSize: try fields.optionalInteger("embeddingSize"),
      backwardLayer: try fields.optional("backwardLayer").map { (value) throws(ConfigurationError) in
        let layer = try JSONFields(value, at: path + ".backwardLayer")
        return BackwardLayerConfiguration(
          activation: try layer.enumeration("activation", Activation.init(rawValue:)),
          recurrentActivation: try layer.enumeration("recurrentActivation", Activation.init(rawValue:)),
          goBackwards: try layer.boolean("goBackwards"), stateful: try layer.boolean("stateful"),
          returnSequences: try layer.optionalBoolean("returnSequences"), returnState: try layer.optionalBoolean("returnState"))
      })
  }
}

extension DecoderConfiguration {
  fileprivate init(json: JSONValue, at path: String) throws(ConfigurationError) {
    let fields = try JSONFields(json, at: path)
    self.init(
      units: try fields.integer("units"), activation: try fields.enumeration("activation", Activation.init(rawValue:)),
      recurrentActivation: try fields.enumeration("recurrentActivation", Activation.init(rawValue:)),
      embeddingSize: try fields.optionalInteger("embeddingSize"),
      bidirectional: try fields.optionalBoolean("bidirectional") ?? false)
  }
}

extension Vocabulary {
  fileprivate init(json: JSONValue, at path: String) throws(ConfigurationError) {
    let fields = try JSONFields(json, at: path)
    guard case .array(let items) = try fields.required("tokens") else { throw fields.wrong("tokens", "an array") }
    var tokens: [String] = []
    var seen: Set<String> = []
    for item in items {
      guard case .string(let token) = item else { throw fields.wrong("tokens", "an array of strings") }
      guard seen.insert(token).inserted else {
        throw ConfigurationError(message: "at \(path).tokens: a token appears twice")
      }
      tokens.append(token)
    }
    self.init(tokens: tokens, unit: try fields.enumeration("unit", Unit.init(rawValue:)))
  }
}

extension Padding {
  fileprivate init(json: JSONValue, at path: String) throws(ConfigurationError) {
    let fields = try JSONFields(json, at: path)
    self.init(
      width: try fields.integer("width"), side: try fields.enumeration("side", Side.init(rawValue:)),
      token: try fields.string("token"))
  }
}

/// The fields of one JSON object, read with messages that name the key's path.
private struct JSONFields {
  let fields: [String: JSONValue]
  let path: String

  init(_ value: JSONValue, at path: String) throws(ConfigurationError) {
    guard case .object(let fields) = value else {
      throw ConfigurationError(message: "at \(path): \(value.summary) is not an object")
    }
    self.fields = fields
    self.path = path
  }

  func wrong(_ key: String, _ expected: String) -> ConfigurationError {
    ConfigurationError(message: "at \(path).\(key): expected \(expected)")
  }

  func optional(_ key: String) -> JSONValue? {
    guard let value = fields[key], value != .null else { return nil }
    return value
  }

  func required(_ key: String) throws(ConfigurationError) -> JSONValue {
    guard let value = optional(key) else { throw ConfigurationError(message: "at \(path): no key \"\(key)\"") }
    return value
  }

  func string(_ key: String) throws(ConfigurationError) -> String {
    guard case .string(let text) = try required(key) else { throw wrong(key, "a string") }
    return text
  }

  func optionalString(_ key: String) throws(ConfigurationError) -> String? {
    guard optional(key) != nil else { return nil }
    return try string(key)
  }

  func integer(_ key: String) throws(ConfigurationError) -> Int {
    guard let number = try required(key).wholeNumber else { throw wrong(key, "a whole number") }
    return number
  }

  func optionalInteger(_ key: String) throws(ConfigurationError) -> Int? {
    guard optional(key) != nil else { return nil }
    return try integer(key)
  }

  func boolean(_ key: String) throws(ConfigurationError) -> Bool {
    guard case .bool(let flag) = try required(key) else { throw wrong(key, "true or false") }
    return flag
  }

  func optionalBoolean(_ key: String) throws(ConfigurationError) -> Bool? {
    guard optional(key) != nil else { return nil }
    return try boolean(key)
  }

  func enumeration<Value>(_ key: String, _ make: (String) -> Value?) throws(ConfigurationError) -> Value {
    guard let value = make(try string(key)) else { throw wrong(key, "one of the known names") }
    return value
  }
}
