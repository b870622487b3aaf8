// The `sines` task: forecasting a real-valued series. Every example is one series of its
// own, a sum of two sines with seeded frequencies, amplitudes and phases plus Gaussian
// noise; the model reads the first n values and must write the next k. Values are written
// as text with three decimals, comma-separated, so a series travels through the same
// Example, probe and trace as a sentence does.

import Foundation

extension Dataset {
  /// Values the encoder reads per series.
  public static let sinesInputLength = 24
  /// Values the decoder writes per series.
  public static let sinesOutputLength = 8
  /// Training series.
  static let sinesTrainingCount = 3_000
  /// Held-out series.
  static let sinesValidationCount = 300
  /// Digits after the point of every value.
  static let sinesDecimals = 3

  /// Noisy sums of sines: 3,000 training and 300 validation series, each drawn
  /// independently, so no validation series appears in training.
  ///
  /// ```
  /// x_t = a₁ sin(2π f₁ t + φ₁) + a₂ sin(2π f₂ t + φ₂) + ε_t      t = 0 … 31
  /// f ~ U(1/24, 1/6) cycles per step   a ~ U(0.2, 0.6)   φ ~ U(0, 2π)   ε ~ N(0, 0.05²)
  /// source: x_0 … x_23 ("0.412,0.538,…")   target: x_24 … x_31
  /// ```
  static func sines(seed: UInt64) -> Dataset {
    var generator = SeededGenerator.stream(BuiltInTask.sines.randomStream, of: seed)
    let examples = (0..<(sinesTrainingCount + sinesValidationCount)).map { _ in sineSeries(generator: &generator) }
    return Dataset(
      name: BuiltInTask.sines.rawValue, training: Array(examples.prefix(sinesTrainingCount)),
      validation: Array(examples.dropFirst(sinesTrainingCount)))
  }

  /// One series of the `sines` task drawn from its own seed, outside the dataset's stream:
  /// what the built-in model's pages and lessons trace, and `unrolled trace --example N`.
  ///
  /// - Parameters:
  ///   - inputLength: values read (the task's 24 by default).
  ///   - outputLength: values to forecast (the task's 8 by default).
  public static func sineSeriesExample(
    seed: UInt64, inputLength: Int = sinesInputLength, outputLength: Int = sinesOutputLength
  ) -> Example {
    var generator = SeededGenerator.stream(BuiltInTask.sines.randomStream | 1 << 32, of: seed)
    return sineSeries(generator: &generator, inputLength: inputLength, outputLength: outputLength)
  }

  /// One noisy sum of two sines, split into the values read and the values to write.
  static func sineSeries(
    generator: inout SeededGenerator, inputLength: Int = sinesInputLength, outputLength: Int = sinesOutputLength
  ) -> Example {
    struct Wave {
      var frequency: Double, amplitude: Double, phase: Double
    }
    let waves = (0..<2).map { _ in
      Wave(
        frequency: Double(generator.uniform(1.0 / 24, 1.0 / 6)), amplitude: Double(generator.uniform(0.2, 0.6)),
        phase: Double(generator.uniform(0, 2 * .pi)))
    }
    let series = SeriesConfiguration(decimals: sinesDecimals)
    let values = (0..<(inputLength + outputLength)).map { t in
      let clean = waves.reduce(0.0) { $0 + $1.amplitude * sin(2 * .pi * $1.frequency * Double(t) + $1.phase) }
      return Float(clean + 0.05 * generator.normal())
    }
    return Example(
      source: series.text(of: Array(values.prefix(inputLength))),
      target: series.text(of: Array(values.suffix(outputLength))))
  }
}
