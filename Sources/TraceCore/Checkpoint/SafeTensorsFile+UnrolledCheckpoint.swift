// The checks a model mapping needs on top of the container: the tensors it expects with
// the shapes it expects, and the metadata that marks an unrolled checkpoint.

extension SafeTensorsFile {
  /// The `format` metadata of every unrolled checkpoint.
  public static let unrolledFormat = "unrolled-checkpoint"
  /// The `version` this build writes.
  public static let currentVersion = 1
  /// The `version`s this build reads.
  public static let supportedVersions = [1]

  /// The tensor called `name`, which must have exactly `shape`.
  ///
  /// Throws ``CheckpointError/Problem/missingTensor(_:)`` or
  /// ``CheckpointError/Problem/shapeMismatch(tensor:found:expected:)``.
  public func tensor(_ name: String, shape: [Int]) throws(CheckpointError) -> NamedTensor {
    guard let tensor = tensors[name] else {
      throw CheckpointError(.missingTensor(name))
    }
    guard tensor.shape == shape else {
      throw CheckpointError(.shapeMismatch(tensor: name, found: tensor.shape, expected: shape))
    }
    return tensor
  }

  /// The metadata value under `key`; throws ``CheckpointError/Problem/missingMetadata(key:)``
  /// when there is none.
  public func metadataValue(_ key: CheckpointMetadataKey) throws(CheckpointError) -> String {
    guard let value = metadata[key.rawValue] else {
      throw CheckpointError(.missingMetadata(key: key.rawValue))
    }
    return value
  }

  /// Checks that this is an unrolled checkpoint of a supported version, and returns the version.
  ///
  /// Throws ``CheckpointError/Problem/wrongFormat(found:)`` unless `format` is
  /// ``unrolledFormat``, then ``CheckpointError/Problem/missingMetadata(key:)`` or
  /// ``CheckpointError/Problem/unsupportedVersion(found:supported:)`` for `version`.
  @discardableResult
  public func checkUnrolledCheckpoint() throws(CheckpointError) -> Int {
    let format = metadata[CheckpointMetadataKey.format.rawValue]
    guard format == Self.unrolledFormat else {
      throw CheckpointError(.wrongFormat(found: format))
    }
    let versionText = try metadataValue(.version)
    guard let version = Int(versionText), Self.supportedVersions.contains(version) else {
      throw CheckpointError(
        .unsupportedVersion(found: versionText, supported: Self.supportedVersions))
    }
    return version
  }
}
