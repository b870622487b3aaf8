// The gradient of a bidirectional merge: how ∂L/∂(merged) splits between the forward and
// the backward outputs it was made of (the inverse bookkeeping of MergeMode.merge).

extension MergeMode {
  /// Splits the gradient of a merged output between its two parts.
  ///
  /// For `m = merge(y→, y←)` and `d = ∂L/∂m`:
  /// ```
  /// concat: ∂y→ = d[:, :U]   ∂y← = d[:, U:]
  /// sum:    ∂y→ = d          ∂y← = d
  /// mul:    ∂y→ = d ⊙ y←     ∂y← = d ⊙ y→
  /// ave:    ∂y→ = d / 2      ∂y← = d / 2
  /// ```
  /// `none` has no merge and so no gradient to split: it must not be called with it.
  public func splitGradient(_ gradient: Matrix, forward: Matrix, backward: Matrix) -> MergeGradients {
    switch self {
    case .concat:
      let units = forward.columns
      return MergeGradients(forward: gradient.columns(0..<units), backward: gradient.columns(units..<2 * units))
    case .sum: return MergeGradients(forward: gradient, backward: gradient)
    case .mul: return MergeGradients(forward: gradient * backward, backward: gradient * forward)
    case .ave: return MergeGradients(forward: gradient * 0.5, backward: gradient * 0.5)
    case .none: preconditionFailure("merge mode none merges nothing, so it has no gradient to split")
    }
  }
}

/// The gradients of the two outputs a bidirectional merge combined, `[B, U]` each.
public struct MergeGradients: Sendable {
  /// `∂L/∂y→`, of the forward layer's output.
  public var forward: Matrix
  /// `∂L/∂y←`, of the backward layer's output.
  public var backward: Matrix
}
