// Every weight of a model as one flat vector, in a fixed order, with the name of each
// tensor: what optimizers update, what global-norm clipping measures, and what the
// gradient checks perturb. Seq2SeqGradients lays its tensors out in the same order.

extension Seq2SeqModel {
  /// The model's tensors in the order of ``parameterVector``.
  ///
  /// Order: encoder (forward then backward direction, each kernel, recurrent kernel,
  /// bias), encoder embedding, decoder (a bidirectional decoder's forward then backward
  /// half), decoder embedding, output kernel and bias.
  public var parameterTensors: [ParameterTensor] {
    var copy = self
    var tensors: [ParameterTensor] = []
    var offset = 0
    copy.visitParameters { name, rows, columns, _ in
      tensors.append(ParameterTensor(name: name, rows: rows, columns: columns, offset: offset))
      offset += rows * columns
    }
    return tensors
  }

  /// Every trainable weight, tensor after tensor (see ``parameterTensors``); setting it
  /// writes the weights back. Its count is ``parameterCount``.
  public var parameterVector: [Float] {
    get {
      var copy = self
      var all: [Float] = []
      all.reserveCapacity(parameterCount)
      copy.visitParameters { _, _, _, values in all += values }
      return all
    }
    set {
      precondition(newValue.count == parameterCount, "the vector must hold \(parameterCount) parameters")
      newValue.withUnsafeBufferPointer { source in
        withParameterBuffers { tensors in
          var offset = 0
          for tensor in tensors {
            _ = tensor.update(fromContentsOf: source[offset..<offset + tensor.count])
            offset += tensor.count
          }
        }
      }
    }
  }

  /// Calls `body` with the elements of every weight tensor, in the order of
  /// ``parameterVector``, all writable in place for the duration of the call (so that two
  /// threads can update different tensors, or different parts of one, at once).
  mutating func withParameterBuffers<Result>(_ body: ([UnsafeMutableBufferPointer<Float>]) -> Result) -> Result {
    // The arrays are moved out of the model (each slot left empty), so each is held once and
    // writing it does not copy it (unless a copy of the model shares it: then that copy keeps
    // the old values); they are moved back afterwards.
    var tensors: [[Float]] = []
    visitParameters { _, _, _, values in
      tensors.append(values)
      values = []
    }
    let result = tensors.withUnsafeMutableBufferPointer { slots -> Result in
      var buffers: [UnsafeMutableBufferPointer<Float>] = []
      buffers.reserveCapacity(slots.count)
      func open(_ index: Int) -> Result {
        guard index < slots.count else { return body(buffers) }
        return slots[index].withUnsafeMutableBufferPointer { buffer in
          buffers.append(buffer)
          return open(index + 1)
        }
      }
      return open(0)
    }
    var index = 0
    visitParameters { _, _, _, values in
      values = tensors[index]
      index += 1
    }
    return result
  }

  /// Calls `visit` on every weight tensor, in the fixed order, with its name and shape.
  mutating func visitParameters(_ visit: (String, Int, Int, inout [Float]) -> Void) {
    func visitLSTM(_ prefix: String, _ layer: inout LSTM) {
      visit(prefix + ".kernel", layer.kernel.rows, layer.kernel.columns, &layer.kernel.values)
      visit(prefix + ".recurrentKernel", layer.recurrentKernel.rows, layer.recurrentKernel.columns, &layer.recurrentKernel.values)
      visit(prefix + ".bias", 1, layer.bias.count, &layer.bias)
    }
    switch encoder {
    case .unidirectional(var layer):
      visitLSTM("encoder", &layer)
      encoder = .unidirectional(layer)
    case .bidirectional(var layer):
      visitLSTM("encoder.forward", &layer.forward)
      visitLSTM("encoder.backward", &layer.backward)
      encoder = .bidirectional(layer)
    }
    if var embedding = encoderEmbedding {
      visit("encoderEmbedding.table", embedding.table.rows, embedding.table.columns, &embedding.table.values)
      encoderEmbedding = embedding
    }
    visitLSTM("decoder", &decoder)
    if var layer = decoderBackward {
      visitLSTM("decoderBackward", &layer)
      decoderBackward = layer
    }
    if var embedding = decoderEmbedding {
      visit("decoderEmbedding.table", embedding.table.rows, embedding.table.columns, &embedding.table.values)
      decoderEmbedding = embedding
    }
    visit("output.kernel", output.kernel.rows, output.kernel.columns, &output.kernel.values)
    visit("output.bias", 1, output.bias.count, &output.bias)
  }
}
