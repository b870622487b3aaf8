// One LSTM timestep, forward, the fast form of Model/LSTM+Step.swift's equations
// (`referenceStep`, to which tests pin it bit for bit): one sgemm pair accumulating into the
// pre-activations, each gate's activation over its block of columns in place (the activated z
// is the step's `gates`), then the cell and hidden state eight units at a time (SIMD8 lanes,
// as the backward step is written). Legend: B = batch rows, U = units, z = pre-activations
// [B, 4U] laid out as [input | forget | candidate | output].

extension LSTM {
  /// Runs one timestep and returns everything it computed: ``referenceStep(input:state:mask:)``,
  /// value for value, done in place.
  ///
  /// ```
  /// z = x·W + h_prev·U + b                      [B, 4U]
  /// i, f, o = σ(z_i), σ(z_f), σ(z_o);  g = tanh(z_g)
  /// c = f ⊙ c_prev + i ⊙ g;  h = o ⊙ tanh(c)
  /// ```
  /// - Parameters:
  ///   - input: `x`, `[B, I]`.
  ///   - state: the previous hidden and cell states, `[B, U]` each.
  ///   - mask: per row, `false` for padding: that row's state passes through unchanged.
  ///   - inputProjection: `x·W`, `[B, 4U]`, when the caller already has it: the kernel's
  ///     rows for one-hot inputs (``inputProjection(hotColumns:)``), or one product for an
  ///     input fed at every step. It must hold the values the product gives; it saves
  ///     only the product.
  ///   - startsFromZeros: `true` when `state` is all zeros (a layer's default initial
  ///     state, at its first step): `h_prev·U` is then zero, and is not computed. The same
  ///     values: adding a product of zeros to `z` changes no value that reaches the gates
  ///     (at most the sign of a zero, which adding the bias then settles the same way).
  public func step(
    input: Matrix, state: LSTMState, mask: [Bool]? = nil, inputProjection: consuming Matrix? = nil,
    startsFromZeros: Bool = false
  ) -> LSTMStepCache {
    let batch = input.rows
    let u = units
    precondition(input.columns == inputSize, "input has \(input.columns) features, the layer reads \(inputSize)")
    var z: Matrix
    if let projection = inputProjection.take() {  // taken, so z is its only holder when the caller let it go
      precondition(projection.rows == batch && projection.columns == 4 * u, "x·W must be [B, 4U]")
      z = projection
    } else {
      z = Matrix(rows: batch, columns: 4 * u)
      Matrix.multiply(input, kernel, into: &z, accumulate: false, arithmetic: arithmetic)  // [B, I]·[I, 4U]
    }
    if !startsFromZeros {
      Matrix.multiply(state.hidden, recurrentKernel, into: &z, accumulate: true, arithmetic: arithmetic)  // [B, U]·[U, 4U]
    }
    z.addToEveryRow(bias)
    activateGates(&z)
    let gates = z  // i | f | g | o

    // c = f ⊙ c_prev + i ⊙ g, then h = o ⊙ tanh(c), eight units at a time, each gate read
    // from its block of `gates`: per value the operations of the equations, in their order.
    var cell = Matrix(rows: batch, columns: u)
    gates.values.withUnsafeBufferPointer { gates in
      state.cell.values.withUnsafeBufferPointer { previousCell in
        cell.values.withUnsafeMutableBufferPointer { cell in
          let (gates, previousCell) = (gates.baseAddress!, previousCell.baseAddress!)
          for r in 0..<batch {
            let row = r * u, block = r * 4 * u
            for k in stride(from: 0, to: u, by: 8) {
              let n = min(8, u - k), at = row + k
              let i = Lanes.load(gates, block + k, n), f = Lanes.load(gates, block + u + k, n)
              let g = Lanes.load(gates, block + 2 * u + k, n)
              Lanes.store(f * Lanes.load(previousCell, at, n) + i * g, cell, at, n)
            }
          }
        }
      }
    }
    let cellActivation = activation(cell)
    var hidden = Matrix(rows: batch, columns: u)
    gates.values.withUnsafeBufferPointer { gates in
      cellActivation.values.withUnsafeBufferPointer { cellActivation in
        hidden.values.withUnsafeMutableBufferPointer { hidden in
          let (gates, cellActivation) = (gates.baseAddress!, cellActivation.baseAddress!)
          for r in 0..<batch {
            let row = r * u, block = r * 4 * u
            for k in stride(from: 0, to: u, by: 8) {
              let n = min(8, u - k), at = row + k
              Lanes.store(Lanes.load(gates, block + 3 * u + k, n) * Lanes.load(cellActivation, at, n), hidden, at, n)
            }
          }
        }
      }
    }
    if let mask {
      // Keras masking: a padded row keeps its previous state.
      for r in 0..<batch where !mask[r] {
        for k in 0..<u {
          let at = r * u + k
          cell.values[at] = state.cell.values[at]
          hidden.values[at] = state.hidden.values[at]
        }
      }
    }
    return LSTMStepCache(
      input: input, previousHidden: state.hidden, previousCell: state.cell,
      gates: gates, cell: cell, cellActivation: cellActivation, hidden: hidden,
      mask: mask.flatMap { $0.allSatisfy { $0 } ? nil : $0 })
  }
}

extension LSTM {
  /// `x·W` for a batch of one-hot rows `x`, `[B, 4U]`: row `r` is the kernel's row
  /// `hotColumns[r]`, or zeros where `hotColumns[r]` is `nil` (a row of zeros, padding).
  ///
  /// This is what the product gives, exactly: each of its sums has one term `1·W[j, k]`
  /// and otherwise adds zeros, which round nothing. Copying the row skips the product's
  /// other `I - 1` multiplications per value.
  public func inputProjection(hotColumns: [Int?]) -> Matrix {
    let width = kernel.columns
    var projection = Matrix(rows: hotColumns.count, columns: width)
    kernel.values.withUnsafeBufferPointer { kernel in
      projection.values.withUnsafeMutableBufferPointer { projection in
        for (row, column) in hotColumns.enumerated() {
          guard let column else { continue }
          precondition(column >= 0 && column < inputSize, "one-hot column \(column) is outside the input's \(inputSize)")
          (projection.baseAddress! + row * width).update(from: kernel.baseAddress! + column * width, count: width)
        }
      }
    }
    return projection
  }
}

extension LSTM {
  /// Turns pre-activations `z`, `[B, 4U]`, into the gates where they are: the recurrent
  /// activation (σ) over the input, forget and output blocks, the activation (tanh) over
  /// the candidate's.
  ///
  /// The output block of one row and the input and forget blocks of the next are side by
  /// side in memory, so σ runs over each such stretch of 3U values in one loop: fewer,
  /// longer loops, with fewer values left over after the last whole eight.
  func activateGates(_ z: inout Matrix) {
    let u = units, rows = z.rows, width = 4 * u
    guard rows > 0 && u > 0 else { return }
    let recurrentActivation = recurrentActivation, activation = activation
    z.values.withUnsafeMutableBufferPointer { z in
      let z = z.baseAddress!
      recurrentActivation.applyInPlace(z, count: 2 * u)  // the first row's input and forget blocks
      for r in 0..<rows {
        let block = z + r * width
        activation.applyInPlace(block + 2 * u, count: u)  // candidate
        // This row's output block, then the next row's input and forget blocks.
        recurrentActivation.applyInPlace(block + 3 * u, count: r + 1 < rows ? 3 * u : u)
      }
    }
  }
}
