// A model to and from an unrolled checkpoint (safetensors, docs/checkpoint-format.md):
// the configuration as JSON metadata, the weights as tensors named by layer.

import Foundation

extension Seq2SeqModel {
  /// Reads a model from a checkpoint file; errors name the file.
  public init(checkpointAt url: URL) throws(CheckpointError) {
    let file: SafeTensorsFile
    do { file = try SafeTensorsFile(contentsOf: url) } catch { throw error.inFile(url.lastPathComponent) }
    do { try self.init(checkpoint: file) } catch { throw error.inFile(url.lastPathComponent) }
  }

  /// Reads a model from a checkpoint's tensors and metadata.
  public init(checkpoint file: SafeTensorsFile) throws(CheckpointError) {
    try file.checkUnrolledCheckpoint()
    let configText = try file.metadataValue(.config)
    let configuration: Seq2SeqConfiguration
    do {
      configuration = try JSONDecoder().decode(Seq2SeqConfiguration.self, from: Data(configText.utf8))
    } catch let error as DecodingError {
      throw CheckpointError(.unreadableMetadata(key: CheckpointMetadataKey.config.rawValue, reason: error.summary))
    } catch {
      throw CheckpointError(.unreadableMetadata(key: CheckpointMetadataKey.config.rawValue, reason: "cannot be decoded"))
    }
    try self.init(checkpoint: file, configuration: configuration)
  }

  /// The model as a checkpoint: its configuration in the metadata, its weights as tensors.
  ///
  /// - Parameter history: the file name of the training history stored beside it, if any.
  public func checkpoint(history: String? = nil) -> SafeTensorsFile {
    var tensors: [String: NamedTensor] = [:]
    func add(_ prefix: String, _ lstm: LSTM) {
      tensors["\(prefix)/kernel"] = NamedTensor(shape: [lstm.kernel.rows, lstm.kernel.columns], values: lstm.kernel.values)
      tensors["\(prefix)/recurrent_kernel"] = NamedTensor(
        shape: [lstm.recurrentKernel.rows, lstm.recurrentKernel.columns], values: lstm.recurrentKernel.values)
      tensors["\(prefix)/bias"] = NamedTensor(shape: [lstm.bias.count], values: lstm.bias)
    }
    switch encoder {
    case .unidirectional(let lstm): add("encoder", lstm)
    case .bidirectional(let layer):
      add("encoder/forward", layer.forward)
      add("encoder/backward", layer.backward)
    }
    if let decoderBackward {
      add("decoder/forward", decoder)
      add("decoder/backward", decoderBackward)
    } else {
      add("decoder", decoder)
    }
    tensors["output/kernel"] = NamedTensor(shape: [output.kernel.rows, output.kernel.columns], values: output.kernel.values)
    tensors["output/bias"] = NamedTensor(shape: [output.bias.count], values: output.bias)
    if let encoderEmbedding {
      tensors["encoder_embedding/embeddings"] = NamedTensor(
        shape: [encoderEmbedding.table.rows, encoderEmbedding.table.columns], values: encoderEmbedding.table.values)
    }
    if let decoderEmbedding {
      tensors["decoder_embedding/embeddings"] = NamedTensor(
        shape: [decoderEmbedding.table.rows, decoderEmbedding.table.columns], values: decoderEmbedding.table.values)
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    var metadata = [
      CheckpointMetadataKey.format.rawValue: SafeTensorsFile.unrolledFormat,
      CheckpointMetadataKey.version.rawValue: String(SafeTensorsFile.currentVersion),
      CheckpointMetadataKey.name.rawValue: configuration.name,
      // A configuration of plain values always encodes.
      CheckpointMetadataKey.config.rawValue: String(decoding: try! encoder.encode(configuration), as: UTF8.self),
    ]
    if let history { metadata[CheckpointMetadataKey.history.rawValue] = history }
    return SafeTensorsFile(tensors: tensors, metadata: metadata)
  }
}
