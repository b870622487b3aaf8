/// Which picture of a trace a `trace` block draws.
///
/// ````markdown
/// ```trace
/// view: decoder      ->  TraceView.decoder
/// ```
/// ````
public enum TraceView: String, CaseIterable, Hashable, Sendable {
  /// One LSTM cell's gates and states, with the arithmetic of one unit worked through.
  case cell
  /// The encoder reading the input, one step per character.
  case encoder
  /// The encoder's final states handed to the decoder.
  case bridge
  /// The decoder writing the output, one step per character.
  case decoder
  /// Teacher-forced and free-running decoding side by side (needs a target).
  case comparison
  /// A bidirectional encoder's forward and backward passes.
  case bidirectional
  /// Loss and accuracy over the training epochs.
  case history
  /// A series model's forecast: the values read, the values written and the true ones, as
  /// a line plot with a data table.
  case forecast
  /// What each half of a bidirectional decoder has read at each step, and why it cannot
  /// decode free-running (needs a target).
  case bidirectionalDecoder
}
