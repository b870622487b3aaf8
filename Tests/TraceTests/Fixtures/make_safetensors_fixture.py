"""Writes the safetensors fixtures of CheckpointTests with the reference implementation.

Run with a Python that has `safetensors` and `numpy` (pip install safetensors numpy):

    python Tests/TraceTests/Fixtures/make_safetensors_fixture.py

It writes, next to this script:

- python-encoder-decoder.safetensors: the tensors and metadata of a tiny unrolled
  checkpoint (one-direction LSTM encoder and decoder, 2 units, one-hot inputs).
  The reference writes `__metadata__` keys in hash-map order, so its bytes may differ
  from run to run; its content does not.
- python-one-metadata-key.safetensors: a file with a single metadata key, whose bytes the
  Swift writer must reproduce exactly.

Values are exact in float32: tensor number t (in name order) holding n values has
value (i - n // 2) * 0.125 + t at flat index i.
"""

from pathlib import Path

import numpy as np
from safetensors.numpy import save_file

HERE = Path(__file__).resolve().parent
UNITS = 2
INPUT_VOCABULARY = ["<pad>", "a", "b"]
OUTPUT_VOCABULARY = ["<start>", "<end>", "a", "b"]


def filled(shapes):
    """Tensors of the given shapes with the value formula of the docstring."""
    tensors = {}
    for t, name in enumerate(sorted(shapes)):
        shape = shapes[name]
        n = int(np.prod(shape, dtype=np.int64))
        values = (np.arange(n, dtype=np.float32) - n // 2) * np.float32(0.125) + np.float32(t)
        tensors[name] = values.reshape(shape).astype("<f4")
    return tensors


def main():
    gates = 4 * UNITS
    encoder_decoder = filled({
        "encoder/kernel": (len(INPUT_VOCABULARY), gates),
        "encoder/recurrent_kernel": (UNITS, gates),
        "encoder/bias": (gates,),
        "decoder/kernel": (len(OUTPUT_VOCABULARY), gates),
        "decoder/recurrent_kernel": (UNITS, gates),
        "decoder/bias": (gates,),
        "output/kernel": (UNITS, len(OUTPUT_VOCABULARY)),
        "output/bias": (len(OUTPUT_VOCABULARY),),
    })
    save_file(
        encoder_decoder,
        HERE / "python-encoder-decoder.safetensors",
        metadata={
            "format": "unrolled-checkpoint",
            "version": "1",
            "name": "tiny",
            "config": '{"kind":"stateBridge","units":2}',
        },
    )

    one_key = filled({
        "output/bias": (3,),
        "output/kernel": (2, 3),
        "empty": (0, 4),
        "scalar": (),
    })
    save_file(
        one_key,
        HERE / "python-one-metadata-key.safetensors",
        metadata={"format": "unrolled-checkpoint"},
    )


if __name__ == "__main__":
    main()
