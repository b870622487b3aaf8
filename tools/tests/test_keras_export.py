"""Tests of tools/keras_export.py: what it writes for each architecture and what it refuses.
They need Keras 3 (JAX backend, CPU) and numpy, which tools/requirements-test.txt installs
into the `make test` venv; without them they are skipped:

    .venv/bin/python -m pytest -q tools/tests/test_keras_export.py
"""

import json
import struct
import sys
from pathlib import Path

import pytest

from conftest import KERAS_WARNING, import_keras

np, keras = import_keras()
from keras import layers  # noqa: E402

pytestmark = pytest.mark.filterwarnings(KERAS_WARNING)

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import keras_export  # noqa: E402
import keras_import  # noqa: E402

INPUT_TOKENS = [" ", "a", "b", "c"]
TARGET_TOKENS = ["\t", "\n", "x", "y", "z"]


def read_checkpoint(path):
    """(metadata, {name: array}) of a checkpoint, its tensors as keras_import.py reads them."""
    data = Path(path).read_bytes()
    (size,) = struct.unpack("<Q", data[:8])
    return json.loads(data[8:8 + size])["__metadata__"], keras_import.read_checkpoint(path)[1]


def state_bridge(bidirectional=False, use_bias=True, activation="softmax", recurrent_activation="sigmoid",
                 merge_mode="concat"):
    encoder_inputs = keras.Input((None, len(INPUT_TOKENS)))
    decoder_inputs = keras.Input((None, len(TARGET_TOKENS)))
    if bidirectional:
        # Bidirectional returns (output, fh, fc, bh, bc), or with merge_mode=None six
        # tensors, both sequences before the four states.
        fh, fc, bh, bc = layers.Bidirectional(layers.LSTM(2, return_state=True), merge_mode=merge_mode)(encoder_inputs)[-4:]
        states = [layers.Concatenate()([fh, bh]), layers.Concatenate()([fc, bc])]
        units = 4
    else:
        _, h, c = layers.LSTM(3, return_state=True, use_bias=use_bias)(encoder_inputs)
        states, units = [h, c], 3
    decoded, _, _ = layers.LSTM(units, return_sequences=True, return_state=True,
                                recurrent_activation=recurrent_activation)(decoder_inputs, initial_state=states)
    return keras.Model([encoder_inputs, decoder_inputs], layers.Dense(len(TARGET_TOKENS), activation=activation)(decoded))


def export(tmp_path, model, *extra):
    model_path = tmp_path / "model.keras"
    model.save(model_path)
    tokens = tmp_path / "targets.json"
    tokens.write_text(json.dumps(TARGET_TOKENS))
    out = tmp_path / "model.safetensors"
    status = keras_export.main([str(model_path), "--input-tokens", "".join(INPUT_TOKENS), "--target-tokens", str(tokens),
                                "--max-input-length", "5", "--max-output-length", "7", "--out", str(out), *extra])
    return status, out


def test_state_bridge_checkpoint_holds_keras_weights_and_config(tmp_path):
    model = state_bridge()
    status, out = export(tmp_path, model, "--name", "tiny")
    assert status == 0
    metadata, tensors = read_checkpoint(out)
    assert metadata["format"] == "unrolled-checkpoint" and metadata["version"] == "1" and metadata["name"] == "tiny"
    config = json.loads(metadata["config"])
    assert config["bridge"] == "stateBridge"
    assert config["encoder"] == {"units": 3, "bidirectional": False, "mergeMode": "concat",
                                 "activation": "tanh", "recurrentActivation": "sigmoid"}
    assert config["outputVocabulary"] == {"tokens": TARGET_TOKENS, "unit": "character"}
    assert (config["startToken"], config["endToken"]) == ("\t", "\n")
    assert (config["maxInputLength"], config["maxOutputLength"]) == (5, 7)
    assert sorted(tensors) == ["decoder/bias", "decoder/kernel", "decoder/recurrent_kernel", "encoder/bias",
                               "encoder/kernel", "encoder/recurrent_kernel", "output/bias", "output/kernel"]
    encoder = model.layers[2]
    np.testing.assert_array_equal(tensors["encoder/kernel"], np.asarray(encoder.cell.kernel))
    assert tensors["decoder/recurrent_kernel"].shape == (3, 12)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".model.safetensors")], "no temporary file left"


def test_bidirectional_encoder_writes_both_directions(tmp_path):
    status, out = export(tmp_path, state_bridge(bidirectional=True))
    assert status == 0
    metadata, tensors = read_checkpoint(out)
    assert "encoder/forward/kernel" in tensors and "encoder/backward/bias" in tensors
    assert json.loads(metadata["config"])["decoder"]["units"] == 4


