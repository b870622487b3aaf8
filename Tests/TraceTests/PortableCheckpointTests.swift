import Foundation
import Testing

@testable import Trace
@testable import TraceCore

@Suite("The page's checkpoint reader")
struct PortableCheckpointTests {
  @Test(
    "reads every built-in checkpoint to the model Codable reads",
    arguments: BuiltInModel.allCases.filter { $0.checkpointURL != nil })
  func sameModel(_ builtIn: BuiltInModel) throws {
    let url = try #require(builtIn.checkpointURL)
    let file = try SafeTensorsFile(contentsOf: url)
    let native = try Seq2SeqModel(checkpoint: file)
    let portable = try Seq2SeqModel(portableCheckpoint: file)
    #expect(portable.configuration == native.configuration, "the two configuration readers agree")
    #expect(portable == native, "and so do the weights")
  }

  @Test("names the key of a configuration it cannot read")
  func badConfiguration() throws {
    let json = try JSONValue(parsing: Array(#"{"name":"x","bridge":"stateBridge"}"#.utf8))
    #expect(throws: ConfigurationError(message: "at config: no key \"encoder\"")) {
      try Seq2SeqConfiguration(json: json)
    }
  }

  @Test("the JSON writer lays out what JSONEncoder lays out")
  func writerMatchesJSONEncoder() throws {
    let trace = try BuiltInModel.addition.load().trace(input: " 2+10", target: "12")
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    #expect(trace.jsonText(pretty: true) == String(decoding: try encoder.encode(trace), as: UTF8.self))
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    #expect(trace.jsonText() == String(decoding: try encoder.encode(trace), as: UTF8.self))
  }
}
