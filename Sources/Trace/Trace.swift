// The native layer of the model re-exports its portable core, so a reader of `import Trace`
// sees one model: TraceCore's types with the training, files and JSON that this target adds.

@_exported import TraceCore
