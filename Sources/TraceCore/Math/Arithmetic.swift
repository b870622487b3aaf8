// Which implementation of the model's few non-elementary operations a layer uses: the matrix
// product, and `exp` and `log` in the softmax and the loss. Training wants the platform's
// fastest (OpenBLAS, the C library); a recording wants the same bits wherever it is made, so
// that `unrolled trace` natively and the page's WebAssembly agree to the last bit.

/// How a layer computes its products and its softmax and loss.
public enum Arithmetic: Equatable, Sendable {
  /// OpenBLAS's products and the C library's `expf` and `logf` where the build has them
  /// (natively); the portable forms where it does not (in the page).
  case platform
  /// The plain in-order product (``Matrix/multiplyInOrder(_:_:into:transposeLeft:transposeRight:accumulate:)``)
  /// and Cephes's `exp` and `log` in Swift (``Activation/exponential(_:)``,
  /// ``Activation/logarithm(_:)``): the same bits on every machine.
  case portable

  /// `e^x` by this arithmetic.
  @inlinable
  public func exponential(_ x: Float) -> Float {
    #if canImport(Glibc)
      if self == .platform { return expf(x) }
    #endif
    return Activation.exponential(x)
  }

  /// `ln x` by this arithmetic, for a positive normal `x`.
  @inlinable
  public func logarithm(_ x: Float) -> Float {
    #if canImport(Glibc)
      if self == .platform { return logf(x) }
    #endif
    return Activation.logarithm(x)
  }
}

#if canImport(Glibc)
  import Glibc
#endif
