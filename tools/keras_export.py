#!/usr/bin/env python3
"""Export a Keras 3 LSTM encoder-decoder (a .keras file) as an unrolled checkpoint.

Someone who trained the Keras lstm_seq2seq example (or the addition tutorial's
RepeatVector model) can trace their own model with unrolled: this script reads the
.keras file, checks that every layer and option is one unrolled computes exactly as
Keras does, and writes the weights and a configuration as safetensors.

Recognised models
  state bridge   the lstm_seq2seq training model: two Inputs; an encoder LSTM (or
                 Bidirectional(LSTM), any merge_mode) with return_state=True, optionally
                 after an Embedding; a decoder LSTM(return_sequences=True) called with
                 initial_state = the encoder's [h, c] (for a bidirectional encoder,
                 Concatenate()([fh, bh]) and Concatenate()([fc, bc])), optionally after
                 an Embedding; a Dense softmax (optionally in TimeDistributed).
  bidirectional decoder
                 the same with a Bidirectional encoder and a decoder
                 Bidirectional(LSTM(return_sequences=True)) (merge_mode='concat', the same
                 options in both halves) called with initial_state=[fh, fc, bh, bc].
  repeat bridge  a Sequential model (or a functional one with one input and the same
                 layers): [Embedding,] LSTM or Bidirectional(LSTM)
                 (return_sequences=False), RepeatVector(n), LSTM(return_sequences=True),
                 Dense softmax or TimeDistributed(Dense softmax).
  conditioned decoder
                 a repeat bridge with a second Input, the previous tokens one-hot (n, V):
                 the decoder LSTM reads Concatenate()([RepeatVector(n)(encoding),
                 previous tokens]); Dense softmax. It reads --start-token first.
  series forecaster
                 a repeat bridge whose output is TimeDistributed(Dense(F, linear)): F real
                 values per step in and out, no Embedding, no padding.
  Dropout layers are allowed anywhere (they do nothing at inference).

Checkpoint written (read by unrolled's Swift checkpoint reader)
  safetensors, every tensor float32 little-endian, Keras shapes:
    encoder/kernel [I, 4U]   encoder/recurrent_kernel [U, 4U]   encoder/bias [4U]
      (bidirectional: encoder/forward/... and encoder/backward/... instead)
    decoder/kernel, decoder/recurrent_kernel, decoder/bias
      (bidirectional decoder: decoder/forward/... and decoder/backward/...)
    output/kernel [U_dec, V_out]   output/bias [V_out]
    encoder_embedding/embeddings [V_in, D]    when the encoder reads an Embedding
    decoder_embedding/embeddings [V_out, D]   when the decoder reads an Embedding
  __metadata__ (all values strings):
    format   "unrolled-checkpoint"
    version  "1"
    name     the model's name
    config   JSON of the Swift Seq2SeqConfiguration: name, bridge ("stateBridge" or
             "repeatBridge"), encoder {units, bidirectional, mergeMode, activation,
             recurrentActivation, embeddingSize?}, decoder {units, activation,
             recurrentActivation, embeddingSize?}, inputVocabulary {tokens, unit},
             outputVocabulary {tokens, unit}, maxInputLength, maxOutputLength,
             inputPadding? {width, side, token}, outputPadding?, reverseInput,
             startToken?, endToken?, conditionedDecoder?, series? {decimals}
             (absent optionals are left out; decoder.bidirectional only when true)

Vocabularies: a token's index is its one-hot position (or Embedding row); a series
model's vocabulary names its values per step (x, or x1 ... xF unless --input-tokens names
them). The
lstm_seq2seq example builds them as sorted(list(set(chars))): pass that list. A plain
string is taken character by character, literally; tokens that are hard to type (the
example's tab and newline) go in a JSON file holding a list of strings.

Exit status 0 on success; 1 with one line "keras_export: error: ..." on stderr when the
model or an argument cannot be represented.

The way back, a checkpoint to a .keras model, is tools/keras_import.py.
"""

from __future__ import annotations

import argparse
import json
import os
import struct
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

FORMAT_NAME = "unrolled-checkpoint"
FORMAT_VERSION = 1
SUPPORTED_ACTIVATIONS = ("tanh", "sigmoid", "relu", "linear")
MERGE_MODES = {"concat": "concat", "sum": "sum", "mul": "mul", "ave": "ave", None: "none"}


class ExportError(Exception):
    """A model or an argument that unrolled cannot represent; the message says which."""


# ----------------------------------------------------------------------------------
# Reading the Keras model


def _class_name(layer) -> str:
    return type(layer).__name__


