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


def checkpoint_config(checkpoint: pathlib.Path) -> dict:
    header_length = int.from_bytes(checkpoint.read_bytes()[:8], "little")
    return json.loads(json.loads(checkpoint.read_bytes()[8 : 8 + header_length])["__metadata__"]["config"])


def series_text(count: int) -> str:
    # Starts at 0: an argument that starts with "-" would be read as an option.
    return ",".join(f"{0.5 * (((index + 3) % 7) - 3) / 3:.3f}" for index in range(count))


def sample_input(checkpoint: pathlib.Path) -> str:
    """An input the model can read, made from its own vocabulary (numbers for a series model)."""
    config = checkpoint_config(checkpoint)
    vocabulary = config["inputVocabulary"]
    if "series" in config:
        return series_text(config["maxInputLength"] * len(vocabulary["tokens"]))
    tokens = [t for t in vocabulary["tokens"] if t.strip()][:3]
    return (" " if vocabulary["unit"] == "word" else "").join(tokens)


def sample_target(config: dict) -> str:
    """A target the model can write, made from its own output vocabulary (numbers for a series model)."""
    if "series" in config:
        return series_text(config["maxOutputLength"] * len(config["outputVocabulary"]["tokens"]))
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
    config = checkpoint_config(checkpoint)
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
    config = checkpoint_config(checkpoint)
    target = sample_target(config)
    out = tmp_path / "trace.json"
    # --target=VALUE: a target may start with '-' (the dates model's "-0").
    result = run(unrolled, "trace", "--checkpoint", str(checkpoint), text, f"--target={target}", "--format", "json", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    trace = json.loads(out.read_text())
    jsonschema.validate(trace, SCHEMA)
    if "series" in config:
        # A forecaster's decoder reads the repeated encoding only: one decode, with the truth.
        assert trace["freeRunning"]["feeding"] == "freeRunning"
        assert "teacherForced" not in trace
        assert all("targetValues" in step and "predictedValues" in step for step in trace["freeRunning"]["steps"])
    elif decodes_only_teacher_forced(config):
        # A bidirectional decoder: no free-running decode, and a sentence saying why.
        assert trace["teacherForced"]["feeding"] == "teacherForced"
        assert "freeRunning" not in trace and "firstDivergence" not in trace
        assert "not been written yet" in trace["freeRunningRefusal"]
        assert all("backwardState" in step for step in trace["teacherForced"]["steps"])
    else:
        assert trace["teacherForced"]["feeding"] == "teacherForced"
        assert trace["freeRunning"]["feeding"] == "freeRunning"


def test_a_generated_series_traces_with_its_truth(unrolled):
    result = run(unrolled, "trace", "--model", "sines", "--example", "3", "--format", "json")
    assert result.returncode == 0, result.stderr
    trace = json.loads(result.stdout)
    jsonschema.validate(trace, SCHEMA)
    assert len(trace["encoder"]["forward"]) == 24 and len(trace["freeRunning"]["steps"]) == 8
    assert all(len(step["values"]) == 1 for step in trace["encoder"]["forward"])
    assert trace["freeRunning"]["meanLoss"] >= 0


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
        (["trace", "--checkpoint", STATE, "--bogus", "abc"], "Unknown option '--bogus'"),
        (["trace", "--bogus", "abc"], "Unknown option '--bogus'"),
        (["trace", "abc"], "choose a model"),
        (["trace", "--model", "nosuch", "abc"], "unknown model 'nosuch'"),
        (["trace", "--checkpoint", STATE, "abc", "--format", "yaml"], "'yaml' is invalid"),
        (["summary", "--checkpoint", str(ROOT / "README.md")], "not a safetensors file"),
        (["trace", "--model", "sines", "0.1,0.2,x"], "value 3 of the input 'x' is not a number"),
        (["trace", "--model", "sines", "0.1,0.2"], "the input has 2 values; the sines model reads exactly 24"),
        (["trace", "--model", "sines", series_text(24), "--target", "1,2"], "the target has 2 values; the sines model writes exactly 8"),
        (["trace", "--model", "addition", "--example", "1"], "the addition model reads text"),
        (["trace", "--model", "sines"], "give the text to read, or --example N"),
        (["trace", "--model", "sines", "--example", "-1"],
         "--example <seed>': give a non-negative whole number (0, 1, 2, …): the seed of the generated series"),
        (["trace", "--checkpoint", "/nonexistent/model.safetensors", "abc"],
         "/nonexistent/model.safetensors: checkpoint file not found"),
        (["site", "--lessons", "/nonexistent/lessons", "--out", "/nonexistent/site"],
         "/nonexistent/lessons:1:1: cannot read the lessons folder: no such file or folder"),
        (["site", "--theme", "/nonexistent/theme", "--out", "/nonexistent/site"],
         "cannot read the theme folder /nonexistent/theme: no such folder"),
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


COMMANDS = ["--model", "commands"]


def test_a_word_model_reads_words_and_records_what_it_looked_up(unrolled):
    result = run(unrolled, "trace", *COMMANDS, "turn on the kitchen light", "--format", "json")
    assert result.returncode == 0, result.stderr
    trace = json.loads(result.stdout)
    jsonschema.validate(trace, SCHEMA)
    assert trace["encoder"]["tokens"] == ["turn", "on", "the", "kitchen", "light"]
    assert trace["freeRunning"]["output"] == "the kitchen light is on"
    embedding_size = len(trace["encoder"]["forward"][0]["inputVector"])
    assert embedding_size > 1
    assert all(len(step["inputVector"]) == embedding_size for step in trace["encoder"]["forward"])
    assert all("inputVector" in step for step in trace["freeRunning"]["steps"])
    # The same word is the same row of the table, wherever it is read.
    tokens = trace["encoder"]["tokens"]
    assert tokens.count("the") == 1
    fed = {step["fedToken"]: step["inputVector"] for step in trace["freeRunning"]["steps"]}
    assert fed["the"] != trace["encoder"]["forward"][2]["inputVector"], "encoder and decoder have their own tables"


def test_a_character_model_records_no_input_vector(unrolled):
    result = run(unrolled, "trace", "--checkpoint", STATE, "abc", "--format", "json")
    trace = json.loads(result.stdout)
    assert all("inputVector" not in step for step in trace["encoder"]["forward"])
    assert all("inputVector" not in step for step in trace["freeRunning"]["steps"])


def test_the_text_table_shows_words_and_their_embeddings(unrolled):
    result = run(unrolled, "trace", *COMMANDS, "turn on the kitchen light", "--target", "the kitchen light is on")
    assert result.returncode == 0, result.stderr
    assert 'Input "turn on the kitchen light", target "the kitchen light is on"' in result.stdout
    assert "'kitchen'" in result.stdout and "embedding (first values)" in result.stdout
    assert "␣" not in result.stdout, "spaces between words are not tokens"


@pytest.mark.parametrize(
    "args, message",
    [
        (["trace", *COMMANDS, "turn on the kichen light"],
         "the input has a word the commands model does not know: 'kichen'; allowed words: "),
        (["trace", *COMMANDS, "turn on the kitchen light", "--target", "the kitchen light is shining"],
         "the target has a word the commands model does not know: 'shining'"),
        (["trace", *COMMANDS, "please turn on the kitchen light please"], "the input has 7 words; the commands model reads at most 6"),
    ],
)
def test_a_word_model_names_the_unknown_word(unrolled, args, message):
    result = run(unrolled, *args)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert message in lines[0]
    if "allowed words" in message:
        allowed = lines[0].split("allowed words: ")[1].split(" ")
        assert "kitchen" in allowed and "unlock" in allowed and allowed == sorted(allowed)


def test_an_input_outside_the_training_domain_is_noted_and_still_traced(unrolled):
    result = run(unrolled, "trace", "--model", "addition", "23+19")
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "note: 23 and 19 are outside 1–10, the numbers the addition model was trained on"
    assert "Encoder" in result.stdout
    inside = run(unrolled, "trace", "--model", "addition", " 7+5")
    assert inside.returncode == 0 and inside.stderr == ""
    page = run(unrolled, "trace", "--model", "addition", "23+19", "--format", "html")
    assert "Outside its training: 23 and 19 are outside 1–10" in page.stdout

LESSON = """---
title: A lesson
order: 1
summary: Short.
objectives: [Learn]
minutes: 5
---

Text.
"""


def without_root_privileges(*command):
    """The command run as root but without the capabilities that let root read any file, so
    a file with mode 000 really answers EACCES (chmod alone does not stop root)."""
    drop = "-dac_override,-dac_read_search"
    return ["setpriv", f"--inh-caps={drop}", f"--bounding-set={drop}", *command]


needs_setpriv = pytest.mark.skipif(
    subprocess.run(["which", "setpriv"], capture_output=True).returncode != 0, reason="setpriv (util-linux) is not installed"
)


def test_an_unknown_theme_template_is_refused_and_nothing_is_written(unrolled, tmp_path):
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "layot.mustache").write_text("{{title}}")
    (theme / "README.md").write_text("notes")
    result = run(unrolled, "site", "--theme", str(theme), "--out", str(tmp_path / "site"))
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        f"unrolled: the theme folder {theme} holds layot.mustache, which the site does not use; a theme may hold "
        "site.css, stepper.js, present.css, present.js, deck.mustache, index.mustache, layout.mustache, "
        "lesson.mustache, model.mustache, page.mustache, trace.mustache"
    ]
    assert not (tmp_path / "site").exists()


