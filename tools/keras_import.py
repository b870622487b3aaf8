#!/usr/bin/env python3
"""Turn an unrolled checkpoint back into a Keras 3 model (a .keras file): the way back of
tools/keras_export.py.

It reads the checkpoint's configuration, builds the Keras model unrolled computes for it
(the same layers keras_export.py reads), sets every weight from the checkpoint's tensors
and saves it. The model then predicts what unrolled computes, to float32 rounding:

  state bridge     the lstm_seq2seq training model: Inputs encoder_inputs (None, V_in) and
                   decoder_inputs (None, V_out) (token ids (None,) through an Embedding when
                   the checkpoint has one); encoder LSTM(return_state=True) or
                   Bidirectional(LSTM(return_state=True)) (the decoder then starts from
                   Concatenate()([fh, bh]), Concatenate()([fc, bc])); decoder
                   LSTM(return_sequences=True); Dense softmax. A bidirectional decoder is
                   Bidirectional(LSTM(return_sequences=True)) called with
                   initial_state=[fh, fc, bh, bc].
  repeat bridge    a Sequential: [Embedding,] LSTM or Bidirectional(LSTM), RepeatVector(n),
                   LSTM(return_sequences=True), TimeDistributed(Dense softmax).
  conditioned      Inputs encoder_inputs and previous_tokens (n, V_out), one-hot: the start
                   token, then the previous target; RepeatVector(n) of the encoding,
                   Concatenate()([repeated, previous_tokens]), LSTM, TimeDistributed(Dense
                   softmax).
  series           a Sequential forecaster: Input (maxInputLength, F), LSTM or
                   Bidirectional(LSTM), RepeatVector(k), LSTM, TimeDistributed(Dense(F,
                   linear)).

Layers are named encoder, decoder, output, encoder_embedding and decoder_embedding. The
encoder input has a fixed length (maxInputLength) when the checkpoint pads its inputs or is
a series model, and any length otherwise. An encoder that reads its input reversed
(reverseInput) becomes LSTM(go_backwards=True), so the Keras model reads the text in its
natural order, as unrolled does. What only turns text into ids (vocabularies, padding,
start and end tokens) stays in the checkpoint: read it with read_checkpoint.

Exit status 0 on success; 1 with one line "keras_import: error: ..." on stderr when the
checkpoint cannot be read or has no Keras equivalent.
"""

from __future__ import annotations

import argparse
import json
import os
import struct
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from keras_export import FORMAT_NAME, FORMAT_VERSION, MERGE_MODES, model_kind, write_atomically  # noqa: E402

KERAS_MERGE_MODES = {unrolled: keras for keras, unrolled in MERGE_MODES.items()}


class KerasImportError(Exception):
    """A checkpoint that cannot be read or has no Keras model; the message says which."""


def read_checkpoint(path) -> tuple[dict, dict]:
    """(configuration, {tensor name: float32 array}) of an unrolled checkpoint.

    Reads the safetensors layout of docs/checkpoint-format.md by hand (numpy only): the
    8-byte header length, the JSON header, then every tensor's little-endian float32 data.
    """
    import numpy as np

    data = Path(path).read_bytes()
    if len(data) < 8:
        raise KerasImportError(f"{path} is not a safetensors file: {len(data)} bytes")
    (size,) = struct.unpack("<Q", data[:8])
    if 8 + size > len(data):
        raise KerasImportError(f"{path} is truncated: its header should be {size} bytes")
    try:
        header = json.loads(data[8:8 + size])
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise KerasImportError(f"{path}: the header is not JSON ({error})")
    metadata = header.pop("__metadata__", {})
    if metadata.get("format") != FORMAT_NAME:
        raise KerasImportError(f"{path} is not an unrolled checkpoint: format is {metadata.get('format')!r}")
    if metadata.get("version") != str(FORMAT_VERSION):
        raise KerasImportError(
            f"{path} has checkpoint version {metadata.get('version')!r}; this tool reads version {FORMAT_VERSION}")
    try:
        config = json.loads(metadata["config"])
    except (KeyError, json.JSONDecodeError) as error:
        raise KerasImportError(f"{path}: the configuration is missing or not JSON ({error})")
    tensors = {}
    for name, entry in header.items():
        try:
            if entry["dtype"] != "F32":
                raise KerasImportError(f"{path}: tensor {name!r} has dtype {entry['dtype']!r}; unrolled writes F32")
            start, end = entry["data_offsets"]
            tensors[name] = np.frombuffer(data[8 + size + start:8 + size + end], dtype="<f4").reshape(entry["shape"])
        except (KeyError, TypeError, ValueError) as error:
            raise KerasImportError(f"{path}: tensor {name!r} is malformed ({error})")
    return config, tensors


