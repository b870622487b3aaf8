// A row-major matrix of Float32: the one numeric container of the model.
//
// Every layer works on a batch: a matrix with one row per sequence in the batch
// (B = batch, U = units, I = input size). Recording uses the same code with B = 1.
// Goals, in order: correct, readable, fast. The only heavy operation, the matrix
// product, goes through OpenBLAS (see Matrix+Product.swift); the rest is plain loops
// the compiler vectorises.

/// A dense row-major matrix of 32-bit floats.
///
/// `values[row * columns + column]` is the element at `(row, column)`.
public struct Matrix: Equatable, Sendable {
  /// Number of rows (for activations: the batch size).
  public var rows: Int
  /// Number of columns (for activations: the number of units or features).
  public var columns: Int
  /// The elements, row after row; `rows * columns` of them.
  public var values: [Float]

  /// A matrix of zeros with the given shape.
  public init(rows: Int, columns: Int) {
    precondition(rows >= 0 && columns >= 0, "a matrix needs a non-negative shape")
    self.rows = rows
    self.columns = columns
    self.values = [Float](repeating: 0, count: rows * columns)
  }

  /// A matrix with the given shape and elements, row after row.
  public init(rows: Int, columns: Int, values: [Float]) {
    precondition(values.count == rows * columns, "\(values.count) values do not fill \(rows)x\(columns)")
    self.rows = rows
    self.columns = columns
    self.values = values
  }

  /// A matrix of the given shape whose elements `write` sets, every one of them: they are
  /// not zeroed first. For results that a loop fills completely.
  @inlinable
  public init(rows: Int, columns: Int, writingEvery write: (UnsafeMutableBufferPointer<Float>) -> Void) {
    precondition(rows >= 0 && columns >= 0, "a matrix needs a non-negative shape")
    self.rows = rows
    self.columns = columns
    self.values = [Float](unsafeUninitializedCapacity: rows * columns) { elements, count in
      write(elements)
      count = rows * columns
    }
  }

  /// The element at `(row, column)`.
  @inlinable
  public subscript(row: Int, column: Int) -> Float {
    get { values[row * columns + column] }
    set { values[row * columns + column] = newValue }
  }

  /// A copy of one row as an array.
  public func row(_ index: Int) -> [Float] {
    Array(values[index * columns..<(index + 1) * columns])
  }

  /// Replaces one row.
  public mutating func setRow(_ index: Int, to vector: [Float]) {
    precondition(vector.count == columns)
    values.replaceSubrange(index * columns..<(index + 1) * columns, with: vector)
  }

  /// The columns `range` of every row, as a new matrix.
  public func columns(_ range: Range<Int>) -> Matrix {
    var result = Matrix(rows: rows, columns: range.count)
    for r in 0..<rows {
      for (k, c) in range.enumerated() { result.values[r * range.count + k] = values[r * columns + c] }
    }
    return result
  }

  /// The transpose.
  public var transposed: Matrix {
    var result = Matrix(rows: columns, columns: rows)
    for r in 0..<rows {
      for c in 0..<columns { result.values[c * rows + r] = values[r * columns + c] }
    }
    return result
  }

  /// The largest absolute difference from `other`, which must have the same shape.
  public func maxAbsoluteDifference(from other: Matrix) -> Float {
    precondition(rows == other.rows && columns == other.columns, "shapes differ")
    var worst: Float = 0
    for i in values.indices { worst = max(worst, abs(values[i] - other.values[i])) }
    return worst
  }
}

extension Matrix {
  /// Element-wise sum.
  public static func + (lhs: Matrix, rhs: Matrix) -> Matrix {
    lhs.combined(with: rhs) { $0 + $1 }
  }

  /// Element-wise difference.
  public static func - (lhs: Matrix, rhs: Matrix) -> Matrix {
    lhs.combined(with: rhs) { $0 - $1 }
  }

  /// Element-wise (Hadamard) product, the ⊙ of the LSTM equations.
  public static func * (lhs: Matrix, rhs: Matrix) -> Matrix {
    lhs.combined(with: rhs) { $0 * $1 }
  }

  /// Every element multiplied by `scale`.
  public static func * (lhs: Matrix, scale: Float) -> Matrix {
    var result = lhs
    result.values.withUnsafeMutableBufferPointer { values in
      for i in values.indices { values[i] *= scale }
    }
    return result
  }

  /// Adds `other` into this matrix.
  public static func += (lhs: inout Matrix, rhs: Matrix) {
    precondition(lhs.rows == rhs.rows && lhs.columns == rhs.columns, "shapes differ")
    lhs.values.withUnsafeMutableBufferPointer { sums in
      rhs.values.withUnsafeBufferPointer { terms in
        for i in sums.indices { sums[i] += terms[i] }
      }
    }
  }

  /// `combine(self[i], other[i])` for every element; the two must have the same shape.
  /// (Through buffer pointers, so the loop has no bounds or uniqueness checks and
  /// vectorises; each element is computed exactly as `combine` says.)
  @inline(__always)
  private func combined(with other: Matrix, _ combine: (Float, Float) -> Float) -> Matrix {
    precondition(rows == other.rows && columns == other.columns, "shapes differ")
    return Matrix(rows: rows, columns: columns) { target in
      values.withUnsafeBufferPointer { left in
        other.values.withUnsafeBufferPointer { right in
          for i in target.indices { target[i] = combine(left[i], right[i]) }
        }
      }
    }
  }

  /// Adds `vector` to every row (a bias).
  public mutating func addToEveryRow(_ vector: [Float]) {
    precondition(vector.count == columns)
    if values.isEmpty { return }  // an empty buffer may have no address
    let rows = rows, columns = columns
    values.withUnsafeMutableBufferPointer { values in
      vector.withUnsafeBufferPointer { vector in
        for r in 0..<rows {
          // One row's address first, so the inner loop is a plain vectorisable sum.
          let row = values.baseAddress! + r * columns
          for c in 0..<columns { row[c] += vector[c] }
        }
      }
    }
  }

  /// The matrix with `transform` applied to every element.
  public func map(_ transform: (Float) -> Float) -> Matrix {
    Matrix(rows: rows, columns: columns, values: values.map(transform))
  }

  /// Rows side by side: `[A | B]`.
  public static func concatenatingColumns(_ parts: [Matrix]) -> Matrix {
    guard let first = parts.first else { return Matrix(rows: 0, columns: 0) }
    let total = parts.reduce(0) { $0 + $1.columns }
    var result = Matrix(rows: first.rows, columns: total)
    var offset = 0
    result.values.withUnsafeMutableBufferPointer { target in
      for part in parts {
        precondition(part.rows == first.rows, "row counts differ")
        part.values.withUnsafeBufferPointer { source in
          for r in 0..<part.rows {
            for c in 0..<part.columns { target[r * total + offset + c] = source[r * part.columns + c] }
          }
        }
        offset += part.columns
      }
    }
    return result
  }

  /// The rows of `parts`, one matrix after another, as one matrix: `[Σ rows, C]` from
  /// matrices of `C` columns each.
  public static func stackingRows(_ parts: [Matrix]) -> Matrix {
    guard let first = parts.first else { return Matrix(rows: 0, columns: 0) }
    if parts.count == 1 { return first }
    var values: [Float] = []
    values.reserveCapacity(parts.reduce(0) { $0 + $1.values.count })
    for part in parts {
      precondition(part.columns == first.columns, "column counts differ")
      values += part.values
    }
    return Matrix(rows: parts.reduce(0) { $0 + $1.rows }, columns: first.columns, values: values)
  }
}