def _activation_name(layer, attribute: str) -> str:
    import keras

    function = getattr(layer, attribute)
    name = keras.activations.serialize(function)
    if isinstance(name, dict):
        name = name.get("config", name.get("class_name"))
    if name not in SUPPORTED_ACTIVATIONS:
        raise ExportError(
            f"layer '{layer.name}' has {attribute}={name!r}; unrolled supports "
            f"{', '.join(SUPPORTED_ACTIVATIONS)}")
    return name


def _check_lstm(layer, role: str) -> None:
    """Refuses LSTM options unrolled cannot compute exactly."""
    if _class_name(layer) != "LSTM":
        raise ExportError(f"the {role} is a {_class_name(layer)} ('{layer.name}'); unrolled supports LSTM only")
    if not layer.cell.use_bias:
        raise ExportError(f"LSTM '{layer.name}' ({role}) has use_bias=False; unrolled needs the bias")
    if layer.stateful:
        raise ExportError(f"LSTM '{layer.name}' ({role}) is stateful; unrolled starts every sequence from its initial state")
    for attribute in ("activation", "recurrent_activation"):
        _activation_name(layer.cell, attribute)
    # dropout and recurrent_dropout act only in training; unroll changes nothing computed.


def _lstm_tensors(layer, prefix: str) -> dict:
    import numpy as np

    cell = layer.cell
    return {
        f"{prefix}/kernel": np.asarray(cell.kernel, dtype=np.float32),
        f"{prefix}/recurrent_kernel": np.asarray(cell.recurrent_kernel, dtype=np.float32),
        f"{prefix}/bias": np.asarray(cell.bias, dtype=np.float32),
    }


def _unwrap_dense(layer):
    """The output Dense (out of its TimeDistributed) and its activation, softmax or linear."""
    if _class_name(layer) == "TimeDistributed":
        layer = layer.layer
    if _class_name(layer) != "Dense":
        raise ExportError(f"the output layer '{layer.name}' is a {_class_name(layer)}; unrolled needs Dense with softmax")
    if not layer.use_bias:
        raise ExportError(f"Dense '{layer.name}' has use_bias=False; unrolled needs the bias")
    import keras

    name = keras.activations.serialize(layer.activation)
    if isinstance(name, dict):
        name = name.get("config", name.get("class_name"))
    if name not in ("softmax", "linear"):
        raise ExportError(
            f"Dense '{layer.name}' has activation={name!r}; a token model's output layer is a softmax, "
            "a series model's is linear")
    return layer, name


def _check_embedding(layer) -> None:
    if getattr(layer, "mask_zero", False):
        raise ExportError(
            f"Embedding '{layer.name}' has mask_zero=True; unrolled does not mask by token id "
            "(retrain with mask_zero=False, or pad the way the training data was padded)")


def _encoder_description(layer, role="encoder"):
    """(encoder config without embeddingSize, its tensors, whether it goes backwards)."""
    if _class_name(layer) == "Bidirectional":
        forward, backward = layer.forward_layer, layer.backward_layer
        _check_lstm(forward, f"{role} (forward)")
        _check_lstm(backward, f"{role} (backward)")
        if forward.go_backwards or not backward.go_backwards:
            raise ExportError(f"Bidirectional '{layer.name}' must read forwards then backwards")
        if forward.units != backward.units:
            raise ExportError(f"Bidirectional '{layer.name}' has directions of different sizes")
        # Keras has already checked its rule on a backward_layer of its own (go_backwards
        # differs; stateful, return_sequences and return_state agree); its activations may
        # differ, and unrolled stores them as the encoder's backwardLayer.
        backward_activations = {
            "activation": _activation_name(backward.cell, "activation"),
            "recurrentActivation": _activation_name(backward.cell, "recurrent_activation"),
        }
        if layer.merge_mode not in MERGE_MODES:
            raise ExportError(f"Bidirectional '{layer.name}' has merge_mode={layer.merge_mode!r}")
        tensors = {**_lstm_tensors(forward, "encoder/forward"), **_lstm_tensors(backward, "encoder/backward")}
        config = {
            "units": forward.units, "bidirectional": True, "mergeMode": MERGE_MODES[layer.merge_mode],
            "activation": _activation_name(forward.cell, "activation"),
            "recurrentActivation": _activation_name(forward.cell, "recurrent_activation"),
        }
        if backward_activations != {"activation": config["activation"], "recurrentActivation": config["recurrentActivation"]}:
            config["backwardLayer"] = {**backward_activations, "goBackwards": True, "stateful": False}
        return config, tensors, False
    _check_lstm(layer, role)
    config = {
        "units": layer.units, "bidirectional": False, "mergeMode": "concat",
        "activation": _activation_name(layer.cell, "activation"),
        "recurrentActivation": _activation_name(layer.cell, "recurrent_activation"),
    }
    # A unidirectional encoder that goes backwards reads the input reversed: the same
    # numbers as unrolled's reverseInput.
    return config, _lstm_tensors(layer, "encoder"), bool(layer.go_backwards)


