// The `commands` task: short home-assistant commands and their replies, made from a small
// grammar, for a word-level model.
//
// A command names a thing by its room and its device ("the kitchen light"); the reply
// repeats the thing and says its new state: "turn on the kitchen light" → "the kitchen
// light is on". Every (room, device) pair is written with every verb form and word order
// the grammar allows; each command once, with a seeded "please" before it, after it, or
// none (a third each on average): more pairs with fewer copies each teach combining
// better than every variant of fewer pairs.
//
// The split holds out whole (room, device) pairs: a seeded tenth of the pairs (28 of 280),
// with all their commands, are validation only. Every room and every device still appears in
// training with other partners, so validation measures whether the model combines words
// it knows into a pair it has never seen, not whether it remembers sentences.

extension Dataset {
  /// Home-assistant commands → replies, 280 (room, device) pairs, 28 held out.
  ///
  /// ```
  /// source "turn on the kitchen light"          target "the kitchen light is on"
  /// source "please close the bedroom curtains"  target "the bedroom curtains are closed"
  /// source "switch the hall fan off please"     target "the hall fan is off"
  /// ```
  static func commands(seed: UInt64) -> Dataset {
    var generator = SeededGenerator.stream(BuiltInTask.commands.randomStream, of: seed)
    let heldOut = commandsHeldOutPairs(generator: &generator)
    var training: [Example] = []
    var validation: [Example] = []
    for (roomIndex, room) in commandsRooms.enumerated() {
      for (deviceIndex, device) in commandsDevices.enumerated() {
        let examples = commandExamples(room: room, device: device).map { example in
          // One politeness per command, drawn in a fixed order.
          let source: String
          switch generator.index(below: 3) {
          case 0: source = example.source
          case 1: source = "please \(example.source)"
          default: source = "\(example.source) please"
          }
          return Example(source: source, target: example.target)
        }
        if heldOut.contains(CommandPair(room: roomIndex, device: deviceIndex)) {
          validation += examples
        } else {
          training += examples
        }
      }
    }
    return Dataset(name: BuiltInTask.commands.rawValue, training: training, validation: validation)
  }
}

extension Dataset {
  /// The rooms a command can name, one word each.
  static let commandsRooms = [
    "attic", "basement", "bathroom", "bedroom", "cellar", "garage", "garden", "hall", "kitchen", "landing", "laundry",
    "library", "lounge", "nursery", "office", "pantry", "playroom", "porch", "shed", "study",
  ]
  /// The devices, one word each, and what can be done to them.
  static let commandsDevices: [CommandDevice] = [
    CommandDevice(name: "fan", actions: .switchable),
    CommandDevice(name: "heater", actions: .switchable),
    CommandDevice(name: "lamp", actions: .switchable),
    CommandDevice(name: "light", actions: .switchable),
    CommandDevice(name: "radio", actions: .switchable),
    CommandDevice(name: "tv", actions: .switchable),
    CommandDevice(name: "kettle", actions: .switchable),
    CommandDevice(name: "speaker", actions: .switchable),
    CommandDevice(name: "blinds", actions: .openable, isPlural: true),
    CommandDevice(name: "curtains", actions: .openable, isPlural: true),
    CommandDevice(name: "shutters", actions: .openable, isPlural: true),
    CommandDevice(name: "door", actions: .lockable),
    CommandDevice(name: "window", actions: .lockable),
    CommandDevice(name: "gate", actions: .lockable),
  ]
  /// Every word of the grammar: what `BuiltInTask.commands.lexicon` declares.
  static var commandsLexicon: Lexicon {
    let switchable = ["on", "off", "turn", "switch"]
    let openable = ["open", "close", "lock", "unlock"]
    let states = ["on", "off", "open", "closed", "locked", "unlocked"]
    let things = ["the"] + commandsRooms + commandsDevices.map(\.name)
    return Lexicon(source: things + switchable + openable + ["please"], target: things + states + ["is", "are"])
  }
  /// How many of the (room, device) pairs are held out for validation.
  static let commandsHeldOutPairCount = 28
  /// The fewest training pairs any room or any device keeps.
  static let commandsMinimumTrainingPartners = 5

  /// The commands of one (room, device) pair and their replies, in a fixed order, without
  /// "please".
  static func commandExamples(room: String, device: CommandDevice) -> [Example] {
    let thing = "the \(room) \(device.name)"
    let verb = device.isPlural ? "are" : "is"
    // (command without politeness, the state the reply reports)
    var commands: [(String, String)] = []
    switch device.actions {
    case .switchable:
      for state in ["on", "off"] {
        commands += [
          ("turn \(state) \(thing)", state), ("turn \(thing) \(state)", state),
          ("switch \(state) \(thing)", state), ("switch \(thing) \(state)", state),
        ]
      }
    case .openable, .lockable:
      commands += [("open \(thing)", "open"), ("close \(thing)", "closed")]
      if device.actions == .lockable {
        commands += [("lock \(thing)", "locked"), ("unlock \(thing)", "unlocked")]
      }
    }
    return commands.map { command, state in Example(source: command, target: "\(thing) \(verb) \(state)") }
  }

  /// A seeded choice of held-out pairs that leaves every room and every device with at
  /// least ``commandsMinimumTrainingPartners`` partners in training.
  fileprivate static func commandsHeldOutPairs(generator: inout SeededGenerator) -> Set<CommandPair> {
    var candidates: [CommandPair] = []
    for room in commandsRooms.indices {
      for device in commandsDevices.indices { candidates.append(CommandPair(room: room, device: device)) }
    }
    generator.shuffle(&candidates)
    var roomPartners = [Int](repeating: commandsDevices.count, count: commandsRooms.count)
    var devicePartners = [Int](repeating: commandsRooms.count, count: commandsDevices.count)
    var heldOut = Set<CommandPair>()
    for pair in candidates where heldOut.count < commandsHeldOutPairCount {
      guard roomPartners[pair.room] > commandsMinimumTrainingPartners,
        devicePartners[pair.device] > commandsMinimumTrainingPartners
      else { continue }
      heldOut.insert(pair)
      roomPartners[pair.room] -= 1
      devicePartners[pair.device] -= 1
    }
    return heldOut
  }
}

/// A (room, device) pair of the `commands` task, by their indices.
private struct CommandPair: Hashable, Sendable {
  var room: Int
  var device: Int
}
