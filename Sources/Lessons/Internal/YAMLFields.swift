import Foundation
import Yams

/// The `key: value` pairs of one YAML mapping (front matter, `lessons.yml`, a `trace` or
/// `quiz` block), read with their positions so every problem points at its key or value.
///
/// Reading never throws: each problem is reported to the `ProblemList` and the field is nil,
/// so one pass finds every mistake.
struct YAMLFields {
  private struct Field {
    var keyMark: Mark?
    var value: Node
  }

  private var fields: [String: Field] = [:]
  private let map: SourceMap
  private let what: String
  private let missingLocation: SourceLocation
  private let problems: ProblemList
  /// False when the text is not YAML or not a mapping: then missing keys are not reported too,
  /// since the syntax error is the one thing to fix.
  private var isReadable = true

  /// Parses `text` and checks its keys.
  ///
  /// - Parameters:
  ///   - what: how messages name the mapping, e.g. "the front matter", "the `quiz` block".
  ///   - allowedKeys: every key the mapping may have, in the order messages list them.
  ///   - missingLocation: where to report a missing required key.
  init(
    _ text: String, map: SourceMap, what: String, allowedKeys: [String],
    missingLocation: SourceLocation,
    problems: ProblemList
  ) {
    self.map = map
    self.what = what
    self.missingLocation = missingLocation
    self.problems = problems
    let root: Node?
    do {
      root = try Yams.compose(yaml: text)
    } catch let error as YamlError {
      Self.report(error, in: text, map: map, what: what, problems: problems)
      isReadable = false
      return
    } catch {
      problems.report("\(what) is not valid YAML: \(error)", at: missingLocation)
      isReadable = false
      return
    }
    guard let root else { return }
    guard let mapping = root.mapping else {
      problems.report("\(what) must be `key: value` lines", at: map.location(of: root.mark))
      isReadable = false
      return
    }
    for (keyNode, value) in mapping {
      guard let key = keyNode.scalar?.string else {
        problems.report("a key in \(what) must be a plain word", at: map.location(of: keyNode.mark))
        continue
      }
      guard allowedKeys.contains(key) else {
        var message = "unknown key `\(key)` in \(what)"
        if let suggestion = Suggestion.closest(to: key, in: allowedKeys) {
          message += "; did you mean `\(suggestion)`?"
        } else {
          message += "; expected one of: \(allowedKeys.joined(separator: ", "))"
        }
        problems.report(message, at: map.location(of: keyNode.mark))
        continue
      }
      fields[key] = Field(keyMark: keyNode.mark, value: value)
    }
  }

  /// Whether the mapping has `key`.
  func has(_ key: String) -> Bool { fields[key] != nil }

  /// Where `key`'s value starts.
  func valueLocation(_ key: String) -> SourceLocation {
    guard let field = fields[key] else { return missingLocation }
    return map.location(of: field.value.mark ?? field.keyMark)
  }

  /// Where `key` itself is written.
  func keyLocation(_ key: String) -> SourceLocation {
    guard let field = fields[key] else { return missingLocation }
    return map.location(of: field.keyMark)
  }

  /// A text value. `required` explains the key in the "missing" message; a text longer than
  /// `maximumLength` characters is refused.
  func string(_ key: String, required: String? = nil, maximumLength: Int? = nil) -> String? {
    guard let value = present(key, required: required) else { return nil }
    guard let scalar = value.scalar, !scalar.string.isEmpty, !Self.hasCustomTag(value) else {
      problems.report("`\(key)` in \(what) must be text\(quotingHint(for: key))", at: valueLocation(key))
      return nil
    }
    if let maximumLength, scalar.string.count > maximumLength {
      problems.report(
        "`\(key)` in \(what) is \(scalar.string.count) characters long; it may be at most \(maximumLength)",
        at: valueLocation(key))
      return nil
    }
    guard checkPrintable(scalar.string, naming: "`\(key)` in \(what)", at: valueLocation(key)) else {
      return nil
    }
    return scalar.string
  }

  /// A whole number.
  func int(_ key: String, required: String? = nil) -> Int? {
    guard let value = present(key, required: required) else { return nil }
    guard let number = Self.int(value) else {
      problems.report(
        "`\(key)` in \(what) must be a whole number, not `\(value.string ?? "a list")`",
        at: valueLocation(key))
      return nil
    }
    return number
  }

  /// `true` or `false`.
  func bool(_ key: String) -> Bool? {
    guard let value = present(key, required: nil) else { return nil }
    guard value.scalar != nil, value.tag.rawValue == Tag.Name.bool.rawValue, let flag = value.bool
    else {
      problems.report("`\(key)` in \(what) must be `true` or `false`", at: valueLocation(key))
      return nil
    }
    return flag
  }

  /// A list of texts, each with its location.
  func strings(_ key: String, required: String? = nil) -> [(
    text: String, location: SourceLocation
  )]? {
    guard let value = present(key, required: required) else { return nil }
    guard let sequence = value.sequence else {
      problems.report(
        "`\(key)` in \(what) must be a list, one `- item` per line", at: valueLocation(key))
      return nil
    }
    var items: [(String, SourceLocation)] = []
    for item in sequence {
      guard let text = item.scalar?.string, !text.isEmpty else {
        problems.report(
          "each item of `\(key)` in \(what) must be text", at: map.location(of: item.mark))
        return nil
      }
      guard checkPrintable(text, naming: "an item of `\(key)` in \(what)", at: map.location(of: item.mark))
      else { return nil }
      items.append((text, map.location(of: item.mark)))
    }
    return items
  }

