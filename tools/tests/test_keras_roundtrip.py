"""Keras -> unrolled -> Keras, for every architecture tools/keras_export.py reads, and
unrolled -> Keras for the checkpoints unrolled itself writes.

Each round trip builds a tiny Keras model with weights drawn wide (uniform in [-0.5, 0.5),
so every gate moves), exports it, traces the checkpoint with the built `unrolled`, turns
the checkpoint back into a .keras model with tools/keras_import.py, and checks that

  * unrolled's probabilities (or a forecaster's values) are Keras's, within 1e-5;
  * the model that came back predicts what the original predicts, within 1e-5;
  * exporting the model that came back gives the same checkpoint, byte for byte.

They need Keras 3 (JAX backend, CPU) and numpy, which tools/requirements-test.txt installs;
without them they are skipped.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BUILT_IN_MODELS, FIXTURE_CHECKPOINTS, KERAS_WARNING, import_keras

np, keras = import_keras()
from keras import layers  # noqa: E402

pytestmark = pytest.mark.filterwarnings(KERAS_WARNING)

from test_cli import sample_input, sample_target  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import keras_export  # noqa: E402
import keras_import  # noqa: E402

TOLERANCE = 1e-5
LETTERS = [" ", "a", "b", "c"]
TARGETS = ["\t", "\n", " ", "x", "y", "z"]
WORDS = ["cat", "dog", "ran", "sat", "the"]
TARGET_WORDS = ["\t", "\n", "chat", "chien", "court", "le"]


# ----------------------------------------------------------------------------------
# Keras's inputs for a text, as unrolled prepares it


def token_ids(text, vocabulary):
    pieces = text.split() if vocabulary["unit"] == "word" else list(text)
    return [vocabulary["tokens"].index(piece) for piece in pieces]


def padded(ids, padding, vocabulary):
    if not padding or len(ids) >= padding["width"]:
        return ids
    fill = [vocabulary["tokens"].index(padding["token"])] * (padding["width"] - len(ids))
    return fill + ids if padding["side"] == "left" else ids + fill


def encoded(ids, count, embedded):
    """A batch of one: token ids for an Embedding, one-hot rows otherwise."""
    return np.array([ids], dtype=np.int32) if embedded else np.eye(count, dtype=np.float32)[[ids]]


def keras_inputs(config, source, target):
    """What the Keras model reads for `source` (and `target`), as unrolled prepares them:
    padded as the checkpoint says; a state bridge's decoder fed the start token, then the
    target with its end token, padded after it; a conditioned decoder fed the start token,
    then the target."""
    if "series" in config:
        width = len(config["inputVocabulary"]["tokens"])
        return np.array([float(v) for v in source.split(",")], dtype=np.float32).reshape(1, -1, width)
    vocabulary, outputs = config["inputVocabulary"], config["outputVocabulary"]
    source_ids = padded(token_ids(source, vocabulary), config.get("inputPadding"), vocabulary)
    encoder = encoded(source_ids, len(vocabulary["tokens"]), "embeddingSize" in config["encoder"])
    if config["bridge"] == "repeatBridge" and not config.get("conditionedDecoder"):
        return encoder
    start = outputs["tokens"].index(config["startToken"])
    target_ids = token_ids(target, outputs)
    if config["bridge"] == "stateBridge":
        target_ids = target_ids + [outputs["tokens"].index(config["endToken"])]
    target_ids = padded(target_ids, config.get("outputPadding"), outputs)
    fed = [start] + target_ids[:-1]
    if config.get("conditionedDecoder"):
        # The previous-token input has RepeatVector's n steps; an LSTM step reads nothing
        # later than itself, so the steps past a short target change nothing compared.
        fed = fed + [start] * (config["maxOutputLength"] - len(fed))
    return [encoder, encoded(fed, len(outputs["tokens"]), "embeddingSize" in config["decoder"])]


def unrolled_outputs(unrolled, checkpoint, config, source, target):
    """unrolled's step outputs for `source`: the teacher-forced probabilities of a decoder that
    reads tokens, every free-running step of a plain repeat bridge, a forecaster's values."""
    command = [str(unrolled), "trace", "--checkpoint", str(checkpoint), "--format", "json"]
    reads_tokens = config["bridge"] == "stateBridge" or config.get("conditionedDecoder")
    if reads_tokens:
        command.append(f"--target={target}")
    result = subprocess.run(command + ["--", source], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    trace = json.loads(result.stdout)
    if "series" in config:
        return np.array([step["predictedValues"] for step in trace["freeRunning"]["steps"]], dtype=np.float64)
    decode = trace["teacherForced"] if reads_tokens else trace["freeRunning"]
    return np.array([step["probabilities"] for step in decode["steps"]], dtype=np.float64)


def predictions(model, inputs, steps):
    """The model's first `steps` outputs for a batch of one."""
    return np.asarray(model(inputs), dtype=np.float64)[0, :steps]


def largest_difference(a, b):
    assert a.shape == b.shape, f"{a.shape} != {b.shape}"
    return float(np.max(np.abs(a - b)))


# ----------------------------------------------------------------------------------
# The models


def randomize(model, seed):
    rng = np.random.default_rng(seed)
    for variable in model.weights:
        variable.assign(rng.uniform(-0.5, 0.5, tuple(variable.shape)).astype(np.float32))
    return model


def state_bridge(encoder="lstm", merge_mode="concat", embedded=False, go_backwards=False, decoder="lstm"):
    units = 3
    if embedded:
        source = keras.Input((None,), dtype="int32")
        fed = keras.Input((None,), dtype="int32")
        source_vectors, fed_vectors = layers.Embedding(len(WORDS), 2)(source), layers.Embedding(len(TARGET_WORDS), 3)(fed)
        outputs = len(TARGET_WORDS)
    else:
        source, fed = keras.Input((None, len(LETTERS))), keras.Input((None, len(TARGETS)))
        source_vectors, fed_vectors, outputs = source, fed, len(TARGETS)
    if encoder == "lstm":
        _, h, c = layers.LSTM(units, return_state=True, go_backwards=go_backwards)(source_vectors)
        states, decoder_units = [h, c], units
    else:
        backward = (layers.LSTM(units, activation="relu", go_backwards=True, return_state=True)
                    if encoder == "bidirectional-relu-backward" else None)
        results = layers.Bidirectional(layers.LSTM(units, return_state=True), backward_layer=backward,
                                       merge_mode=merge_mode)(source_vectors)
        forward_h, forward_c, backward_h, backward_c = results[-4:]
        states = [layers.Concatenate()([forward_h, backward_h]), layers.Concatenate()([forward_c, backward_c])]
        decoder_units = 2 * units
    if decoder == "bidirectional":
        decoded = layers.Bidirectional(layers.LSTM(units, return_sequences=True))(
            fed_vectors, initial_state=[forward_h, forward_c, backward_h, backward_c])
    else:
        decoded = layers.LSTM(decoder_units, return_sequences=True)(fed_vectors, initial_state=states)
    return keras.Model([source, fed], layers.Dense(outputs, activation="softmax")(decoded))


def repeat_bridge(encoder="lstm", merge_mode="concat", embedded=False, go_backwards=False):
    stack = [keras.Input((5,), dtype="int32"), layers.Embedding(len(LETTERS), 2)] if embedded else [
        keras.Input((5, len(LETTERS)))]
    recurrent = (layers.LSTM(3, go_backwards=go_backwards) if encoder == "lstm"
                 else layers.Bidirectional(layers.LSTM(3), merge_mode=merge_mode))
    return keras.Sequential(stack + [
        recurrent, layers.RepeatVector(3), layers.LSTM(4, return_sequences=True),
        layers.TimeDistributed(layers.Dense(len(TARGETS) - 2, activation="softmax")),
    ])


def conditioned(encoder="lstm"):
    source, previous = keras.Input((None, len(LETTERS))), keras.Input((3, len(TARGETS)))
    recurrent = layers.LSTM(3) if encoder == "lstm" else layers.Bidirectional(layers.LSTM(2), merge_mode="ave")
    joined = layers.Concatenate()([layers.RepeatVector(3)(recurrent(source)), previous])
    decoded = layers.LSTM(4, return_sequences=True)(joined)
    return keras.Model([source, previous], layers.TimeDistributed(layers.Dense(len(TARGETS), activation="softmax"))(decoded))


def forecaster(features=1, encoder="lstm"):
    recurrent = layers.LSTM(4) if encoder == "lstm" else layers.Bidirectional(layers.LSTM(3))
    return keras.Sequential([
        keras.Input((6, features)), recurrent, layers.RepeatVector(3), layers.LSTM(5, return_sequences=True),
        layers.TimeDistributed(layers.Dense(features)),
    ])


def export_options(case, tmp_path):
    """The token lists of `case` as keras_export.py options (none for a forecaster)."""
    if "inputs" not in case:
        return []
    options = []
    for tokens, option in ((case["inputs"], "--input-tokens"), (case["targets"], "--target-tokens")):
        path = tmp_path / f"{option[2:]}.json"
        path.write_text(json.dumps(tokens))
        options += [option, str(path)]
    return options + ["--max-input-length", "5"]


# The lengths a state bridge's Inputs leave open (its decoder writes at most 6 steps).
STATE = ["--max-output-length", "6"]
CHARACTERS = dict(inputs=LETTERS, targets=TARGETS, source="cab", target="zyx")
REPEATED = dict(inputs=LETTERS, targets=TARGETS[2:], source="ab c", target="zy")
ROUND_TRIPS = {
    "state bridge": (lambda: state_bridge(), CHARACTERS, STATE),
    "state bridge, encoder go_backwards": (lambda: state_bridge(go_backwards=True), CHARACTERS, STATE),
    "state bridge, bidirectional concat": (lambda: state_bridge("bidirectional"), CHARACTERS, STATE),
    "state bridge, bidirectional sum": (lambda: state_bridge("bidirectional", "sum"), CHARACTERS, STATE),
    "state bridge, bidirectional merge_mode=None": (lambda: state_bridge("bidirectional", None), CHARACTERS, STATE),
    "state bridge, backward_layer of its own": (lambda: state_bridge("bidirectional-relu-backward"), CHARACTERS, STATE),
    "state bridge, embeddings": (
        lambda: state_bridge(embedded=True),
        dict(inputs=WORDS, targets=TARGET_WORDS, source="the cat sat", target="le chat court"), STATE),
    "state bridge, output padded after the end token": (
        lambda: state_bridge(), dict(CHARACTERS, target="z"), STATE + ["--output-padding", "right", "--input-padding", "left"]),
    "bidirectional decoder": (lambda: state_bridge("bidirectional", decoder="bidirectional"), CHARACTERS, STATE),
    "bidirectional decoder, merge_mode=None encoder": (
        lambda: state_bridge("bidirectional", None, decoder="bidirectional"), CHARACTERS, STATE),
    "bidirectional decoder, embeddings": (
        lambda: state_bridge("bidirectional", embedded=True, decoder="bidirectional"),
        dict(inputs=WORDS, targets=TARGET_WORDS, source="dog ran", target="le chien"), STATE),
    "repeat bridge": (lambda: repeat_bridge(), REPEATED, ["--output-padding", "right"]),
    "repeat bridge without output padding, short target": (lambda: repeat_bridge(), dict(REPEATED, target="z"), []),
    "repeat bridge, encoder go_backwards": (lambda: repeat_bridge(go_backwards=True), REPEATED, []),
    "repeat bridge, bidirectional concat": (lambda: repeat_bridge("bidirectional"), REPEATED, []),
    "repeat bridge, bidirectional mul": (lambda: repeat_bridge("bidirectional", "mul"), REPEATED, []),
    "repeat bridge, embedding": (lambda: repeat_bridge(embedded=True), REPEATED, ["--input-padding", "right"]),
    "conditioned decoder": (lambda: conditioned(), dict(CHARACTERS, target="zyx"), []),
    "conditioned decoder, bidirectional ave": (lambda: conditioned("bidirectional"), dict(CHARACTERS, target="zxz"), []),
    "series forecaster": (lambda: forecaster(), dict(source="0.1,0.5,-0.3,0.9,0,-1"), []),
    "series forecaster, two values, bidirectional": (
        lambda: forecaster(2, "bidirectional"), dict(source="0.1,0.5,-0.3,0.9,0,-1,0.2,0.2,0.4,-0.6,1,0.7"), []),
}


@pytest.mark.parametrize("name", ROUND_TRIPS)
def test_keras_to_unrolled_to_keras(tmp_path, unrolled, name):
    build, case, extra = ROUND_TRIPS[name]
    model = randomize(build(), seed=sorted(ROUND_TRIPS).index(name))
    original = tmp_path / "original.keras"
    model.save(original)
    options = export_options(case, tmp_path) + extra
    checkpoint = tmp_path / "model.safetensors"
    assert keras_export.main([str(original), *options, "--name", "model", "--out", str(checkpoint)]) == 0
    config, _ = keras_import.read_checkpoint(checkpoint)

    source, target = case["source"], case.get("target", "")
    computed = unrolled_outputs(unrolled, checkpoint, config, source, target)
    inputs = keras_inputs(config, source, target)
    expected = predictions(model, inputs, len(computed))
    assert largest_difference(computed, expected) <= TOLERANCE, "unrolled computes what Keras computes"

    back = tmp_path / "back.keras"
    assert keras_import.main([str(checkpoint), "--out", str(back)]) == 0
    returned = keras.saving.load_model(back, compile=False)
    assert largest_difference(predictions(returned, inputs, len(computed)), expected) <= TOLERANCE, \
        "the model that came back predicts what the original predicts"

    again = tmp_path / "again.safetensors"
    assert keras_export.main([str(back), *options, "--name", "model", "--out", str(again)]) == 0
    assert again.read_bytes() == checkpoint.read_bytes(), "exporting it again gives the same checkpoint"


@pytest.mark.parametrize("checkpoint", FIXTURE_CHECKPOINTS + BUILT_IN_MODELS, ids=lambda path: path.stem)
def test_unrolled_checkpoints_become_keras_models_that_compute_the_same(tmp_path, unrolled, checkpoint):
    config, _ = keras_import.read_checkpoint(checkpoint)
    source, target = sample_input(checkpoint), sample_target(config)
    computed = unrolled_outputs(unrolled, checkpoint, config, source, target)
    out = tmp_path / "model.keras"
    assert keras_import.main([str(checkpoint), "--out", str(out)]) == 0
    model = keras.saving.load_model(out, compile=False)
    expected = predictions(model, keras_inputs(config, source, target), len(computed))
    assert largest_difference(computed, expected) <= TOLERANCE


def test_a_reversed_bidirectional_encoder_has_no_keras_model(tmp_path, capsys):
    checkpoint = next(p for p in FIXTURE_CHECKPOINTS if p.stem == "state-bidirectional")
    config, tensors = keras_import.read_checkpoint(checkpoint)
    reversed_checkpoint = tmp_path / "reversed.safetensors"
    reversed_checkpoint.write_bytes(keras_export.checkpoint_bytes(dict(config, reverseInput=True), tensors))
    existing = tmp_path / "model.keras"
    existing.write_bytes(b"old")
    assert keras_import.main([str(reversed_checkpoint), "--out", str(existing)]) == 1
    error = capsys.readouterr().err.strip().splitlines()
    assert len(error) == 1 and error[0].startswith("keras_import: error:") and "reversed" in error[0]
    assert existing.read_bytes() == b"old", "a failed import leaves the old file alone"


@pytest.mark.parametrize("content, message", [
    (b"short", "not a safetensors file"),
    (b"\x10\x00\x00\x00\x00\x00\x00\x00{}              ", "not an unrolled checkpoint"),
])
def test_refuses_what_is_not_a_checkpoint(tmp_path, capsys, content, message):
    path = tmp_path / "bad.safetensors"
    path.write_bytes(content)
    assert keras_import.main([str(path), "--out", str(tmp_path / "model.keras")]) == 1
    error = capsys.readouterr().err.strip().splitlines()
    assert len(error) == 1 and message in error[0]
    assert not (tmp_path / "model.keras").exists()


def test_a_configuration_keras_cannot_build_is_one_line(tmp_path, capsys):
    checkpoint = next(p for p in FIXTURE_CHECKPOINTS if p.stem == "repeat-lstm")
    config, tensors = keras_import.read_checkpoint(checkpoint)
    del config["encoder"]["units"]
    broken = tmp_path / "broken.safetensors"
    broken.write_bytes(keras_export.checkpoint_bytes(config, tensors))
    assert keras_import.main([str(broken), "--out", str(tmp_path / "model.keras")]) == 1
    error = capsys.readouterr().err.strip().splitlines()
    assert len(error) == 1 and "cannot build" in error[0] and "units" in error[0]
