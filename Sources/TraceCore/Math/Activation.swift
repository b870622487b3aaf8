// The element-wise activations an LSTM and a Dense layer use, with the derivatives
// backpropagation needs, written in terms of the activation's *output* where that is
// exact (sigmoid, tanh, relu), so a backward step needs only what the forward cached.
//
// sigmoid and tanh are computed here rather than by the C library: glibc's tanhf and expf
// are calls the compiler cannot vectorise, and they took a third of a training run (see
// docs/performance.md). `exponential` and `hyperbolicTangent` below are Cephes's
// single-precision algorithms (Moshier, cephes/single/expf.c and tanhf.c): a few IEEE
// operations and no branch, so a loop over a gate's values runs several at a time (four per
// SSE instruction in a default x86-64 build), and the scalar
// function and the loop give the same bits because they are the same operations. Their
// error is within a few units in the last place, far inside the 1e-5 the Keras fixtures
// allow; the compiler does not fuse a multiply and an add in Swift, so the bits do not
// depend on the processor either.

/// An element-wise activation function, named as Keras names it.
public enum Activation: String, Sendable, CaseIterable {
  /// `σ(x) = 1 / (1 + e^(-x))`, Keras's default recurrent activation.
  case sigmoid
  /// `tanh(x)`, Keras's default LSTM activation.
  case tanh
  /// `max(0, x)`.
  case relu
  /// `x`, unchanged.
  case linear

  /// The activation of one value.
  @inlinable
  public func callAsFunction(_ x: Float) -> Float {
    switch self {
    case .sigmoid: return Activation.sigmoid(x)
    case .tanh: return Activation.hyperbolicTangent(x)
    case .relu: return max(0, x)
    case .linear: return x
    }
  }

  /// `σ(x) = 1 / (1 + e^(-x))`. For `x` below -88, `e^(-x)` is held at `e^88`, so the
  /// result is about 6e-39 rather than a smaller denormal: the same as zero to a gate.
  @inlinable @inline(__always)
  public static func sigmoid(_ x: Float) -> Float {
    1 / (1 + exponential(-x))
  }

  /// `tanh(x)`, Cephes's tanhf: an odd polynomial near zero, where `1 - 2 / (e^(2|x|) + 1)`
  /// would lose digits to cancellation, and that formula, with the sign of `x`, elsewhere.
  /// Both are computed and one is chosen, so a loop of them has no branch.
  @inlinable @inline(__always)
  public static func hyperbolicTangent(_ x: Float) -> Float {
    let magnitude = abs(x)
    let far = 1 - 2 / (exponential(2 * magnitude) + 1)
    let z = x * x
    var p: Float = -5.70498872745e-3
    p = p * z + 2.06390887954e-2
    p = p * z - 5.37397155531e-2
    p = p * z + 1.33314422036e-1
    p = p * z - 3.33332819422e-1
    let near = p * z * x + x
    return magnitude < 0.625 ? near : Float(signOf: x, magnitudeOf: far)
  }

  /// `e^x` for `x` held to [-87, 88], where the result and `2^n` below are normal floats:
  /// Cephes's expf. Writes `x = n·ln 2 + r` with `n` the nearest integer to `x / ln 2`
  /// (rounded by adding and subtracting 1.5·2²³) and `|r| ≤ ln 2 / 2`, evaluates a
  /// degree-7 polynomial for `e^r`, and multiplies by `2^n` made from its exponent bits.
  /// NaN stays NaN, so a diverging run is still caught.
  @inlinable @inline(__always)
  public static func exponential(_ x: Float) -> Float {
    let clamped = Swift.min(Swift.max(x, -87), 88)
    let shifted = clamped * 1.44269504088896341 + 12_582_912  // x / ln 2 + 1.5·2²³
    let n = shifted - 12_582_912
    let r = (clamped - n * 0.693359375) + n * 2.12194440e-4  // ln 2 in two parts (Cody-Waite)
    var p: Float = 1.9875691500e-4
    p = p * r + 1.3981999507e-3
    p = p * r + 8.3334519073e-3
    p = p * r + 4.1665795894e-2
    p = p * r + 1.6666665459e-1
    p = p * r + 5.0000001201e-1
    let er = p * (r * r) + r + 1
    // The low bits of `shifted` hold n + 0x40_0000; 2^n has exponent field n + 127.
    let twoToN = Float(bitPattern: (shifted.bitPattern &- 0x4B40_0000 &+ 127) &<< 23)
    return er * twoToN
  }

