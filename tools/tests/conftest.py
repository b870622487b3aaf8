"""Shared fixtures of the Python test suite: where the built `unrolled` is, and the
checkpoints to run it on. `make test` builds the package before pytest runs."""

import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURE_CHECKPOINTS = sorted((ROOT / "Tests/TraceTests/Fixtures/checkpoints").glob("*.safetensors"))
BUILT_IN_MODELS = sorted((ROOT / "Sources/Trace/Resources/Models").glob("*.safetensors"))


def bin_path() -> pathlib.Path:
    out = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, check=True, capture_output=True, text=True)
    return pathlib.Path(out.stdout.strip())


@pytest.fixture(scope="session")
def unrolled() -> pathlib.Path:
    binary = bin_path() / "unrolled"
    if not binary.exists():
        pytest.fail(f"{binary} is missing: run `swift build` first (make test does)")
    return binary
