// The gradient of the loss with respect to every weight of a Seq2SeqModel, tensor for
// tensor in the model's shapes, with the flat view optimizers and clipping use.

import Foundation

/// `∂L/∂θ` for every weight θ of a ``Seq2SeqModel``, shaped as the weights.
///
/// ``flattened`` lays the tensors out in the order of ``Seq2SeqModel/parameterVector``,
/// so `parameterVector[i]` and `flattened[i]` are a weight and its gradient.
public struct Seq2SeqGradients: Equatable, Sendable {
  /// The encoder's forward (or only) direction.
  public var encoderForward: LSTMGradients
  /// The encoder's backward direction, when it is bidirectional.
  public var encoderBackward: LSTMGradients?
  /// The encoder embedding's table, `[V_in, D]`, when it has one.
  public var encoderEmbedding: Matrix?
  /// The decoder LSTM (a bidirectional decoder's forward half).
  public var decoder: LSTMGradients
  /// A bidirectional decoder's backward half.
  public var decoderBackward: LSTMGradients?
  /// The decoder embedding's table, `[V_out, D]`, when it has one.
  public var decoderEmbedding: Matrix?
  /// The output softmax layer.
  public var output: DenseGradients

  /// Zero gradients shaped like `model`'s weights.
  public init(zerosLike model: Seq2SeqModel) {
    switch model.encoder {
    case .unidirectional(let layer):
      encoderForward = LSTMGradients(zerosLike: layer)
      encoderBackward = nil
    case .bidirectional(let layer):
      encoderForward = LSTMGradients(zerosLike: layer.forward)
      encoderBackward = LSTMGradients(zerosLike: layer.backward)
    }
    encoderEmbedding = model.encoderEmbedding.map { Matrix(rows: $0.table.rows, columns: $0.table.columns) }
    decoder = LSTMGradients(zerosLike: model.decoder)
    decoderBackward = model.decoderBackward.map { LSTMGradients(zerosLike: $0) }
    decoderEmbedding = model.decoderEmbedding.map { Matrix(rows: $0.table.rows, columns: $0.table.columns) }
    output = DenseGradients(zerosLike: model.output)
  }

  /// The gradient tensors' elements, one array per tensor, in the order of
  /// ``Seq2SeqModel/parameterTensors``.
  public var tensors: [[Float]] {
    var all: [[Float]] = []
    func add(_ lstm: LSTMGradients) { all += [lstm.kernel.values, lstm.recurrentKernel.values, lstm.bias] }
    add(encoderForward)
    if let encoderBackward { add(encoderBackward) }
    if let encoderEmbedding { all.append(encoderEmbedding.values) }
    add(decoder)
    if let decoderBackward { add(decoderBackward) }
    if let decoderEmbedding { all.append(decoderEmbedding.values) }
    all += [output.kernel.values, output.bias]
    return all
  }

  /// Every gradient, tensor after tensor, in the order of ``Seq2SeqModel/parameterVector``.
  public var flattened: [Float] {
    let tensors = tensors
    var all: [Float] = []
    all.reserveCapacity(tensors.reduce(0) { $0 + $1.count })
    for tensor in tensors { all += tensor }
    return all
  }

}