  /// `ln x` for a positive normal `x`: Cephes's logf. Writes `x = m·2^e` with `m` in
  /// [√½, √2), evaluates a degree-8 polynomial for `ln m` and adds `e·ln 2` in two parts.
  /// Used where a recording needs a logarithm with the same bits everywhere (the loss).
  @inlinable
  public static func logarithm(_ x: Float) -> Float {
    // x = fraction × 2^exponent with fraction in [0.5, 1), as frexpf gives it.
    var exponent = Int(x.exponentBitPattern) - 126
    var fraction = Float(sign: .plus, exponentBitPattern: 126, significandBitPattern: x.significandBitPattern)
    if fraction < 0.707106781186547524 {
      exponent -= 1
      fraction = fraction + fraction - 1
    } else {
      fraction = fraction - 1
    }
    let z = fraction * fraction
    var y: Float = 7.0376836292e-2
    y = y * fraction - 1.1514610310e-1
    y = y * fraction + 1.1676998740e-1
    y = y * fraction - 1.2420140846e-1
    y = y * fraction + 1.4249322787e-1
    y = y * fraction - 1.6668057665e-1
    y = y * fraction + 2.0000714765e-1
    y = y * fraction - 2.4999993993e-1
    y = y * fraction + 3.3333331174e-1
    y = y * fraction * z
    let e = Float(exponent)
    y += -2.12194440e-4 * e
    y += -0.5 * z
    var result = fraction + y
    result += 0.693359375 * e
    return result
  }

  /// The derivative at the point whose activation is `y`.
  ///
  /// ```
  /// sigmoid: y (1 - y)    tanh: 1 - y²    relu: y > 0 ? 1 : 0    linear: 1
  /// ```
  @inlinable
  public func derivative(fromOutput y: Float) -> Float {
    switch self {
    case .sigmoid: return y * (1 - y)
    case .tanh: return 1 - y * y
    case .relu: return y > 0 ? 1 : 0
    case .linear: return 1
    }
  }

  /// The activation applied to every element of `matrix`.
  public func callAsFunction(_ matrix: Matrix) -> Matrix {
    self(matrix, columns: 0..<matrix.columns)
  }

  /// The activation of the columns `columns` of every row of `matrix`, as a
  /// `[rows, columns.count]` matrix (one gate's block of an LSTM's pre-activations).
  public func callAsFunction(_ matrix: Matrix, columns: Range<Int>) -> Matrix {
    precondition(columns.lowerBound >= 0 && columns.upperBound <= matrix.columns, "columns out of range")
    guard matrix.rows > 0 && !columns.isEmpty else { return Matrix(rows: matrix.rows, columns: columns.count) }
    return Matrix(rows: matrix.rows, columns: columns.count) { target in
      matrix.values.withUnsafeBufferPointer { source in
        for row in 0..<matrix.rows {
          apply(
            source.baseAddress! + row * matrix.columns + columns.lowerBound,
            to: target.baseAddress! + row * columns.count, count: columns.count)
        }
      }
    }
  }

  /// The derivative at every element of `outputs`, a matrix of this activation's outputs.
  public func derivative(fromOutputs outputs: Matrix) -> Matrix {
    guard !outputs.values.isEmpty else { return outputs }  // an empty buffer may have no address
    return Matrix(rows: outputs.rows, columns: outputs.columns) { target in
      outputs.values.withUnsafeBufferPointer { source in
        derivatives(fromOutputs: source.baseAddress!, to: target.baseAddress!, count: source.count)
      }
    }
  }
}

#if !hasFeature(Embedded)
  extension Activation: Codable {}
#endif
