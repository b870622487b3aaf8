// RMSprop (Hinton's lecture 6e, 2012) as Keras 3 computes it by default
// (keras/src/optimizers/rmsprop.py with centered=False, momentum=0): epsilon is added
// inside the square root. Arithmetic in Float as Keras's float32 variables; `1 - ρ` is
// formed in Double first, as Python does. Goals, in order: correct, readable, fast.

/// RMSprop with Keras 3's defaults (not centered) and update rule.
///
/// For every weight θ with gradient `g`:
/// ```
/// v ← ρ·v + (1 - ρ)·g²
/// θ ← θ - lr · g / sqrt(v + ε)                     (momentum 0)
/// with momentum μ > 0:  s ← μ·s + lr · g / sqrt(v + ε);  θ ← θ - s
/// ```
public struct RMSprop: Optimizer, Equatable {
  /// Keras's default learning rate, 0.001.
  public static let defaultLearningRate: Float = 0.001

  /// `lr`.
  public var learningRate: Float
  /// `ρ`, the decay of the squared gradient's running mean (Keras: 0.9).
  public var rho: Double
  /// `μ`, the momentum (Keras: 0, none).
  public var momentum: Double
  /// `ε` (Keras: 1e-7).
  public var epsilon: Double
  /// `v`, the running mean of each squared gradient.
  public private(set) var velocities: [Float]
  /// `s`, the momentum of each weight (all zero when `momentum` is 0).
  public private(set) var momenta: [Float]

  /// An optimizer for `parameterCount` weights, with Keras's defaults unless given.
  public init(
    parameterCount: Int, learningRate: Float = RMSprop.defaultLearningRate, rho: Double = 0.9, momentum: Double = 0,
    epsilon: Double = 1e-7
  ) {
    self.learningRate = learningRate
    self.rho = rho
    self.momentum = momentum
    self.epsilon = epsilon
    velocities = [Float](repeating: 0, count: parameterCount)
    momenta = [Float](repeating: 0, count: momentum > 0 ? parameterCount : 0)
  }

  /// Applies one RMSprop step.
  public mutating func update(_ parameters: inout [Float], gradients: [Float]) {
    precondition(parameters.count == velocities.count && gradients.count == velocities.count, "sizes differ")
    let rho = Float(self.rho), oneMinusRho = Float(1 - self.rho)
    let epsilon = Float(self.epsilon), momentum = Float(self.momentum)
    for i in parameters.indices {
      let g = gradients[i]
      velocities[i] = rho * velocities[i] + oneMinusRho * (g * g)
      let increment = (learningRate * g) / (velocities[i] + epsilon).squareRoot()
      if self.momentum > 0 {
        momenta[i] = momentum * momenta[i] + increment
        parameters[i] -= momenta[i]
      } else {
        parameters[i] -= increment
      }
    }
  }
}
