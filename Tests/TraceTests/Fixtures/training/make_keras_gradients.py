"""Makes keras_gradients.json: the loss and the gradient of every weight of two tiny
Keras 3 seq2seq models on one batch, for KerasGradientTests.

Run from the repository root with the project's venv (Keras 3 + JAX):
    KERAS_BACKEND=jax /opt/unrolled-venv/bin/python \
        Tests/TraceTests/Fixtures/training/make_keras_gradients.py

The models are the two bridges of unrolled over the letters a, b, c (see
Tests/TraceTests/Support/TinyModel.swift): a repeat bridge (LSTM -> RepeatVector -> LSTM
-> TimeDistributed(Dense softmax)) and a state bridge (the lstm_seq2seq pattern: the
encoder's final h and c start the decoder, which reads the previous target token).
Every source has three letters and every target the same length, so no masking or
padding is involved and Keras's mean over (sample, step) is unrolled's mean over counted
pairs. Weights are drawn uniformly in [-0.5, 0.5] with a fixed seed; tensors are listed in
the order of Seq2SeqModel.parameterTensors.
"""

import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import jax  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402

UNITS = 3
LETTERS = ["a", "b", "c"]
SOURCES = ["abc", "cab", "bca", "bba"]
rng = np.random.default_rng(11)


def one_hot(ids, size):
    return np.eye(size, dtype="float32")[ids]


def randomize(model):
    for variable in model.trainable_variables:
        variable.assign(rng.uniform(-0.5, 0.5, size=variable.shape).astype("float32"))


def loss_and_gradients(model, inputs, targets):
    trainable = [v.value for v in model.trainable_variables]
    non_trainable = [v.value for v in model.non_trainable_variables]

    def loss_fn(trainable):
        outputs, _ = model.stateless_call(trainable, non_trainable, inputs)
        return keras.losses.CategoricalCrossentropy()(targets, outputs)

    loss, gradients = jax.value_and_grad(loss_fn)(trainable)
    return float(loss), [np.asarray(g) for g in gradients]


def tensors(model, names, gradients):
    by_path = {v.path: (np.asarray(v.value), g) for v, g in zip(model.trainable_variables, gradients)}
    result = []
    for name, path in names:
        value, gradient = by_path[path]
        result.append({"name": name, "weights": value.reshape(-1).tolist(), "gradient": gradient.reshape(-1).tolist()})
    return result


def repeat_bridge():
    inputs = keras.Input((3, 3))
    encoded = keras.layers.LSTM(UNITS, name="encoder")(inputs)
    repeated = keras.layers.RepeatVector(3)(encoded)
    decoded = keras.layers.LSTM(UNITS, return_sequences=True, name="decoder")(repeated)
    outputs = keras.layers.TimeDistributed(keras.layers.Dense(4, activation="softmax"), name="output")(decoded)
    model = keras.Model(inputs, outputs)
    randomize(model)
    # Output vocabulary [" ", "a", "b", "c"]; targets are the sources reversed.
    source_ids = [[LETTERS.index(c) for c in s] for s in SOURCES]
    target_ids = [[1 + LETTERS.index(c) for c in reversed(s)] for s in SOURCES]
    loss, gradients = loss_and_gradients(model, one_hot(source_ids, 3), one_hot(target_ids, 4))
    names = [
        ("encoder.kernel", "encoder/lstm_cell/kernel"),
        ("encoder.recurrentKernel", "encoder/lstm_cell/recurrent_kernel"),
        ("encoder.bias", "encoder/lstm_cell/bias"),
        ("decoder.kernel", "decoder/lstm_cell/kernel"),
        ("decoder.recurrentKernel", "decoder/lstm_cell/recurrent_kernel"),
        ("decoder.bias", "decoder/lstm_cell/bias"),
        ("output.kernel", "output/dense/kernel"),
        ("output.bias", "output/dense/bias"),
    ]
    return {"sources": SOURCES, "loss": loss, "tensors": tensors(model, names, gradients)}


def state_bridge():
    encoder_inputs = keras.Input((3, 3))
    _, hidden, cell = keras.layers.LSTM(UNITS, return_state=True, name="encoder")(encoder_inputs)
    decoder_inputs = keras.Input((4, 5))
    decoded = keras.layers.LSTM(UNITS, return_sequences=True, name="decoder")(
        decoder_inputs, initial_state=[hidden, cell])
    outputs = keras.layers.Dense(5, activation="softmax", name="output")(decoded)
    model = keras.Model([encoder_inputs, decoder_inputs], outputs)
    randomize(model)
    # Output vocabulary ["\t", "\n", "a", "b", "c"]: the decoder reads "\t" then the
    # reversed source, and must write the reversed source then "\n".
    source_ids = [[LETTERS.index(c) for c in s] for s in SOURCES]
    written = [[2 + LETTERS.index(c) for c in reversed(s)] + [1] for s in SOURCES]
    fed = [[0] + ids[:-1] for ids in written]
    loss, gradients = loss_and_gradients(
        model, [one_hot(source_ids, 3), one_hot(fed, 5)], one_hot(written, 5))
    names = [
        ("encoder.kernel", "encoder/lstm_cell/kernel"),
        ("encoder.recurrentKernel", "encoder/lstm_cell/recurrent_kernel"),
        ("encoder.bias", "encoder/lstm_cell/bias"),
        ("decoder.kernel", "decoder/lstm_cell/kernel"),
        ("decoder.recurrentKernel", "decoder/lstm_cell/recurrent_kernel"),
        ("decoder.bias", "decoder/lstm_cell/bias"),
        ("output.kernel", "output/kernel"),
        ("output.bias", "output/bias"),
    ]
    return {"sources": SOURCES, "loss": loss, "tensors": tensors(model, names, gradients)}


fixture = {"keras": keras.__version__, "repeatBridge": repeat_bridge(), "stateBridge": state_bridge()}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "keras_gradients.json")
with open(path, "w") as file:
    json.dump(fixture, file, indent=1)
    file.write("\n")