def _decoder_description(layer):
    """(decoder config without embeddingSize, its tensors): an LSTM, or a Bidirectional(LSTM)
    with merge_mode='concat' and the same options in both halves (unrolled's bidirectional
    decoder)."""
    def check(lstm, role, backwards):
        _check_lstm(lstm, role)
        if bool(lstm.go_backwards) != backwards:
            raise ExportError(f"{role} LSTM '{lstm.name}' has go_backwards={lstm.go_backwards}; a decoder writes first to last")
        if not lstm.return_sequences:
            raise ExportError(f"{role} LSTM '{lstm.name}' needs return_sequences=True")
        return {
            "units": lstm.units,
            "activation": _activation_name(lstm.cell, "activation"),
            "recurrentActivation": _activation_name(lstm.cell, "recurrent_activation"),
        }

    if _class_name(layer) != "Bidirectional":
        return check(layer, "decoder", False), _lstm_tensors(layer, "decoder")
    forward = check(layer.forward_layer, "decoder (forward)", False)
    backward = check(layer.backward_layer, "decoder (backward)", True)
    if forward != backward:
        raise ExportError(
            f"Bidirectional decoder '{layer.name}' has halves of different sizes or activations; "
            "unrolled's bidirectional decoder has one set of options for both")
    if layer.merge_mode != "concat":
        raise ExportError(
            f"Bidirectional decoder '{layer.name}' has merge_mode={layer.merge_mode!r}; "
            "unrolled's bidirectional decoder concatenates its halves")
    tensors = {**_lstm_tensors(layer.forward_layer, "decoder/forward"),
               **_lstm_tensors(layer.backward_layer, "decoder/backward")}
    return {**forward, "bidirectional": True}, tensors


def _producer(tensor):
    return tensor._keras_history.operation, tensor._keras_history.tensor_index


def _source(tensor):
    """The layer that made `tensor` and the index of its output, looking through Dropout."""
    layer, index = _producer(tensor)
    while _class_name(layer) == "Dropout":
        layer, index = _producer(layer._inbound_nodes[0].input_tensors[0])
    return layer, index


def _inputs_of(layer):
    return layer._inbound_nodes[0].input_tensors


def _check_layers(model, allowed):
    for layer in model.layers:
        if _class_name(layer) not in allowed:
            raise ExportError(f"layer '{layer.name}' is a {_class_name(layer)}, which unrolled does not support")


def _reads_input(model, layer, index, role, embeddings):
    """Checks that `layer` reads model input `index`, directly or through an Embedding
    (recorded in `embeddings[role]`)."""
    source, _ = _source(_inputs_of(layer)[0])
    if _class_name(source) == "Embedding":
        _check_embedding(source)
        embeddings[role] = source
        source, _ = _source(_inputs_of(source)[0])
    if _class_name(source) != "InputLayer" or source.output is not model.inputs[index]:
        raise ExportError(f"the {role} must read model input {index} (directly or through an Embedding)")


@dataclass
class _KerasParts:
    """The layers of a model keras_export recognises, and which of unrolled's models it is."""

    bridge: str                    # "stateBridge" or "repeatBridge"
    encoder: object                # LSTM or Bidirectional
    decoder: object                # LSTM, or Bidirectional for a bidirectional decoder
    dense: object                  # the output Dense
    output_activation: str         # "softmax", or "linear" for a series model
    embeddings: dict = field(default_factory=dict)  # "encoder" / "decoder" -> Embedding
    repeat_count: int | None = None  # RepeatVector's n
    conditioned: bool = False      # a repeat bridge whose decoder also reads its previous token


def _state_indices(encoder):
    """Where the encoder's states are among its outputs: (h, c), or (fh, fc, bh, bc) for a
    Bidirectional, which returns (output, fh, fc, bh, bc), or with merge_mode=None
    (forward output, backward output, fh, fc, bh, bc)."""
    if _class_name(encoder) != "Bidirectional":
        return (1, 2)
    first = 2 if encoder.merge_mode is None else 1
    return tuple(range(first, first + 4))


