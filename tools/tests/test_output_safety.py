"""Nothing is lost: `site`, `trace`, `walkthrough` and `train` never delete or replace what they
did not write (issue: a teacher's notes, Documents, the lessons, the current folder), write
whole or not at all, and clean up after a killed run. Each refusal is one line and a non-zero
exit."""

import os
import signal
import subprocess
import time

from conftest import BUILT_IN_MODELS

LESSON = "---\ntitle: A\norder: 1\nsummary: s\nobjectives: [o]\nminutes: 1\n---\n\nHello.\n"
STATE = str(next(p for p in BUILT_IN_MODELS if p.stem == "addition")) if BUILT_IN_MODELS else None


def run(unrolled, *args, cwd=None):
    return subprocess.run([str(unrolled), *args], capture_output=True, text=True, cwd=cwd)


def lessons(tmp_path):
    folder = tmp_path / "lessons"
    folder.mkdir()
    (folder / "01-a.md").write_text(LESSON)
    return folder


def one_line_refusal(result, *words):
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    assert "Error Domain" not in result.stderr and "Success" not in result.stderr


def test_site_refuses_a_file_and_keeps_it(unrolled, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes")
    result = run(unrolled, "site", "--lessons", str(lessons(tmp_path)), "--out", str(notes))
    one_line_refusal(result, "notes.txt is a file, not a folder")
    assert notes.read_text() == "my notes"


def test_site_refuses_a_folder_of_other_files_and_keeps_them(unrolled, tmp_path):
    documents = tmp_path / "Documents"
    documents.mkdir()
    (documents / "thesis.tex").write_text("chapter one")
    result = run(unrolled, "site", "--lessons", str(lessons(tmp_path)), "--out", str(documents))
    one_line_refusal(result, "thesis.tex", "did not write")
    assert (documents / "thesis.tex").read_text() == "chapter one"


def test_site_refuses_the_current_folder_the_lessons_and_the_root(unrolled, tmp_path):
    folder = lessons(tmp_path)
    project = tmp_path / "project"
    (project / "notes").mkdir(parents=True)
    (project / "keep.txt").write_text("keep")
    for out, cwd, words in [
        (".", project, ["the current folder"]),
        (str(folder), tmp_path, ["the lessons folder"]),
        (str(tmp_path), tmp_path, ["contains the lessons folder"]),
        ("..", project / "notes", ["contains the current folder"]),
        ("/", tmp_path, ["the root folder"]),
        ("", tmp_path, ["--out needs the name of a folder"]),
    ]:
        one_line_refusal(run(unrolled, "site", "--lessons", str(folder), "--out", out, cwd=cwd), *words)
    assert (project / "keep.txt").read_text() == "keep"
    assert (folder / "01-a.md").read_text() == LESSON


def test_site_follows_a_link_and_keeps_it_a_link(unrolled, tmp_path):
    folder = lessons(tmp_path)
    (tmp_path / "www").mkdir()
    (tmp_path / "link").symlink_to("www")
    assert run(unrolled, "site", "--lessons", str(folder), "--out", str(tmp_path / "link")).returncode == 0
    assert (tmp_path / "link").is_symlink()
    assert (tmp_path / "www" / "index.html").exists() and (tmp_path / "www" / ".unrolled-site").exists()


def test_site_refuses_a_file_added_to_it_and_rebuilds_once_it_is_moved(unrolled, tmp_path):
    folder, out = lessons(tmp_path), tmp_path / "site"
    assert run(unrolled, "site", "--lessons", str(folder), "--out", str(out)).returncode == 0
    (out / "teacher-notes.txt").write_text("for tuesday")
    one_line_refusal(run(unrolled, "site", "--lessons", str(folder), "--out", str(out)), "teacher-notes.txt")
    assert (out / "teacher-notes.txt").read_text() == "for tuesday"
    (out / "teacher-notes.txt").rename(tmp_path / "teacher-notes.txt")
    assert run(unrolled, "site", "--lessons", str(folder), "--out", str(out)).returncode == 0


def test_a_killed_site_build_is_cleaned_up_by_the_next(unrolled, tmp_path):
    folder, out = lessons(tmp_path), tmp_path / "site"
    assert run(unrolled, "site", "--lessons", str(folder), "--out", str(out)).returncode == 0
    for delay in [0.05, 0.15, 0.3, 0.5, 0.8]:
        process = subprocess.Popen([str(unrolled), "site", "--lessons", str(folder), "--out", str(out)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
    assert run(unrolled, "site", "--lessons", str(folder), "--out", str(out)).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lessons", "site"], "no .site.* folder is left"
    assert (out / "index.html").exists()


def test_trace_writes_through_a_link_into_a_device_and_refuses_read_only_files(unrolled, tmp_path):
    assert STATE, "the built-in addition model ships with the repository"
    result = run(unrolled, "trace", "--checkpoint", STATE, "1+2", "--format", "json", "--out", "/dev/stdout")
    assert result.returncode == 0, result.stderr
    assert '"input"' in result.stdout, "the trace went to standard output through /dev/stdout"
    kept = tmp_path / "kept.json"
    kept.write_text("earlier")
    kept.chmod(0o444)
    one_line_refusal(run(unrolled, "trace", "--checkpoint", STATE, "1+2", "--out", str(kept)), "read-only")
    assert kept.read_text() == "earlier"
    one_line_refusal(run(unrolled, "trace", "--checkpoint", STATE, "1+2", "--out", str(tmp_path)), "is a folder, not a file")
    one_line_refusal(run(unrolled, "walkthrough", "--checkpoint", STATE, "1+2", "--out", ""), "--out needs a file name")
    (tmp_path / "real.txt").write_text("old")
    (tmp_path / "link.txt").symlink_to("real.txt")
    assert run(unrolled, "trace", "--checkpoint", STATE, "1+2", "--out", str(tmp_path / "link.txt")).returncode == 0
    assert (tmp_path / "link.txt").is_symlink() and "old" not in (tmp_path / "real.txt").read_text()


def test_train_writes_checkpoint_and_history_together_or_neither(unrolled, tmp_path):
    out = tmp_path / "model.safetensors"
    out.write_text("earlier checkpoint")
    (tmp_path / "model.history.json").mkdir()  # the history cannot be written
    result = run(unrolled, "train", "--task", "addition", "--epochs", "0", "--out", str(out))
    one_line_refusal(result, "model.history.json is a folder")
    assert out.read_text() == "earlier checkpoint", "the checkpoint is not replaced when its history fails"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.history.json", "model.safetensors"]
    os.rmdir(tmp_path / "model.history.json")
    assert run(unrolled, "train", "--task", "addition", "--epochs", "0", "--out", str(out)).returncode == 0
    assert out.read_bytes()[:8] != b"earlier " and (tmp_path / "model.history.json").is_file()