def test_a_backward_layer_of_its_own_becomes_the_encoders_backward_layer(tmp_path):
    encoder_inputs = keras.Input((None, len(INPUT_TOKENS)))
    decoder_inputs = keras.Input((None, len(TARGET_TOKENS)))
    encoder = layers.Bidirectional(
        layers.LSTM(2, return_state=True),
        backward_layer=layers.LSTM(2, activation="relu", go_backwards=True, return_state=True))
    _, fh, fc, bh, bc = encoder(encoder_inputs)
    states = [layers.Concatenate()([fh, bh]), layers.Concatenate()([fc, bc])]
    decoded = layers.LSTM(4, return_sequences=True)(decoder_inputs, initial_state=states)
    model = keras.Model([encoder_inputs, decoder_inputs], layers.Dense(len(TARGET_TOKENS), activation="softmax")(decoded))
    status, out = export(tmp_path, model)
    assert status == 0
    config = json.loads(read_checkpoint(out)[0]["config"])
    assert config["encoder"]["activation"] == "tanh"
    assert config["encoder"]["backwardLayer"] == {
        "activation": "relu", "recurrentActivation": "sigmoid", "goBackwards": True, "stateful": False}
    plain = json.loads(read_checkpoint(export(tmp_path, state_bridge(bidirectional=True))[1])[0]["config"])
    assert "backwardLayer" not in plain["encoder"], "the same options in both directions add nothing"


def test_repeat_bridge_sequential(tmp_path):
    model = keras.Sequential([
        keras.Input((5, len(INPUT_TOKENS))), layers.LSTM(3), layers.RepeatVector(7),
        layers.LSTM(4, return_sequences=True), layers.TimeDistributed(layers.Dense(len(TARGET_TOKENS), activation="softmax")),
    ])
    model_path = tmp_path / "model.keras"
    model.save(model_path)
    out = tmp_path / "out.safetensors"
    assert keras_export.main([str(model_path), "--input-tokens", " abc", "--target-tokens", " xyzw",
                              "--output-padding", "right", "--out", str(out)]) == 0
    config = json.loads(read_checkpoint(out)[0]["config"])
    assert config["bridge"] == "repeatBridge" and config["maxOutputLength"] == 7 and config["maxInputLength"] == 5
    assert config["outputPadding"] == {"width": 7, "side": "right", "token": " "}
    assert "startToken" not in config and "endToken" not in config


@pytest.mark.parametrize("model, message", [
    (lambda: state_bridge(use_bias=False), "use_bias=False"),
    (lambda: state_bridge(activation="relu"), "activation='relu'"),
    (lambda: state_bridge(recurrent_activation="hard_sigmoid"), "hard_sigmoid"),
])
def test_refuses_what_unrolled_cannot_compute(tmp_path, capsys, model, message):
    existing = tmp_path / "model.safetensors"
    existing.write_bytes(b"old")
    status, out = export(tmp_path, model())
    assert status == 1
    error = capsys.readouterr().err.strip().splitlines()
    assert len(error) == 1 and error[0].startswith("keras_export: error:") and message in error[0]
    assert out.read_bytes() == b"old", "a failed export leaves the old file alone"


def test_repeat_bridge_functional(tmp_path):
    inputs = keras.Input((5, len(INPUT_TOKENS)))
    repeated = layers.RepeatVector(7)(layers.LSTM(3)(inputs))
    decoded = layers.LSTM(4, return_sequences=True)(repeated)
    model = keras.Model(inputs, layers.TimeDistributed(layers.Dense(len(TARGET_TOKENS), activation="softmax"))(decoded))
    status, out = export(tmp_path, model)
    assert status == 0
    assert json.loads(read_checkpoint(out)[0]["config"])["bridge"] == "repeatBridge"


def conditioned_repeat_bridge(order="repeated first"):
    inputs = keras.Input((5, len(INPUT_TOKENS)))
    previous = keras.Input((7, len(TARGET_TOKENS)))
    repeated = layers.RepeatVector(7)(layers.LSTM(3)(inputs))
    pieces = [repeated, previous] if order == "repeated first" else [previous, repeated]
    decoded = layers.LSTM(4, return_sequences=True)(layers.Concatenate()(pieces))
    return keras.Model([inputs, previous], layers.Dense(len(TARGET_TOKENS), activation="softmax")(decoded))