def _describe_state_bridge(model):
    """The lstm_seq2seq training model: [encoder input, decoder input] -> probabilities."""
    if len(model.inputs) != 2:
        raise ExportError(f"the model has {len(model.inputs)} inputs; the lstm_seq2seq model has 2 (encoder, decoder)")
    _check_layers(model, {"InputLayer", "LSTM", "Bidirectional", "Dense", "TimeDistributed", "Embedding", "Concatenate",
                          "Dropout"})
    recurrent = [l for l in model.layers if _class_name(l) in ("LSTM", "Bidirectional")]
    if len(recurrent) != 2:
        raise ExportError(f"found {len(recurrent)} recurrent layers; a state-bridge model has an encoder and a decoder")
    output_layer, _ = _source(model.outputs[0])
    dense, activation = _unwrap_dense(output_layer)
    if activation != "softmax":
        raise ExportError(f"Dense '{dense.name}' has activation='linear'; a state bridge writes tokens through a softmax")
    decoder, _ = _source(_inputs_of(output_layer)[0])
    if decoder not in recurrent:
        raise ExportError(f"the output layer reads '{decoder.name}', not the decoder LSTM")
    encoder = next(l for l in recurrent if l is not decoder)
    encoder_lstm = encoder.forward_layer if _class_name(encoder) == "Bidirectional" else encoder
    if not encoder_lstm.return_state:
        raise ExportError(f"encoder '{encoder.name}' needs return_state=True to hand its states to the decoder")

    node = decoder._inbound_nodes[0]
    bidirectional_decoder = _class_name(decoder) == "Bidirectional"
    state_count = 4 if bidirectional_decoder else 2
    if "initial_state" not in node.arguments.kwargs or len(node.input_tensors) != 1 + state_count:
        expected = "[forward h, forward c, backward h, backward c]" if bidirectional_decoder else "[h, c]"
        raise ExportError(f"decoder '{decoder.name}' must be called with initial_state={expected} from the encoder")
    sources = [_source(t) for t in node.input_tensors[1:]]
    indices = _state_indices(encoder)
    if bidirectional_decoder:
        # The decoder's forward half starts from the encoder's forward (h, c), its backward
        # half from the backward (h, c): Bidirectional splits initial_state in two halves.
        if _class_name(encoder) != "Bidirectional" or [(l is encoder, i) for l, i in sources] != [(True, i) for i in indices]:
            raise ExportError(
                f"the bidirectional decoder '{decoder.name}' must start from a Bidirectional encoder's four states, "
                "initial_state=[forward_h, forward_c, backward_h, backward_c]")
    elif _class_name(encoder) == "Bidirectional":
        # The standard pattern: h = Concatenate()([fh, bh]), c = Concatenate()([fc, bc]).
        forward_h, forward_c, backward_h, backward_c = indices
        for (layer, _), expected, what in zip(sources, ((forward_h, backward_h), (forward_c, backward_c)), ("h", "c")):
            parts = [_source(t) for t in _inputs_of(layer)] if _class_name(layer) == "Concatenate" else None
            if parts is None or [(p is encoder, i) for p, i in parts] != [(True, expected[0]), (True, expected[1])]:
                raise ExportError(
                    f"the decoder's initial {what} must be Concatenate()([forward {what}, backward {what}]) "
                    f"of the Bidirectional encoder '{encoder.name}'")
    elif [(layer is encoder, index) for layer, index in sources] != [(True, i) for i in indices]:
        raise ExportError("the decoder's initial_state must be the encoder's [state_h, state_c]")

    embeddings = {}
    _reads_input(model, encoder, 0, "encoder", embeddings)
    _reads_input(model, decoder, 1, "decoder", embeddings)
    return _KerasParts("stateBridge", encoder, decoder, dense, activation, embeddings)


def _describe_repeat_bridge(model):
    """The addition tutorial's stack, or the series forecaster (a linear Dense)."""
    layers = [l for l in model.layers if _class_name(l) not in ("InputLayer", "Dropout")]
    names = [_class_name(l) for l in layers]
    embeddings = {}
    if names and names[0] == "Embedding":
        _check_embedding(layers[0])
        embeddings["encoder"] = layers.pop(0)
        names.pop(0)
    expected = "[Embedding,] LSTM or Bidirectional, RepeatVector, LSTM, Dense or TimeDistributed(Dense)"
    if len(layers) != 4 or names[1] != "RepeatVector":
        _check_layers(model, {"InputLayer", "Dropout", "Embedding", "LSTM", "Bidirectional", "RepeatVector", "Dense",
                              "TimeDistributed"})
        raise ExportError(f"the Sequential model has layers {names}; unrolled reads {expected}")
    encoder, repeat, decoder, output = layers
    dense, activation = _unwrap_dense(output)
    if activation == "linear" and embeddings:
        raise ExportError(f"the series model reads an Embedding '{embeddings['encoder'].name}'; a forecaster reads its values")
    return _KerasParts("repeatBridge", encoder, decoder, dense, activation, embeddings, repeat_count=repeat.n)


