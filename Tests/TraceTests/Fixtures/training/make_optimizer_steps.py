"""Makes optimizer_steps.json: a few Keras 3 optimizer steps on two small variables.

Run from the repository root with the project's venv (Keras 3 + JAX):
    KERAS_BACKEND=jax /opt/unrolled-venv/bin/python \
        Tests/TraceTests/Fixtures/training/make_optimizer_steps.py

OptimizerTests replays the same gradients through unrolled's Adam and RMSprop (Keras
defaults, and Adam with global_clipnorm) and compares every variable after every step.
"""

import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402
import numpy as np  # noqa: E402

rng = np.random.default_rng(7)
initial = [
    rng.uniform(-1, 1, size=(2, 3)).astype("float32"),
    rng.uniform(-1, 1, size=(4,)).astype("float32"),
]
# Gradients of very different sizes, so the global norm clips some steps and not others.
steps = []
for scale in [0.5, 3.0, 0.01, 2.0, 0.2]:
    steps.append([(rng.normal(size=v.shape) * scale).astype("float32") for v in initial])


def run(optimizer):
    variables = [keras.Variable(v.copy()) for v in initial]
    optimizer.build(variables)
    after = []
    for gradients in steps:
        optimizer.apply([keras.ops.convert_to_tensor(g) for g in gradients], variables)
        after.append([np.asarray(v.value).reshape(-1).tolist() for v in variables])
    return after


fixture = {
    "keras": keras.__version__,
    "initial": [v.reshape(-1).tolist() for v in initial],
    "gradients": [[g.reshape(-1).tolist() for g in step] for step in steps],
    "adam": run(keras.optimizers.Adam()),
    "rmsprop": run(keras.optimizers.RMSprop()),
    "adamClipped": run(keras.optimizers.Adam(learning_rate=0.01, global_clipnorm=1.0)),
    "rmspropClipped": run(keras.optimizers.RMSprop(learning_rate=0.01, global_clipnorm=1.0)),
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "optimizer_steps.json")
with open(path, "w") as file:
    json.dump(fixture, file, indent=1)
    file.write("\n")
