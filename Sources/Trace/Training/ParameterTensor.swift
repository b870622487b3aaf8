/// One named weight tensor of a model, and where it lies in the model's flat parameter
/// vector (``Seq2SeqModel/parameterVector``).
///
/// ```
/// ParameterTensor(name: "decoder.bias", rows: 1, columns: 200, offset: 1234)
/// // parameterVector[1234..<1434] is the decoder's bias
/// ```
public struct ParameterTensor: Equatable, Sendable, Codable {
  /// A dotted name: `encoder.kernel`, `encoder.backward.recurrentKernel`, `output.bias`, ...
  public var name: String
  /// Rows of the tensor (1 for a bias).
  public var rows: Int
  /// Columns of the tensor.
  public var columns: Int
  /// Where its first element lies in the flat vector.
  public var offset: Int

  /// The number of elements, `rows · columns`.
  public var count: Int { rows * columns }
  /// Its elements' indices in the flat vector.
  public var range: Range<Int> { offset..<offset + count }
}