def _describe_conditioned_repeat_bridge(model):
    """A repeat bridge whose decoder reads [repeated encoding | previous token]: inputs
    [encoder input, previous tokens (one-hot)], RepeatVector(n) of the encoder's output,
    Concatenate()([repeated, previous tokens]), a decoder LSTM, a Dense softmax."""
    if len(model.inputs) != 2:
        raise ExportError(f"the model has {len(model.inputs)} inputs; a conditioned decoder's has 2 (source, previous tokens)")
    _check_layers(model, {"InputLayer", "LSTM", "Bidirectional", "RepeatVector", "Concatenate", "Dense",
                          "TimeDistributed", "Embedding", "Dropout"})
    output_layer, _ = _source(model.outputs[0])
    dense, activation = _unwrap_dense(output_layer)
    if activation != "softmax":
        raise ExportError(f"Dense '{dense.name}' has activation='linear'; a conditioned decoder writes tokens through a softmax")
    decoder, _ = _source(_inputs_of(output_layer)[0])
    if _class_name(decoder) != "LSTM":
        raise ExportError(f"the output layer reads '{decoder.name}', not the decoder LSTM")
    joined, _ = _source(_inputs_of(decoder)[0])
    parts = [_source(t)[0] for t in _inputs_of(joined)] if _class_name(joined) == "Concatenate" else []
    if (len(parts) != 2 or _class_name(parts[0]) != "RepeatVector" or _class_name(parts[1]) != "InputLayer"
            or parts[1].output is not model.inputs[1] or joined.axis not in (-1, 2)):
        raise ExportError(
            f"the conditioned decoder '{decoder.name}' must read Concatenate()([RepeatVector(n)(encoding), "
            "previous tokens]), the previous tokens one-hot as model input 1")
    repeat = parts[0]
    encoder, _ = _source(_inputs_of(repeat)[0])
    if _class_name(encoder) not in ("LSTM", "Bidirectional"):
        raise ExportError(f"RepeatVector '{repeat.name}' repeats '{encoder.name}', a {_class_name(encoder)}, not the encoder")
    embeddings = {}
    _reads_input(model, encoder, 0, "encoder", embeddings)
    return _KerasParts("repeatBridge", encoder, decoder, dense, activation, embeddings, repeat_count=repeat.n,
                       conditioned=True)


def _fixed_length(shape):
    return shape[1] if len(shape) > 1 and shape[1] is not None else None


def _recognise(model) -> _KerasParts:
    """Which of unrolled's models `model` is, and its layers."""
    repeats = any(_class_name(layer) == "RepeatVector" for layer in model.layers)
    if _class_name(model) == "Sequential":
        return _describe_repeat_bridge(model)
    if _class_name(model) not in ("Functional", "Model"):
        raise ExportError(f"the model is a {_class_name(model)}; unrolled reads a Sequential or functional Model")
    if repeats and len(model.inputs) > 1:
        return _describe_conditioned_repeat_bridge(model)
    if repeats:
        # A functional model with one input and a RepeatVector is the same stack of layers.
        return _describe_repeat_bridge(model)
    return _describe_state_bridge(model)


def model_kind(config: dict) -> str:
    """Which of unrolled's models a configuration is, in words."""
    if "series" in config:
        return "series forecaster"
    if config.get("conditionedDecoder"):
        return "conditioned repeat bridge"
    if config["decoder"].get("bidirectional"):
        return "state bridge with a bidirectional decoder"
    return "state bridge" if config["bridge"] == "stateBridge" else "repeat bridge"


def series_value_names(count: int) -> list[str]:
    """The names a series model's vocabulary gives its values per step: x, or x1 ... xF."""
    return ["x"] if count == 1 else [f"x{index + 1}" for index in range(count)]


