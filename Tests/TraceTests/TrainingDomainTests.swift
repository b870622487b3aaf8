import Testing

@testable import Trace
@testable import TraceCore

/// Each built-in model says when an input lies outside what it was trained on, since it
/// answers anyway.
@Suite("Inputs outside a model's training")
struct TrainingDomainTests {
  @Test(
    "an input outside the trained domain is named with the domain; one inside is not",
    arguments: [
      (BuiltInModel.addition, "23+19", "23 and 19 are outside 1–10, the numbers the addition model was trained on"),
      (.addition, " 2+11", "11 is outside 1–10, the numbers the addition model was trained on"),
      (.addition, "12", "the addition model was trained on sums a+b of two numbers 1–10; this input is not one"),
      (.addition3, "1000+1", "1000 is outside 0–999, the numbers the addition3 model was trained on"),
      (.dates, "22 Nov 2077", "2077 is outside 1950–2049, the years the dates model was trained on"),
      (.autoencoder, "abc", "the autoencoder model was trained on strings of exactly 5 letters; this one has 3"),
    ])
  func outside(model: BuiltInModel, input: String, notice: String) {
    #expect(model.outsideTrainingNotice(for: input) == notice)
  }

  @Test(
    "inputs the lessons use lie inside",
    arguments: [
      (BuiltInModel.addition, " 2+10"), (.addition, "7+5"), (.addition3, "999+1"), (.addition3, "123+45"),
      (.dates, "22 Nov 2026"), (.autoencoderConditioned, "beach"), (.commands, "turn on the kitchen light"),
    ])
  func inside(model: BuiltInModel, input: String) {
    #expect(model.outsideTrainingNotice(for: input) == nil)
  }

  @Test("the phrasebook knows its own training sentences, and says a new one is new")
  func phrasebook() throws {
    let training = try #require(BuiltInModel.phrasebook.recipe().dataset.training.first?.source)
    #expect(BuiltInModel.phrasebook.outsideTrainingNotice(for: training) == nil)
    let notice = try #require(BuiltInModel.phrasebook.outsideTrainingNotice(for: "The lamp is purple."))
    #expect(notice.hasPrefix("“The lamp is purple.” is not one of the") && notice.hasSuffix("learned those by heart"))
  }
}
