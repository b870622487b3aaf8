// Backpropagation through the output layer and its loss. For softmax with categorical
// cross-entropy the two are fused, as every framework does, into the famous `p - y`.
//
// Keras clips the probability to [ε, 1 - ε] (ε = 1e-7) before the log. A clip is flat
// outside its range, so where the target's probability lies outside [ε, 1 - ε] the loss
// is constant and the gradient is zero; inside, the clip is the identity and the
// gradient is the unclipped `p - y`. (At exactly ε or 1 - ε we pass the gradient.)
// Goals, in order: correct, readable, fast.

import Foundation

/// The gradient of a loss with respect to a Dense layer's weights, shaped as the weights.
///
/// Shapes: `kernel` `[I, N]`, `bias` `[N]`.
public struct DenseGradients: Equatable, Sendable {
  /// `∂L/∂W`: `[I, N]`.
  public var kernel: Matrix
  /// `∂L/∂b`: `[N]`.
  public var bias: [Float]

  /// Zero gradients shaped like `layer`'s weights.
  public init(zerosLike layer: Dense) {
    kernel = Matrix(rows: layer.kernel.rows, columns: layer.kernel.columns)
    bias = [Float](repeating: 0, count: layer.bias.count)
  }
}

extension Dense {
  /// Backpropagates from the gradient of the pre-activation `a = x·W + b`: accumulates
  /// the weight gradients and returns the gradient of the input.
  ///
  /// Shapes: `input` `[B, I]`, `preActivationGradient` `[B, N]`, result `[B, I]`.
  /// ```
  /// dW += xᵀ·da    db += Σ_rows da    dx = da·Wᵀ
  /// ```
  public func backward(input: Matrix, preActivationGradient: Matrix, into gradients: inout DenseGradients) -> Matrix {
    accumulateWeightGradients(inputs: [input], preActivationGradients: [preActivationGradient], into: &gradients)
    return inputGradient(preActivationGradient: preActivationGradient)
  }

  /// `dx = da·Wᵀ`: the gradient of the input, without the weight gradients.
  ///
  /// Shapes: `preActivationGradient` `[B, N]`, result `[B, I]`.
  public func inputGradient(preActivationGradient: Matrix) -> Matrix {
    var inputGradient = Matrix(rows: preActivationGradient.rows, columns: kernel.rows)
    // [B, N]·[N, I]
    Matrix.multiply(preActivationGradient, kernel, into: &inputGradient, transposeRight: true, accumulate: false)
    return inputGradient
  }

  /// Adds the weight gradients of many applications of the layer (one per decoder step)
  /// at once, with one product over all their rows stacked:
  /// ```
  /// X = [x_1; …; x_T]   DA = [da_1; …; da_T]      dW += Xᵀ·DA    db += Σ_rows DA
  /// ```
  public func accumulateWeightGradients(
    inputs: [Matrix], preActivationGradients: [Matrix], into gradients: inout DenseGradients
  ) {
    precondition(inputs.count == preActivationGradients.count, "one gradient per input")
    guard !inputs.isEmpty else { return }
    let da = Matrix.stackingRows(preActivationGradients)
    // [I, T·B]·[T·B, N]
    Matrix.multiply(Matrix.stackingRows(inputs), da, into: &gradients.kernel, transposeLeft: true, accumulate: true)
    da.addRows(into: &gradients.bias)
  }

  /// The gradient of `scale · Σ_rows -log(clip(p[row, target]))` with respect to the
  /// logits of a softmax layer, for the rows that have a target.
  ///
  /// Shapes: `probabilities` `[B, N]` (softmax outputs), `targets` one per row (`nil`:
  /// the row counts for nothing), result `[B, N]`.
  /// ```
  /// da[row] = scale · (p[row] - onehot(target))    when ε ≤ p[row, target] ≤ 1 - ε
  /// da[row] = 0                                    otherwise (the clip is flat there)
  /// ```
  /// With `scale = 1 / (number of counted rows and steps)` this is the gradient of the
  /// mean loss.
  public static func crossEntropyGradient(probabilities: Matrix, targets: [Int?], scale: Float) -> Matrix {
    precondition(targets.count == probabilities.rows, "one target per row")
    var gradient = Matrix(rows: probabilities.rows, columns: probabilities.columns)
    let epsilon = Seq2SeqForward.probabilityEpsilon
    for (row, target) in targets.enumerated() {
      guard let target else { continue }
      let targetProbability = probabilities[row, target]
      guard targetProbability >= epsilon && targetProbability <= 1 - epsilon else { continue }
      for column in 0..<probabilities.columns {
        gradient[row, column] = scale * probabilities[row, column]
      }
      gradient[row, target] -= scale
    }
    return gradient
  }

  /// The gradient of Keras's mean squared error with respect to a linear layer's outputs.
  ///
  /// Shapes: `outputs` and `targets` `[B, N]`, result `[B, N]`.
  /// ```
  /// L = (1/B) Σ_rows (1/N) Σ_n (y - t)²     ∂L/∂y = 2 (y - t) / (B·N)
  /// ```
  public static func meanSquaredErrorGradient(outputs: Matrix, targets: Matrix) -> Matrix {
    precondition(outputs.rows == targets.rows && outputs.columns == targets.columns, "shapes differ")
    return (outputs - targets) * (2 / Float(outputs.rows * outputs.columns))
  }
}