def build_model(config: dict, tensors: dict):
    """The Keras model of `config` with the weights in `tensors` (see the module's docstring)."""
    import keras
    from keras import layers

    encoder_config, decoder_config = config["encoder"], config["decoder"]
    if config.get("reverseInput") and encoder_config["bidirectional"]:
        raise KerasImportError(
            "the encoder is bidirectional and reads its input reversed; Keras's Bidirectional has no such option "
            "(reverse the input yourself and build the model without reverseInput)")
    input_count = len(config["inputVocabulary"]["tokens"])
    output_count = len(config["outputVocabulary"]["tokens"])
    fixed = "inputPadding" in config or "series" in config
    length = config["maxInputLength"] if fixed else None
    repeat_count = config["maxOutputLength"]
    state_bridge = config["bridge"] == "stateBridge"

    def lstm(options, name=None, **extra):
        return layers.LSTM(options["units"], activation=options["activation"],
                           recurrent_activation=options["recurrentActivation"], name=name, **extra)

    def encoder_layer():
        returns_state = {"return_state": True} if state_bridge else {}
        if not encoder_config["bidirectional"]:
            return lstm(encoder_config, "encoder", go_backwards=bool(config.get("reverseInput")), **returns_state)
        backward = encoder_config.get("backwardLayer")
        backward_layer = None
        if backward:
            backward_layer = lstm({**encoder_config, **backward}, go_backwards=True, **returns_state)
        return layers.Bidirectional(lstm(encoder_config, **returns_state), backward_layer=backward_layer,
                                    merge_mode=KERAS_MERGE_MODES[encoder_config["mergeMode"]], name="encoder")

    # The encoder's input, and the Embedding it goes through first (an empty list for one-hot).
    if "embeddingSize" in encoder_config:
        source = keras.Input((length,), dtype="int32", name="encoder_inputs")
        source_embedding = [layers.Embedding(input_count, encoder_config["embeddingSize"], name="encoder_embedding")]
    else:
        source = keras.Input((length, input_count), name="encoder_inputs")
        source_embedding = []

    def source_vectors():
        return source_embedding[0](source) if source_embedding else source

    encoder = encoder_layer()
    dense = layers.Dense(output_count, activation="linear" if "series" in config else "softmax", name="output")
    roles = {"encoder": encoder, "output": dense}
    if source_embedding:
        roles["encoder_embedding"] = source_embedding[0]
    if state_bridge:
        if "embeddingSize" in decoder_config:
            fed = keras.Input((None,), dtype="int32", name="decoder_inputs")
            roles["decoder_embedding"] = layers.Embedding(
                output_count, decoder_config["embeddingSize"], name="decoder_embedding")
            fed_vectors = roles["decoder_embedding"](fed)
        else:
            fed = fed_vectors = keras.Input((None, output_count), name="decoder_inputs")
        outputs = encoder(source_vectors())
        if decoder_config.get("bidirectional"):
            decoder = layers.Bidirectional(lstm(decoder_config, return_sequences=True), name="decoder")
            decoded = decoder(fed_vectors, initial_state=list(outputs[-4:]))
        else:
            if encoder_config["bidirectional"]:
                forward_h, forward_c, backward_h, backward_c = outputs[-4:]
                states = [layers.Concatenate()([forward_h, backward_h]), layers.Concatenate()([forward_c, backward_c])]
            else:
                states = list(outputs[1:])
            decoder = lstm(decoder_config, "decoder", return_sequences=True)
            decoded = decoder(fed_vectors, initial_state=states)
        model = keras.Model([source, fed], dense(decoded))
    elif config.get("conditionedDecoder"):
        previous = keras.Input((repeat_count, output_count), name="previous_tokens")
        repeated = layers.RepeatVector(repeat_count)(encoder(source_vectors()))
        decoder = lstm(decoder_config, "decoder", return_sequences=True)
        decoded = decoder(layers.Concatenate()([repeated, previous]))
        model = keras.Model([source, previous], layers.TimeDistributed(dense)(decoded))
    else:
        decoder = lstm(decoder_config, "decoder", return_sequences=True)
        model = keras.Sequential(
            [source] + source_embedding + [encoder, layers.RepeatVector(repeat_count), decoder, layers.TimeDistributed(dense)])
    roles["decoder"] = decoder
    _set_weights(model, roles, tensors)
    return model


