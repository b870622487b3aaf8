"""The command line as a user meets it: real traces validated against the published JSON
Schema, one clear line and a non-zero exit for every bad input, and nothing written when a
command fails."""

import json
import pathlib
import subprocess

import jsonschema
import pytest

from conftest import BUILT_IN_MODELS, FIXTURE_CHECKPOINTS, ROOT

SCHEMA = json.loads((ROOT / "docs/trace.schema.json").read_text())
CHECKPOINTS = FIXTURE_CHECKPOINTS + BUILT_IN_MODELS


def run(unrolled, *args):
    return subprocess.run([str(unrolled), *args], capture_output=True, text=True)


def sample_input(checkpoint: pathlib.Path) -> str:
    """An input the model can read, made from its own vocabulary."""
    header_length = int.from_bytes(checkpoint.read_bytes()[:8], "little")
    header = json.loads(checkpoint.read_bytes()[8 : 8 + header_length])
    config = json.loads(header["__metadata__"]["config"])
    vocabulary = config["inputVocabulary"]
    tokens = [t for t in vocabulary["tokens"] if t.strip()][:3]
    return (" " if vocabulary["unit"] == "word" else "").join(tokens)


def config_of(checkpoint: pathlib.Path) -> dict:
    header_length = int.from_bytes(checkpoint.read_bytes()[:8], "little")
    return json.loads(json.loads(checkpoint.read_bytes()[8 : 8 + header_length])["__metadata__"]["config"])


def sample_target(config: dict) -> str:
    """A target the model can write, made from its own output vocabulary."""
    special = {config.get("startToken"), config.get("endToken")}
    tokens = [t for t in config["outputVocabulary"]["tokens"] if t not in special and t.strip()][:2]
    return (" " if config["outputVocabulary"]["unit"] == "word" else "").join(tokens)


def decodes_only_teacher_forced(config: dict) -> bool:
    """A bidirectional decoder cannot decode free-running."""
    return config["decoder"].get("bidirectional", False)


def test_there_are_checkpoints_to_check():
    assert len(FIXTURE_CHECKPOINTS) >= 7


@pytest.mark.parametrize("checkpoint", CHECKPOINTS, ids=lambda p: p.stem)
def test_real_traces_match_the_schema(unrolled, checkpoint):
    config = config_of(checkpoint)
    args = ["trace", "--checkpoint", str(checkpoint), sample_input(checkpoint), "--format", "json"]
    if decodes_only_teacher_forced(config):
        refused = run(unrolled, *args)
        assert refused.returncode != 0 and refused.stdout == ""
        assert len(refused.stderr.strip().splitlines()) == 1
        assert "cannot decode free-running" in refused.stderr and "not been written yet" in refused.stderr
        args.append(f"--target={sample_target(config)}")
    result = run(unrolled, *args)
    assert result.returncode == 0, result.stderr
    trace = json.loads(result.stdout)
    jsonschema.validate(trace, SCHEMA)
    assert trace["format"] == "unrolled-trace" and trace["version"] == 1


@pytest.mark.parametrize("checkpoint", CHECKPOINTS, ids=lambda p: p.stem)
def test_traces_with_a_target_hold_both_decodes(unrolled, checkpoint, tmp_path):
    text = sample_input(checkpoint)
    config = config_of(checkpoint)
    target = sample_target(config)
    out = tmp_path / "trace.json"
    # --target=VALUE: a target may start with '-' (the dates model's "-0").
    result = run(unrolled, "trace", "--checkpoint", str(checkpoint), text, f"--target={target}", "--format", "json", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    trace = json.loads(out.read_text())
    jsonschema.validate(trace, SCHEMA)
    assert trace["teacherForced"]["feeding"] == "teacherForced"
    if decodes_only_teacher_forced(config):
        # A bidirectional decoder: no free-running decode, and a sentence saying why.
        assert "freeRunning" not in trace and "firstDivergence" not in trace
        assert "not been written yet" in trace["freeRunningRefusal"]
        assert all("backwardState" in step for step in trace["teacherForced"]["steps"])
    else:
        assert trace["freeRunning"]["feeding"] == "freeRunning"


def test_the_same_input_gives_the_same_bytes(unrolled):
    args = ["trace", "--checkpoint", str(FIXTURE_CHECKPOINTS[0]), "abc", "--target", "ab", "--format", "json"]
    assert run(unrolled, *args).stdout == run(unrolled, *args).stdout


def test_the_text_table_shows_sources_and_predictions(unrolled):
    checkpoint = ROOT / "Tests/TraceTests/Fixtures/checkpoints/state-lstm.safetensors"
    result = run(unrolled, "trace", "--checkpoint", str(checkpoint), "abc", "--target", "cab")
    assert result.returncode == 0
    for words in ["Encoder", "Bridge", "teacher-forced", "free-running", "start token", "ground truth", "own prediction", "top predictions"]:
        assert words in result.stdout


STATE = str(ROOT / "Tests/TraceTests/Fixtures/checkpoints/state-lstm.safetensors")


@pytest.mark.parametrize(
    "args, message",
    [
        (["trace", "--checkpoint", STATE, "abz"], "does not know: 'z'; allowed: 'a' 'b' 'c' 'd' ' ' (space)"),
        (["trace", "--checkpoint", STATE, ""], "the input is empty"),
        (["trace", "--checkpoint", STATE, "abcabcabc"], "reads at most 5"),
        (["trace", "--checkpoint", STATE, "abc", "--target", "x"], "the target has a character"),
        (["trace", "--checkpoint", "/nonexistent/model.safetensors", "abc"], "checkpoint file not found"),
        (["trace", "--checkpoint", STATE, "--bogus", "abc"], "Unknown option '--bogus'"),
        (["trace", "--bogus", "abc"], "Unknown option '--bogus'"),
        (["trace", "abc"], "choose a model"),
        (["trace", "--model", "nosuch", "abc"], "unknown model 'nosuch'"),
        (["trace", "--checkpoint", STATE, "abc", "--format", "yaml"], "'yaml' is invalid"),
        (["summary", "--checkpoint", str(ROOT / "README.md")], "not a safetensors file"),
    ],
)
def test_bad_input_gets_one_clear_line(unrolled, args, message):
    result = run(unrolled, *args)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert message in lines[0]
    assert "Traceback" not in result.stderr and "Fatal error" not in result.stderr


def test_a_corrupt_checkpoint_says_so(unrolled, tmp_path):
    cut = tmp_path / "cut.safetensors"
    cut.write_bytes(pathlib.Path(STATE).read_bytes()[:100])
    result = run(unrolled, "summary", "--checkpoint", str(cut))
    assert result.returncode != 0
    assert "truncated" in result.stderr


def test_a_failed_trace_writes_nothing_and_keeps_the_old_file(unrolled, tmp_path):
    out = tmp_path / "trace.json"
    assert run(unrolled, "trace", "--checkpoint", STATE, "zzz", "--out", str(out)).returncode != 0
    assert not out.exists()
    out.write_text("earlier")
    assert run(unrolled, "trace", "--checkpoint", STATE, "zzz", "--format", "json", "--out", str(out)).returncode != 0
    assert out.read_text() == "earlier"
    assert list(tmp_path.iterdir()) == [out], "no temporary file is left behind"
