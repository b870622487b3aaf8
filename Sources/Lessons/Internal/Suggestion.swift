/// "Did you mean …?" for misspelt keys and glossary terms.
enum Suggestion {
  /// The most edits a suggestion may be away from what was written.
  static let maximumEdits = 2

  /// The candidate within two edits of `word`, if any (the nearest; the first on a tie).
  ///
  /// Costs at most the length of the shorter word times five per candidate, however long
  /// `word` is: a candidate whose length differs by more than two is never measured.
  ///
  /// ```swift
  /// Suggestion.closest(to: "sumary", in: ["title", "summary"])  // "summary"
  /// ```
  static func closest(to word: String, in candidates: [String]) -> String? {
    let word = Array(word)
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
      guard let distance = editDistance(word, Array(candidate), atMost: maximumEdits) else { continue }
      if distance < (best?.distance ?? .max) { best = (candidate, distance) }
    }
    return best?.candidate
  }

  /// Levenshtein distance (insertions, deletions and substitutions of characters) when it is
  /// at most `limit`, else nil.
  ///
  /// Only the band of cells within `limit` of the diagonal can hold a distance that small
  /// (Ukkonen 1985), so the work is `(2 × limit + 1) × a.count`, and two words whose lengths
  /// differ by more than `limit` are not compared at all.
  ///
  /// ```swift
  /// Suggestion.editDistance(Array("kitten"), Array("sitting"), atMost: 3)  // 3
  /// Suggestion.editDistance(Array("kitten"), Array("sitting"), atMost: 2)  // nil
  /// ```
  static func editDistance(_ a: [Character], _ b: [Character], atMost limit: Int) -> Int? {
    guard abs(a.count - b.count) <= limit else { return nil }
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    let outside = limit + 1  // any value over the limit stands for "too far"
    var previous = (0...b.count).map { min($0, outside) }
    var row = [Int](repeating: outside, count: b.count + 1)
    for i in 1...a.count {
      let first = max(1, i - limit)
      let last = min(b.count, i + limit)
      row[0] = i <= limit ? i : outside
      if first > 1 { row[first - 1] = outside }
      var smallest = row[0]
      for j in first...last {
        let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
        row[j] = min(previous[j] + 1, row[j - 1] + 1, substitution, outside)
        smallest = min(smallest, row[j])
      }
      if last < b.count { row[last + 1] = outside }
      guard smallest <= limit else { return nil }
      swap(&previous, &row)
    }
    return previous[b.count] <= limit ? previous[b.count] : nil
  }
}
