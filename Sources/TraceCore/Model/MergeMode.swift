/// How a bidirectional layer combines its forward and backward outputs (Keras `merge_mode`).
///
/// For outputs `y→` and `y←` at the same position:
/// ```
/// concat: [y→ | y←]   sum: y→ + y←   mul: y→ ⊙ y←   ave: (y→ + y←) / 2   none: both, apart
/// ```
public enum MergeMode: String, Sendable, CaseIterable {
  case concat, sum, mul, ave, none

  /// The size of the merged vector for layers of `units` units each (`nil` for `none`).
  public func mergedSize(units: Int) -> Int? {
    switch self {
    case .concat: return 2 * units
    case .sum, .mul, .ave: return units
    case .none: return nil
    }
  }

  /// Merges two equally shaped outputs; `nil` for `none`, which keeps them apart.
  public func merge(_ forward: Matrix, _ backward: Matrix) -> Matrix? {
    switch self {
    case .concat: return Matrix.concatenatingColumns([forward, backward])
    case .sum: return forward + backward
    case .mul: return forward * backward
    case .ave: return (forward + backward) * 0.5
    case .none: return nil
    }
  }
}

#if !hasFeature(Embedded)
  extension MergeMode: Codable {}
#endif