@needs_setpriv
def test_permission_denied_is_said_with_the_path(unrolled, tmp_path):
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "a.md").write_text(LESSON)
    (lessons / "b.md").write_text(LESSON.replace("order: 1", "order: 2"))
    (lessons / "b.md").chmod(0)
    checkpoint = tmp_path / "locked.safetensors"
    checkpoint.write_bytes(pathlib.Path(STATE).read_bytes())
    checkpoint.chmod(0)
    probe = subprocess.run(without_root_privileges("cat", str(checkpoint)), capture_output=True)
    if probe.returncode == 0:
        pytest.skip("dropping the capabilities did not stop reading a mode-000 file here")
    site = subprocess.run(
        without_root_privileges(str(unrolled), "site", "--lessons", str(lessons), "--out", str(tmp_path / "site")),
        capture_output=True, text=True)
    assert site.returncode != 0
    assert site.stderr.strip().splitlines() == ["unrolled: b.md:1:1: cannot read the file: permission denied"]
    # A checkpoint a lesson names, locked the same way, is named as the lesson names it.
    (lessons / "b.md").chmod(0o644)
    (lessons / "locked.safetensors").write_bytes(pathlib.Path(STATE).read_bytes())
    (lessons / "locked.safetensors").chmod(0)
    (lessons / "b.md").write_text(
        LESSON.replace("order: 1", "order: 2")
        + '\n```trace\nmodel: locked.safetensors\ninput: "abc"\nview: encoder\ncaption: Reading.\n```\n')
    site = subprocess.run(
        without_root_privileges(str(unrolled), "site", "--lessons", str(lessons), "--out", str(tmp_path / "site")),
        capture_output=True, text=True)
    assert site.returncode != 0
    assert site.stderr.strip().splitlines() == [
        "unrolled: b.md:12:8: locked.safetensors: cannot read the checkpoint: permission denied"]
    trace = subprocess.run(
        without_root_privileges(str(unrolled), "trace", "--checkpoint", str(checkpoint), "abc"),
        capture_output=True, text=True)
    assert trace.returncode != 0
    assert trace.stderr.strip() == f"unrolled: {checkpoint}: cannot read the checkpoint: Permission denied"


def test_a_readme_among_the_lessons_is_not_a_lesson(unrolled, tmp_path):
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "a.md").write_text(LESSON)
    (lessons / "README.md").write_text("# Notes for whoever opens this folder\n")
    result = run(unrolled, "site", "--lessons", str(lessons), "--out", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    assert not list((tmp_path / "site").rglob("*readme*")), "no page for the README"


def test_raw_html_left_out_is_a_warning_line_and_the_site_is_built(unrolled, tmp_path):
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "a.md").write_text(LESSON + "\n<div>Boxed.</div>\n")
    result = run(unrolled, "site", "--lessons", str(lessons), "--out", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines() == [
        "unrolled: a.md:11:1: warning: raw HTML `<div>` is left out of the page; write it in Markdown, "
        "or set `unsafe-html: true` in lessons.yml to keep it"
    ]
    assert "Boxed" not in (tmp_path / "site/lessons/a.html").read_text()