def describe(model, input_tokens=None, target_tokens=None, *, input_unit=None, target_unit=None,
             name="model", start_token="\t", end_token="\n", max_input_length=None, max_output_length=None,
             input_padding=None, output_padding=None, padding_token=" ", reverse_input=False, decimals=3):
    """The Seq2SeqConfiguration dictionary and the named float32 tensors of a Keras model.

    A series model (a linear output Dense) names its values per step with `input_tokens`
    (the same list for its output), by default x or x1 ... xF; a token model needs both lists.
    Raises ExportError naming the first layer or option unrolled cannot represent.
    """
    import numpy as np

    parts = _recognise(model)
    encoder, dense, embeddings = parts.encoder, parts.dense, parts.embeddings
    series = parts.output_activation == "linear"
    inner = encoder.forward_layer if _class_name(encoder) == "Bidirectional" else encoder
    if parts.bridge == "repeatBridge" and _class_name(encoder) in ("LSTM", "Bidirectional") and inner.return_sequences:
        raise ExportError(f"encoder '{encoder.name}' has return_sequences=True; RepeatVector repeats one vector")
    encoder_config, tensors, goes_backwards = _encoder_description(encoder)
    if parts.bridge == "repeatBridge" and encoder_config["bidirectional"] and encoder_config["mergeMode"] == "none":
        raise ExportError(f"Bidirectional '{encoder.name}' has merge_mode=None; RepeatVector needs one merged vector")
    decoder_config, decoder_tensors = _decoder_description(parts.decoder)
    tensors.update(decoder_tensors)
    decoder = parts.decoder
    if parts.bridge == "repeatBridge" and decoder_config.get("bidirectional"):
        raise ExportError(f"the decoder '{decoder.name}' is bidirectional; unrolled's bidirectional decoder starts "
                          "from a Bidirectional encoder's four states, after no RepeatVector")

    encoder_vocabulary_size = (embeddings["encoder"].input_dim if "encoder" in embeddings
                               else tensors["encoder/kernel" if "encoder/kernel" in tensors else "encoder/forward/kernel"].shape[0])
    if series:
        if input_padding or output_padding:
            raise ExportError("a series model reads and writes no padding: leave out --input-padding and --output-padding")
        if dense.units != encoder_vocabulary_size:
            raise ExportError(f"the series model reads {encoder_vocabulary_size} values per step but Dense '{dense.name}' "
                              f"writes {dense.units}; unrolled's forecaster writes as many as it reads")
        if input_tokens is not None and target_tokens is not None and list(input_tokens) != list(target_tokens):
            raise ExportError("a series model has one list of value names: give --input-tokens only")
        input_tokens = target_tokens = list(input_tokens or target_tokens or series_value_names(dense.units))
        if not isinstance(decimals, int) or not 0 <= decimals <= 9:
            raise ExportError(f"--decimals must be a whole number from 0 to 9, not {decimals}")
    elif input_tokens is None or target_tokens is None:
        raise ExportError("give --input-tokens and --target-tokens: the tokens in one-hot (or Embedding row) order")

    for tokens, what in ((input_tokens, "input"), (target_tokens, "target")):
        if len(set(tokens)) != len(tokens):
            duplicates = sorted({t for t in tokens if tokens.count(t) > 1})
            raise ExportError(f"the {what} tokens repeat {duplicates!r}; each token must appear once")
        if not tokens:
            raise ExportError(f"the {what} tokens are empty")

    if "encoder" in embeddings:
        table = embeddings["encoder"]
        encoder_config["embeddingSize"] = table.output_dim
        tensors["encoder_embedding/embeddings"] = np.asarray(table.embeddings, dtype=np.float32)
    if len(input_tokens) != encoder_vocabulary_size:
        what = "values per step" if series else "a vocabulary of"
        raise ExportError(
            f"--input-tokens has {len(input_tokens)} tokens but the encoder reads {what} {encoder_vocabulary_size}")

    if "decoder" in embeddings:
        table = embeddings["decoder"]
        decoder_config["embeddingSize"] = table.output_dim
        tensors["decoder_embedding/embeddings"] = np.asarray(table.embeddings, dtype=np.float32)
        if table.input_dim != dense.units:
            raise ExportError(f"decoder Embedding '{table.name}' has {table.input_dim} rows but the output has {dense.units} tokens")
    tensors["output/kernel"] = np.asarray(dense.kernel, dtype=np.float32)
    tensors["output/bias"] = np.asarray(dense.bias, dtype=np.float32)
    if len(target_tokens) != dense.units:
        raise ExportError(f"--target-tokens has {len(target_tokens)} tokens but Dense '{dense.name}' writes {dense.units}")

    encoding = encoder_config["units"] * (2 if encoder_config["bidirectional"] else 1)
    decoder_reads = tensors["decoder/kernel" if "decoder/kernel" in tensors else "decoder/forward/kernel"].shape[0]
    if parts.bridge == "stateBridge":
        if decoder_config.get("bidirectional"):
            if decoder_config["units"] != encoder_config["units"]:
                raise ExportError(f"each half of the bidirectional decoder '{decoder.name}' has {decoder_config['units']} "
                                  f"units; each half of the encoder hands over {encoder_config['units']}")
        elif decoder_config["units"] != encoding:
            raise ExportError(f"decoder LSTM '{decoder.name}' has {decoder_config['units']} units; the encoder hands over {encoding}")
        decoder_vocabulary = embeddings["decoder"].input_dim if "decoder" in embeddings else decoder_reads
        if decoder_vocabulary != len(target_tokens):
            raise ExportError(f"the decoder reads {decoder_vocabulary} tokens but --target-tokens has {len(target_tokens)}")
        for token, what in ((start_token, "--start-token"), (end_token, "--end-token")):
            if token not in target_tokens:
                raise ExportError(f"{what} {token!r} is not among the target tokens")
    else:
        if parts.conditioned:
            if start_token not in target_tokens:
                raise ExportError(f"--start-token {start_token!r} is not among the target tokens; the conditioned "
                                  "decoder reads it at its first step")
            merged = encoder_config["units"] * (
                2 if encoder_config["bidirectional"] and encoder_config["mergeMode"] == "concat" else 1)
            if decoder_reads != merged + len(target_tokens):
                raise ExportError(f"the conditioned decoder '{decoder.name}' reads {decoder_reads - merged} previous-token "
                                  f"values per step but --target-tokens has {len(target_tokens)} tokens")
        if max_output_length is not None and max_output_length != parts.repeat_count:
            raise ExportError(f"--max-output-length is {max_output_length} but RepeatVector repeats {parts.repeat_count} times")
        max_output_length = parts.repeat_count

    if max_input_length is None:
        max_input_length = _fixed_length(tuple(model.inputs[0].shape))
    if max_input_length is None:
        raise ExportError("the encoder input has no fixed length: give --max-input-length (max_encoder_seq_length in the example)")
    if max_output_length is None:
        max_output_length = _fixed_length(tuple(model.inputs[1].shape))
        if max_output_length is None:
            raise ExportError("give --max-output-length (max_decoder_seq_length in the example)")

    input_unit = input_unit or ("word" if any(len(t) != 1 for t in input_tokens) else "character")
    target_unit = target_unit or ("word" if any(len(t) != 1 for t in target_tokens) else "character")
    if series:
        input_unit = target_unit = "character"  # a series reads no text; unrolled ignores the unit
    config = {
        "name": name,
        "bridge": parts.bridge,
        "encoder": encoder_config,
        "decoder": decoder_config,
        "inputVocabulary": {"tokens": list(input_tokens), "unit": input_unit},
        "outputVocabulary": {"tokens": list(target_tokens), "unit": target_unit},
        "maxInputLength": int(max_input_length),
        "maxOutputLength": int(max_output_length),
        "reverseInput": bool(reverse_input) != goes_backwards,
    }
    if input_padding:
        if padding_token not in input_tokens:
            raise ExportError(f"the padding token {padding_token!r} is not among the input tokens")
        config["inputPadding"] = {"width": int(max_input_length), "side": input_padding, "token": padding_token}
    if output_padding:
        if padding_token not in target_tokens:
            raise ExportError(f"the padding token {padding_token!r} is not among the target tokens")
        config["outputPadding"] = {"width": int(max_output_length), "side": output_padding, "token": padding_token}
    if parts.bridge == "stateBridge":
        config["startToken"] = start_token
        config["endToken"] = end_token
    if parts.conditioned:
        config["startToken"] = start_token
        config["conditionedDecoder"] = True
    if series:
        config["series"] = {"decimals": decimals}
    return config, tensors


