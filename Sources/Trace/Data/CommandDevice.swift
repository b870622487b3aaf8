/// A device of the `commands` task: its word and what a command can do to it.
struct CommandDevice: Sendable {
  /// What can be done to a device.
  enum Actions: Sendable {
    /// turn on / turn off (and "switch").
    case switchable
    /// open / close.
    case openable
    /// open / close / lock / unlock.
    case lockable
  }

  /// The device's word ("light").
  var name: String
  /// What commands it takes.
  var actions: Actions
  /// Whether the reply says "are" ("the blinds are open").
  var isPlural = false
}