def _set_weights(model, roles, tensors):
    """Assigns every weight of the layers in `roles` (checkpoint prefix -> layer) from the
    checkpoint's tensors, shapes checked, and checks that no tensor is left over."""
    def assign(variable, name):
        if name not in tensors:
            raise KerasImportError(f"the checkpoint has no tensor {name!r}")
        if tuple(variable.shape) != tuple(tensors[name].shape):
            raise KerasImportError(f"tensor {name!r} has shape {list(tensors[name].shape)} but the Keras layer needs "
                                   f"{list(variable.shape)}")
        variable.assign(tensors[name])

    def assign_lstm(layer, prefix):
        assign(layer.cell.kernel, f"{prefix}/kernel")
        assign(layer.cell.recurrent_kernel, f"{prefix}/recurrent_kernel")
        assign(layer.cell.bias, f"{prefix}/bias")

    for prefix, layer in roles.items():
        kind = type(layer).__name__
        if kind == "Bidirectional":
            assign_lstm(layer.forward_layer, f"{prefix}/forward")
            assign_lstm(layer.backward_layer, f"{prefix}/backward")
        elif kind == "LSTM":
            assign_lstm(layer, prefix)
        elif kind == "Embedding":
            assign(layer.embeddings, f"{prefix}/embeddings")
        else:
            assign(layer.kernel, f"{prefix}/kernel")
            assign(layer.bias, f"{prefix}/bias")
    weights = sum(len(layer.weights) for layer in model.layers)
    if weights != len(tensors):
        raise KerasImportError(f"the checkpoint has {len(tensors)} tensors but the Keras model has {weights} weights")


def parser() -> argparse.ArgumentParser:
    result = argparse.ArgumentParser(
        prog="keras_import.py", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="example: python tools/keras_import.py fra-eng.safetensors --out fra-eng.keras")
    result.add_argument("checkpoint", help="the unrolled checkpoint (.safetensors)")
    result.add_argument("--out", required=True, help="the .keras file to write")
    return result


def main(argv=None) -> int:
    arguments = parser().parse_args(argv)
    try:
        if not Path(arguments.checkpoint).is_file():
            raise KerasImportError(f"no file {arguments.checkpoint}")
        if not arguments.out.endswith(".keras"):
            raise KerasImportError(f"--out {arguments.out}: Keras saves a model only as a .keras file")
        config, tensors = read_checkpoint(arguments.checkpoint)
        os.environ.setdefault("KERAS_BACKEND", "jax")
        try:
            model = build_model(config, tensors)
        except (KeyError, TypeError, ValueError) as error:  # a configuration unrolled would not have written
            raise KerasImportError(f"{arguments.checkpoint}: Keras cannot build this configuration's model ({error})")
        write_atomically(Path(arguments.out), model.save)
    except KerasImportError as error:
        print(f"keras_import: error: {error}", file=sys.stderr)
        return 1
    print(f"wrote {arguments.out}: {model_kind(config)} '{config['name']}', {len(tensors)} tensors", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