  /// A list of whole numbers, written as a list (`[0, 2, 5]`), a range (`0-3`) or one number,
  /// each below `bound`. The first number at or over `bound` is reported once, with the
  /// message `tooLarge` makes of it, before a range becomes a list: `0-100000000000` costs
  /// one problem and no memory.
  func ints(_ key: String, below bound: Int, tooLarge: (Int) -> String) -> [Int]? {
    guard let value = present(key, required: nil) else { return nil }
    let hint =
      "`\(key)` in \(what) must be numbers from 0: a list like `[0, 2, 5]`, a range like `0-3`, or one number"
    func refuse(_ number: Int) -> [Int]? {
      problems.report(tooLarge(number), at: valueLocation(key))
      return nil
    }
    if let sequence = value.sequence {
      var numbers: [Int] = []
      for item in sequence {
        guard let number = Self.int(item), number >= 0 else {
          problems.report(hint, at: map.location(of: item.mark))
          return nil
        }
        if number >= bound { return refuse(number) }
        numbers.append(number)
      }
      return numbers
    }
    if let number = Self.int(value), number >= 0 { return number < bound ? [number] : refuse(number) }
    if let text = value.scalar?.string {
      let ends = text.split(separator: "-", omittingEmptySubsequences: false)
        .map { Int($0.trimmingCharacters(in: .whitespaces)) }
      if ends.count == 2, let low = ends[0], let high = ends[1], low >= 0 {
        guard low <= high else {
          problems.report(
            "the range `\(text)` in \(what) runs backwards; write `\(high)-\(low)`",
            at: valueLocation(key))
          return nil
        }
        return high < bound ? Array(low...high) : refuse(high)
      }
    }
    problems.report(hint, at: valueLocation(key))
    return nil
  }

  /// The raw node, for values with their own rules (a quiz answer).
  func node(_ key: String, required: String? = nil) -> Node? {
    present(key, required: required)
  }
}

extension YAMLFields {
  /// Whether `text` is free of control characters other than tab and line break, which would
  /// reach a page's `<title>` or a terminal as they are; reports the first one if not.
  fileprivate func checkPrintable(_ text: String, naming field: String, at location: SourceLocation)
    -> Bool
  {
    guard
      let control = text.unicodeScalars.first(where: {
        $0.properties.generalCategory == .control && $0 != "\t" && $0 != "\n"
      })
    else { return true }
    let code = String(control.value, radix: 16, uppercase: true)
    problems.report(
      "\(field) holds the control character U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code); remove it",
      at: location)
    return false
  }

  fileprivate func present(_ key: String, required: String?) -> Node? {
    guard let field = fields[key] else {
      if let required, isReadable {
        problems.report("\(what) is missing `\(key)` (\(required))", at: missingLocation)
      }
      return nil
    }
    if field.value.tag.rawValue == Tag.Name.null.rawValue, field.value.scalar != nil {
      problems.report("`\(key)` in \(what) has no value\(quotingHint(for: key))", at: map.location(of: field.keyMark))
      return nil
    }
    return field.value
  }

  /// "; a value that starts with `&` must be quoted: …" when `key`'s line is one of the
  /// usual quoting mistakes that YAML reads without a syntax error (an anchor `&x`, a tag
  /// `!x`), else "".
  fileprivate func quotingHint(for key: String) -> String {
    guard let line = fields[key]?.keyMark?.line,
      let hint = YAMLHint.hint(forLine: Substring(map.text(ofLine: line)), number: line)
    else { return "" }
    return "; " + hint.text
  }

  /// Whether a `!tag` of the author's own was put on the value (`title: !important`).
  fileprivate static func hasCustomTag(_ node: Node) -> Bool {
    node.tag.rawValue.hasPrefix("!") && !node.tag.rawValue.hasPrefix("tag:")
  }

  fileprivate static func int(_ node: Node) -> Int? {
    guard node.scalar != nil, node.tag.rawValue == Tag.Name.int.rawValue else { return nil }
    return node.int
  }

  fileprivate static func report(
    _ error: YamlError, in text: String, map: SourceMap, what: String, problems: ProblemList
  ) {
    switch error {
    case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
      .composer(_, let problem, let mark, _):
      // The parser's words, then what to do: the hint's place is what to change.
      if let hint = YAMLHint.hint(in: text, line: mark.line) {
        problems.report(
          "\(what) is not valid YAML (\(problem)): \(hint.text)", at: map.location(line: hint.line, column: hint.column))
      } else {
        problems.report("\(what) is not valid YAML: \(problem)", at: map.location(of: mark))
      }
    case .reader(let problem, let offset, _, let yaml):
      // Yams counts the offset in characters; its description adds a multi-line snippet.
      let before = yaml.prefix(offset ?? 0)
      let lines = before.split(separator: "\n", omittingEmptySubsequences: false)
      let column = (lines.last?.unicodeScalars.count ?? 0) + 1
      problems.report(
        "\(what) is not valid YAML: \(problem)", at: map.location(line: lines.count, column: column))
    case .duplicatedKeysInMapping(let duplicates, let context):
      let keys = duplicates.map { "`\($0)`" }.joined(separator: ", ")
      problems.report("\(what) has \(keys) more than once", at: map.location(of: context.mark))
    default:
      problems.report("\(what) is not valid YAML: \(error)", at: map.location(line: 1, column: 1))
    }
  }
}