# ----------------------------------------------------------------------------------
# Writing safetensors


def safetensors_bytes(tensors: dict, metadata: dict) -> bytes:
    """A safetensors file: 8-byte little-endian header size, JSON header, then the data.

    As docs/checkpoint-format.md specifies and unrolled's SafeTensorsFile writes:
    compact JSON, `__metadata__` first with sorted keys, tensors in name order, data
    float32 little-endian without gaps, the header padded with spaces to a multiple of 8.
    """
    import numpy as np

    header = {"__metadata__": dict(sorted(metadata.items()))}
    chunks, offset = [], 0
    for name in sorted(tensors):
        data = np.ascontiguousarray(tensors[name], dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape), "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    encoded = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    encoded += b" " * (-len(encoded) % 8)
    return struct.pack("<Q", len(encoded)) + encoded + b"".join(chunks)


def checkpoint_bytes(config: dict, tensors: dict) -> bytes:
    metadata = {
        "format": FORMAT_NAME,
        "version": str(FORMAT_VERSION),
        "name": config["name"],
        # As unrolled's own writer encodes it (sorted keys, compact), so the same model
        # gives the same bytes whichever side wrote it.
        "config": json.dumps(config, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
    }
    return safetensors_bytes(tensors, metadata)


def write_atomically(path: Path, write) -> None:
    """Calls `write(temporary)` for a temporary file beside `path` (with its suffix), flushes
    that file to disk and renames it over `path`: a failure never leaves half a file, and
    leaves an existing `path` as it was."""
    path = Path(path)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix, dir=path.parent or ".")
    os.close(descriptor)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # mkstemp creates 0600; give the usual mode
        write(temporary)
        with open(temporary, "rb+") as file:
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


# ----------------------------------------------------------------------------------
# Command line


