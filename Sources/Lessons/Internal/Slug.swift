/// Makes URL- and id-safe names from titles, terms and file names.
enum Slug {
  /// Lowercases ASCII letters and digits and joins the runs between them with `-`.
  ///
  /// ```swift
  /// Slug.make("Teacher forcing")   // "teacher-forcing"
  /// Slug.make("The cell's state!") // "the-cell-s-state"
  /// ```
  static func make(_ text: String) -> String {
    var slug = ""
    var pendingDash = false
    for scalar in text.lowercased().unicodeScalars {
      if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
        if pendingDash, !slug.isEmpty { slug += "-" }
        pendingDash = false
        slug.unicodeScalars.append(scalar)
      } else {
        pendingDash = true
      }
    }
    return slug
  }

  /// Whether `text` is already a slug: lowercase ASCII letters, digits and single inner dashes.
  ///
  /// ```swift
  /// Slug.isValid("lstm-cell")  // true
  /// Slug.isValid("LSTM cell")  // false
  /// ```
  static func isValid(_ text: String) -> Bool {
    !text.isEmpty && make(text) == text
  }
}
