import Foundation
import Markup
import Site
import Testing
import Trace

@testable import Figures

/// How the figures tell an unconditioned repeat-bridge decoder (the same vector at every
/// step) from a conditioned one (the repeated vector beside the previous token).
@Suite("Conditioned decoder figures")
struct ConditionedDecoderFigureTests {
  static func model(conditioned: Bool) throws -> Seq2SeqModel {
    let letters = Vocabulary(tokens: ["a", "b", "c"])
    return try Seq2SeqModel(
      configuration: Seq2SeqConfiguration(
        name: conditioned ? "conditioned" : "plain", bridge: .repeatVector, encoder: EncoderConfiguration(units: 3),
        decoder: DecoderConfiguration(units: 3), inputVocabulary: letters,
        outputVocabulary: Vocabulary(tokens: (conditioned ? ["\t"] : []) + ["a", "b", "c"]),
        maxInputLength: 3, maxOutputLength: 3, startToken: conditioned ? "\t" : nil,
        conditionedDecoder: conditioned ? true : nil),
      seed: 4)
  }

  @Test("an unconditioned decoder's steps say that every step reads the same vector")
  func unconditionedSteps() throws {
    let trace = try Self.model(conditioned: false).trace(input: "abc", target: "abc")
    let html = TraceWalkFigure(trace: trace, feeding: .teacherForced, id: "w").html.string
    let notes = html.components(separatedBy: "The same vector as at every other step").count - 1
    #expect(notes == trace.teacherForced?.steps.count, "one plain sentence per decoder step")
    #expect(!html.contains("The encoding is the same at every step; the token"))
  }

  @Test("a conditioned decoder's steps show the repeated encoding and the fed token, with both badges")
  func conditionedSteps() throws {
    let trace = try Self.model(conditioned: true).trace(input: "abc", target: "abc")
    let walk = TraceWalkFigure(trace: trace, feeding: .teacherForced, id: "w").html.string
    #expect(walk.contains("Fed the repeated encoding <span class=\"badge badge-repeatedEncoding\">"))
    #expect(walk.contains("and <span class=\"tok\">⟨start⟩</span> <span class=\"badge badge-startToken\">"))
    #expect(walk.contains("and <span class=\"tok\">a</span> <span class=\"badge badge-groundTruth\">"))
    #expect(walk.contains("x<tspan baseline-shift=\"sub\" font-size=\"70%\">t</tspan> = repeated encoding + a"))
    #expect(walk.contains("fed the repeated encoding and ‘a’ (ground truth)"), "the stepper announces both inputs")
    #expect(!walk.contains("The same vector as at every other step"))
    let comparison = DecodeComparisonFigure(trace: trace, id: "c").html.string
    #expect(comparison.contains("Every step of both also reads the same repeated encoding."))
    #expect(comparison.components(separatedBy: "badge-repeatedEncoding").count - 1 == 2 * (trace.teacherForced?.steps.count ?? 0))
  }
}
