// A trace as JSON, trace format version 1 (docs/trace-format.md), in portable Swift: the one
// writer of trace JSON, used by `unrolled trace --format json` and by the page's
// WebAssembly, so the two can be compared byte for byte. Absent optionals are left out, as
// Codable's `encodeIfPresent` leaves them out.

extension ModelTrace {
  /// The trace as JSON text with sorted keys; the same trace always gives the same bytes.
  ///
  /// ```
  /// trace.jsonText()  // {"bridge":{…},"encoder":{…},"format":"unrolled-trace",…,"version":1}
  /// ```
  public func jsonText(pretty: Bool = false) -> String { jsonValue.text(pretty: pretty) }

  /// The trace as a JSON value.
  public var jsonValue: JSONValue {
    var fields: [String: JSONValue] = [
      "format": .string(format), "version": .number(version), "model": model.jsonValue, "input": .string(input),
      "encoder": encoder.jsonValue, "bridge": bridge.jsonValue,
    ]
    fields["target"] = target.map { .string($0) }
    fields["teacherForced"] = teacherForced?.jsonValue
    fields["freeRunning"] = freeRunningDecode?.jsonValue
    fields["firstDivergence"] = firstDivergence.map { .number($0) }
    fields["freeRunningRefusal"] = freeRunningRefusal.map { .string($0) }
    return .object(fields)
  }
}

extension ModelDescription {
  var jsonValue: JSONValue {
    var fields: [String: JSONValue] = [
      "name": .string(name), "bridge": .string(bridge.rawValue), "bidirectional": .bool(bidirectional),
      "encoderUnits": .number(encoderUnits), "decoderUnits": .number(decoderUnits),
      "inputVocabulary": inputVocabulary.jsonValue, "outputVocabulary": outputVocabulary.jsonValue,
      "reverseInput": .bool(reverseInput), "parameterCount": .number(parameterCount),
    ]
    fields["mergeMode"] = mergeMode.map { .string($0.rawValue) }
    fields["startToken"] = startToken.map { .string($0) }
    fields["endToken"] = endToken.map { .string($0) }
    fields["conditionedDecoder"] = conditionedDecoder.map { .bool($0) }
    fields["series"] = series.map { .object(["decimals": .number($0.decimals)]) }
    fields["encoderEmbeddingSize"] = encoderEmbeddingSize.map { .number($0) }
    fields["decoderEmbeddingSize"] = decoderEmbeddingSize.map { .number($0) }
    fields["bidirectionalDecoder"] = bidirectionalDecoder.map { .bool($0) }
    fields["backwardActivation"] = backwardActivation.map { .string($0.rawValue) }
    return .object(fields)
  }
}

extension Vocabulary {
  var jsonValue: JSONValue {
    .object(["tokens": .array(tokens.map { .string($0) }), "unit": .string(unit.rawValue)])
  }
}

extension CellRecord {
  var jsonValue: JSONValue {
    .object([
      "inputGate": .numbers(inputGate), "forgetGate": .numbers(forgetGate), "candidate": .numbers(candidate),
      "outputGate": .numbers(outputGate), "cell": .numbers(cell), "hidden": .numbers(hidden),
    ])
  }
}

extension EncoderStepRecord {
  var jsonValue: JSONValue {
    var fields: [String: JSONValue] = ["position": .number(position), "token": .string(token), "state": state.jsonValue]
    fields["inputVector"] = inputVector.map { .numbers($0) }
    fields["values"] = values.map { .numbers($0) }
    return .object(fields)
  }
}

extension EncoderRecord {
  var jsonValue: JSONValue {
    var fields: [String: JSONValue] = [
      "tokens": .array(tokens.map { .string($0) }), "forward": .array(forward.map { $0.jsonValue }),
    ]
    fields["backward"] = backward.map { .array($0.map { $0.jsonValue }) }
    fields["merged"] = merged.map { .array($0.map { .numbers($0) }) }
    return .object(fields)
  }
}

extension BridgeRecord {
  var jsonValue: JSONValue {
    var fields: [String: JSONValue] = ["kind": .string(kind.rawValue)]
    fields["hidden"] = hidden.map { .numbers($0) }
    fields["cell"] = cell.map { .numbers($0) }
    fields["forwardHidden"] = forwardHidden.map { .numbers($0) }
    fields["forwardCell"] = forwardCell.map { .numbers($0) }
    fields["backwardHidden"] = backwardHidden.map { .numbers($0) }
    fields["backwardCell"] = backwardCell.map { .numbers($0) }
    fields["repeatedVector"] = repeatedVector.map { .numbers($0) }
    fields["repeatCount"] = repeatCount.map { .number($0) }
    return .object(fields)
  }
}

extension DecoderStepRecord {
  var jsonValue: JSONValue {
    var fields: [String: JSONValue] = [
      "step": .number(step), "fedTokenSource": .string(fedTokenSource.rawValue), "state": state.jsonValue,
      "probabilities": .numbers(probabilities), "predicted": .string(predicted),
    ]
    fields["fedToken"] = fedToken.map { .string($0) }
    fields["readsRepeatedVector"] = readsRepeatedVector.map { .bool($0) }
    fields["target"] = target.map { .string($0) }
    fields["backwardState"] = backwardState?.jsonValue
    fields["loss"] = loss.map { .number($0) }
    fields["inputVector"] = inputVector.map { .numbers($0) }
    fields["predictedValues"] = predictedValues.map { .numbers($0) }
    fields["targetValues"] = targetValues.map { .numbers($0) }
    return .object(fields)
  }
}

extension DecodeRecord {
  var jsonValue: JSONValue {
    var fields: [String: JSONValue] = [
      "feeding": .string(feeding.rawValue), "steps": .array(steps.map { $0.jsonValue }), "output": .string(output),
      "stopReason": .string(stopReason.rawValue),
    ]
    fields["meanLoss"] = meanLoss.map { .number($0) }
    return .object(fields)
  }
}
