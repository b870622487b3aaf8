/// Text made safe for a terminal: a checkpoint's name or tokens may hold ESC sequences or
/// other control characters, which a terminal would obey (clear the screen, retitle the
/// window, hide text). Each one is shown as Swift writes it, `\u{1B}`; line breaks stay.
///
/// ```swift
/// TerminalText.escaped("\u{1B}[2Jaddition")  // "\\u{1B}[2Jaddition"
/// TerminalText.escaped("two\nlines")         // "two\nlines"
/// ```
public enum TerminalText {
  /// `text` with every control character but the line break written as `\u{…}`.
  public static func escaped(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isControl) else { return text }
    var shown = ""
    for scalar in text.unicodeScalars {
      if isControl(scalar) {
        shown += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
      } else {
        shown.unicodeScalars.append(scalar)
      }
    }
    return shown
  }

  /// C0 and C1 controls and DEL (not the line break), and the bidirectional overrides and
  /// isolates that reorder what follows them on the line.
  private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    if scalar == "\n" { return false }
    return scalar.properties.generalCategory == .control || (0x202A...0x202E).contains(scalar.value)
      || (0x2066...0x2069).contains(scalar.value)
  }
}
