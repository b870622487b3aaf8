"""Training throughput of Keras 3 (JAX backend) on the shapes of `bench-training`.

The same work as Sources/bench-training: seeded synthetic one-hot data of full length,
the same layers and sizes, Adam with Keras's defaults, categorical cross-entropy, teacher
forcing, the same batch size and samples per epoch; one warm-up `fit` (which also compiles),
then a timed `fit` of N epochs with `verbose=0` and Keras's default `jit_compile`.
Prints one JSON line.

    KERAS_BACKEND=jax python bench/keras_training.py --shape addition --epochs 30
"""

import argparse
import json
import os
import time

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402
import numpy as np  # noqa: E402

BATCH_SIZE = {"addition": 32, "lstm-seq2seq": 64}
DEFAULT_SAMPLES = {"addition": 1000, "lstm-seq2seq": 640}


def one_hot(ids, size):
    return np.eye(size, dtype="float32")[ids]


def addition(samples, rng):
    """LSTM(75) over 5x12 one-hot, RepeatVector(2), LSTM(50), Dense(12) softmax."""
    model = keras.Sequential(
        [
            keras.Input((5, 12)),
            keras.layers.LSTM(75),
            keras.layers.RepeatVector(2),
            keras.layers.LSTM(50, return_sequences=True),
            keras.layers.TimeDistributed(keras.layers.Dense(12, activation="softmax")),
        ]
    )
    x = one_hot(rng.integers(0, 12, (samples, 5)), 12)
    y = one_hot(rng.integers(0, 12, (samples, 2)), 12)
    return model, x, y


def lstm_seq2seq(samples, rng):
    """Keras's lstm_seq2seq example: 71 -> 93 tokens, latent 256, 15 and 59 steps."""
    encoder_inputs = keras.Input((None, 71))
    _, hidden, cell = keras.layers.LSTM(256, return_state=True)(encoder_inputs)
    decoder_inputs = keras.Input((None, 93))
    decoder_outputs, _, _ = keras.layers.LSTM(256, return_sequences=True, return_state=True)(
        decoder_inputs, initial_state=[hidden, cell]
    )
    outputs = keras.layers.Dense(93, activation="softmax")(decoder_outputs)
    model = keras.Model([encoder_inputs, decoder_inputs], outputs)
    # Ids 0 and 1 are the start and end tokens, as in bench-training: the decoder reads
    # start + target and writes target + end (teacher forcing), 59 steps.
    source = rng.integers(0, 71, (samples, 15))
    target = rng.integers(2, 93, (samples, 58))
    fed = np.concatenate([np.zeros((samples, 1), dtype=int), target], axis=1)
    written = np.concatenate([target, np.ones((samples, 1), dtype=int)], axis=1)
    return model, [one_hot(source, 71), one_hot(fed, 93)], one_hot(written, 93)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shape", choices=sorted(BATCH_SIZE), default="addition")
    parser.add_argument("--samples", type=int, help="samples per epoch")
    parser.add_argument("--epochs", type=int, default=10, help="timed epochs")
    parser.add_argument("--warmup-epochs", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    samples = args.samples or DEFAULT_SAMPLES[args.shape]
    batch_size = BATCH_SIZE[args.shape]
    keras.utils.set_random_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    build = addition if args.shape == "addition" else lstm_seq2seq
    model, x, y = build(samples, rng)
    model.compile(optimizer="adam", loss="categorical_crossentropy")
    if args.warmup_epochs:
        model.fit(x, y, batch_size=batch_size, epochs=args.warmup_epochs, verbose=0)
    started = time.perf_counter()
    history = model.fit(x, y, batch_size=batch_size, epochs=args.epochs, verbose=0)
    seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "implementation": "keras",
                "shape": args.shape,
                "batch_size": batch_size,
                "samples_per_epoch": samples,
                "epochs": args.epochs,
                "seconds": seconds,
                "samples_per_second": samples * args.epochs / seconds,
                "final_loss": float(history.history["loss"][-1]),
                "backend": keras.backend.backend(),
                "keras": keras.__version__,
            },
            sort_keys=True,
        )
    )


if __name__ == "__main__":
    main()
