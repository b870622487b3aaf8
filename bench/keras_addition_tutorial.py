"""The addition tutorial end to end in Keras 3: what `unrolled train --task addition` does.

Brownlee's data (two terms in 1..10, the question right-justified to 5 characters, the sum
to 2), 1,000 questions of which the last 200 are held out; LSTM(75), RepeatVector(2),
LSTM(50), TimeDistributed(Dense(12, softmax)); Adam; `fit` for the epochs, batch 32, with
the held-out loss after every epoch; then the held-out loss and greedy exact match, and the
weights written. bench/run.sh times the whole process, Python and JAX start-up included.

    KERAS_BACKEND=jax python bench/keras_addition_tutorial.py --epochs 50 --out addition.weights.h5
"""

import argparse
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402
import numpy as np  # noqa: E402

ALPHABET = "0123456789+ "


def encode(texts, width):
    ids = np.array([[ALPHABET.index(ch) for ch in text.rjust(width)] for text in texts])
    return np.eye(len(ALPHABET), dtype="float32")[ids]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=50)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", default="addition.weights.h5")
    args = parser.parse_args()

    keras.utils.set_random_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    terms = rng.integers(1, 11, (1000, 2))
    x = encode([f"{a}+{b}" for a, b in terms], 5)
    y = encode([str(a + b) for a, b in terms], 2)
    x_train, y_train, x_val, y_val = x[:800], y[:800], x[800:], y[800:]

    model = keras.Sequential(
        [
            keras.Input((5, len(ALPHABET))),
            keras.layers.LSTM(75),
            keras.layers.RepeatVector(2),
            keras.layers.LSTM(50, return_sequences=True),
            keras.layers.TimeDistributed(keras.layers.Dense(len(ALPHABET), activation="softmax")),
        ]
    )
    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
    model.fit(x_train, y_train, epochs=args.epochs, batch_size=32, validation_data=(x_val, y_val), verbose=0)
    loss, _ = model.evaluate(x_val, y_val, verbose=0)
    predicted = model.predict(x_val, verbose=0).argmax(axis=-1)
    exact = float((predicted == y_val.argmax(axis=-1)).all(axis=1).mean())
    model.save_weights(args.out)
    print(f"wrote {args.out}: validation exact match {100 * exact:.1f}%, loss {loss:.4f}", file=sys.stderr)


if __name__ == "__main__":
    main()
