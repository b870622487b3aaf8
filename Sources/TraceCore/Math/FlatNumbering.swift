// Tensors laid end to end in one flat numbering, as in Seq2SeqModel.parameterVector and the
// optimizers' moments: how work cut at a flat index (one half for each core) is handed to the
// tensors that hold it.

/// For tensors laid end to end in one flat numbering (as in a parameter vector), calls
/// `body` for each tensor that overlaps `range`, in order, with the tensor's index, the
/// overlap in the tensor's own numbering, and where the overlap starts in the flat one: how
/// work cut at a flat index is handed to the tensors that hold it.
package func forEachOverlap(
  ofTensorSizes sizes: [Int], with range: Range<Int>, _ body: (_ tensor: Int, _ within: Range<Int>, _ flatStart: Int) -> Void
) {
  var offset = 0
  for (tensor, size) in sizes.enumerated() {
    let overlap = range.clamped(to: offset..<offset + size)
    if !overlap.isEmpty { body(tensor, overlap.lowerBound - offset..<overlap.upperBound - offset, overlap.lowerBound) }
    offset += size
  }
}