def read_tokens(argument: str | None, option: str) -> tuple[list[str] | None, str | None]:
    """Tokens from a JSON file (a list of strings) or, otherwise, the characters of a string."""
    if argument is None:
        return None, None
    if argument.endswith(".json"):
        path = Path(argument)
        if not path.is_file():
            raise ExportError(f"{option}: no file {argument}")
        try:
            tokens = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            raise ExportError(f"{option}: {argument} is not JSON ({error.msg}, line {error.lineno})")
        if not isinstance(tokens, list) or not all(isinstance(t, str) and t for t in tokens):
            raise ExportError(f"{option}: {argument} must hold a JSON list of non-empty strings")
        return tokens, None
    return list(argument), "character"


def parser() -> argparse.ArgumentParser:
    result = argparse.ArgumentParser(
        prog="keras_export.py",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="example: python tools/keras_export.py s2s_model.keras --input-tokens input_tokens.json "
               "--target-tokens target_tokens.json --max-input-length 16 --max-output-length 59 "
               "--name fra-eng --out fra-eng.safetensors",
    )
    result.add_argument("model", help="the .keras file")
    result.add_argument("--input-tokens",
                        help="the encoder's tokens in one-hot order: a string of characters, or a .json file with a list "
                             "of strings (a series model: the names of its values per step, default x or x1 ... xF)")
    result.add_argument("--target-tokens",
                        help="the decoder's tokens in one-hot order (with the start and end tokens for a state bridge; "
                             "not for a series model)")
    result.add_argument("--unit", choices=("character", "word"),
                        help="what one token of text is (default: character, or word when a JSON list has longer tokens)")
    result.add_argument("--start-token", default="\t", help="the token fed first (state bridge; default: tab)")
    result.add_argument("--end-token", default="\n", help="the token that ends the output (state bridge; default: newline)")
    result.add_argument("--max-input-length", type=int, help="the longest input in tokens (default: the model's fixed input length)")
    result.add_argument("--max-output-length", type=int,
                        help="the most decoder steps, end token included (default: RepeatVector's n, or the decoder input's fixed length)")
    result.add_argument("--input-padding", choices=("left", "right"), help="pad inputs to --max-input-length on this side")
    result.add_argument("--output-padding", choices=("left", "right"), help="pad targets to --max-output-length on this side")
    result.add_argument("--padding-token", default=" ", help="the padding token (default: space)")
    result.add_argument("--reverse-input", action="store_true", help="the model was trained on reversed inputs")
    result.add_argument("--decimals", type=int, default=3,
                        help="a series model: digits after the point when unrolled writes a value (default: 3)")
    result.add_argument("--name", help="the model's name (default: the file's name without .keras)")
    result.add_argument("--out", required=True, help="the .safetensors file to write")
    return result


def main(argv=None) -> int:
    arguments = parser().parse_args(argv)
    try:
        model_path = Path(arguments.model)
        if not model_path.is_file():
            raise ExportError(f"no file {arguments.model}")
        if model_path.suffix != ".keras":
            raise ExportError(f"{arguments.model} is not a .keras file (save with model.save('name.keras'))")
        input_tokens, input_unit = read_tokens(arguments.input_tokens, "--input-tokens")
        target_tokens, target_unit = read_tokens(arguments.target_tokens, "--target-tokens")
        if arguments.unit:
            input_unit = target_unit = arguments.unit
        for value, option in ((arguments.max_input_length, "--max-input-length"), (arguments.max_output_length, "--max-output-length")):
            if value is not None and value <= 0:
                raise ExportError(f"{option} must be positive, not {value}")
        os.environ.setdefault("KERAS_BACKEND", "jax")
        import keras

        try:
            model = keras.saving.load_model(model_path, compile=False)
        except Exception as error:  # a corrupt file or a custom layer Keras cannot rebuild
            raise ExportError(f"Keras cannot load {arguments.model}: {str(error).splitlines()[0]}")
        config, tensors = describe(
            model, input_tokens, target_tokens, input_unit=input_unit, target_unit=target_unit,
            name=arguments.name or model_path.stem, start_token=arguments.start_token, end_token=arguments.end_token,
            max_input_length=arguments.max_input_length, max_output_length=arguments.max_output_length,
            input_padding=arguments.input_padding, output_padding=arguments.output_padding,
            padding_token=arguments.padding_token, reverse_input=arguments.reverse_input, decimals=arguments.decimals)
        data = checkpoint_bytes(config, tensors)
        write_atomically(Path(arguments.out), lambda temporary: Path(temporary).write_bytes(data))
    except ExportError as error:
        print(f"keras_export: error: {error}", file=sys.stderr)
        return 1
    print(f"wrote {arguments.out}: {model_kind(config)} '{config['name']}', {len(tensors)} tensors", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