def series_model(features=1):
    inputs = keras.Input((5, features))
    decoded = layers.LSTM(4, return_sequences=True)(layers.RepeatVector(7)(layers.LSTM(3)(inputs)))
    return keras.Model(inputs, layers.TimeDistributed(layers.Dense(features))(decoded))


def bidirectional_decoder(merge_mode="concat", backward_activation="tanh"):
    encoder_inputs = keras.Input((None, len(INPUT_TOKENS)))
    decoder_inputs = keras.Input((None, len(TARGET_TOKENS)))
    _, fh, fc, bh, bc = layers.Bidirectional(layers.LSTM(2, return_state=True))(encoder_inputs)
    decoder = layers.Bidirectional(
        layers.LSTM(2, return_sequences=True), merge_mode=merge_mode,
        backward_layer=layers.LSTM(2, return_sequences=True, go_backwards=True, activation=backward_activation))
    decoded = decoder(decoder_inputs, initial_state=[fh, fc, bh, bc])
    return keras.Model([encoder_inputs, decoder_inputs], layers.Dense(len(TARGET_TOKENS), activation="softmax")(decoded))


def test_a_bidirectional_encoder_with_merge_mode_none_hands_over_its_states(tmp_path):
    status, out = export(tmp_path, state_bridge(bidirectional=True, merge_mode=None))
    assert status == 0
    config = json.loads(read_checkpoint(out)[0]["config"])
    assert config["encoder"]["mergeMode"] == "none" and config["bridge"] == "stateBridge"


def test_the_conditioned_decoder_is_a_repeat_bridge_that_reads_its_previous_token(tmp_path):
    status, out = export(tmp_path, conditioned_repeat_bridge())
    assert status == 0
    metadata, tensors = read_checkpoint(out)
    config = json.loads(metadata["config"])
    assert config["bridge"] == "repeatBridge" and config["conditionedDecoder"] is True
    assert config["startToken"] == "\t" and "endToken" not in config
    assert config["maxOutputLength"] == 7, "RepeatVector's n, whatever --max-output-length says"
    assert tensors["decoder/kernel"].shape == (3 + len(TARGET_TOKENS), 16), "[encoding | previous token]"


def test_the_series_forecaster_names_its_values(tmp_path):
    model_path = tmp_path / "series.keras"
    series_model(features=2).save(model_path)
    out = tmp_path / "series.safetensors"
    assert keras_export.main([str(model_path), "--decimals", "4", "--out", str(out)]) == 0
    config = json.loads(read_checkpoint(out)[0]["config"])
    assert config["series"] == {"decimals": 4}
    assert config["inputVocabulary"] == config["outputVocabulary"] == {"tokens": ["x1", "x2"], "unit": "character"}
    assert (config["maxInputLength"], config["maxOutputLength"]) == (5, 7)
    assert "startToken" not in config and "inputPadding" not in config


def test_the_bidirectional_decoder_keeps_both_halves(tmp_path):
    status, out = export(tmp_path, bidirectional_decoder())
    assert status == 0
    metadata, tensors = read_checkpoint(out)
    config = json.loads(metadata["config"])
    assert config["decoder"] == {"units": 2, "activation": "tanh", "recurrentActivation": "sigmoid", "bidirectional": True}
    assert "decoder/forward/kernel" in tensors and "decoder/backward/recurrent_kernel" in tensors
    assert tensors["output/kernel"].shape == (4, len(TARGET_TOKENS)), "the two halves concatenated"


@pytest.mark.parametrize("model, options, message", [
    (lambda: conditioned_repeat_bridge("previous first"), [], "Concatenate()([RepeatVector(n)(encoding), previous tokens])"),
    (lambda: bidirectional_decoder(merge_mode="sum"), [], "concatenates its halves"),
    (lambda: bidirectional_decoder(backward_activation="relu"), [], "one set of options for both"),
    (lambda: series_model(), ["--output-padding", "right"], "no padding"),
])
def test_refuses_what_the_new_architectures_cannot_be(tmp_path, capsys, model, options, message):
    status, _ = export(tmp_path, model(), *options)
    assert status == 1
    error = capsys.readouterr().err.strip().splitlines()
    assert len(error) == 1 and error[0].startswith("keras_export: error:") and message in error[0]


def test_refuses_a_vocabulary_of_the_wrong_size(tmp_path, capsys):
    model_path = tmp_path / "model.keras"
    state_bridge().save(model_path)
    status = keras_export.main([str(model_path), "--input-tokens", "ab", "--target-tokens", "xyz",
                                "--max-input-length", "5", "--out", str(tmp_path / "x.safetensors")])
    assert status == 1
    assert "--input-tokens has 2 tokens" in capsys.readouterr().err
