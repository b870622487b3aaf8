"""`unrolled site` as a user runs it: the real curriculum and the built-in models. Checks
byte-identical rebuilds, no absolute paths, the 300 KB page budget, and that a failed build
names every problem and leaves the earlier site untouched. (test_pages.py runs the browser,
validator and link checks over these pages too.)"""

import filecmp
import pathlib
import subprocess

import pytest

from conftest import BUILT_IN_MODELS


def site(unrolled, *args):
    return subprocess.run([str(unrolled), "site", *args], capture_output=True, text=True)


def tree(root: pathlib.Path):
    return sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file())


needs_models = pytest.mark.skipif(len(BUILT_IN_MODELS) < 5, reason="the built-in models are not trained (make models)")


@needs_models
def test_two_builds_are_byte_identical_and_hold_no_absolute_paths(unrolled, tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    assert site(unrolled, "--out", str(first)).returncode == 0
    assert site(unrolled, "--out", str(second)).returncode == 0
    assert tree(first) == tree(second)
    for relative in tree(first):
        assert filecmp.cmp(first / relative, second / relative, shallow=False), relative
        text = (first / relative).read_text()
        assert str(tmp_path) not in text and "/work/" not in text and "/root/" not in text, relative


@needs_models
def test_the_tutorial_has_every_page(unrolled, tmp_path):
    out = tmp_path / "site"
    result = site(unrolled, "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout, "make site prints where the site is"
    lessons = sorted((out / "lessons").glob("*.html"))
    assert len(lessons) >= 10
    for name in ["index.html", "glossary.html", "about.html"]:
        assert (out / name).exists()
    assert len(list((out / "models").glob("*.html"))) >= 5
    for page in lessons:
        size = page.stat().st_size
        assert size < 300_000, f"{page.name} weighs {size} bytes"
        text = page.read_text()
        assert 'class="fact"></span>' not in text, "every fact has a value"
        assert "<figure" in text and 'class="quiz"' in text and "presenter-notes" in text, page.name


def test_a_bad_lesson_set_lists_every_problem_and_keeps_the_old_site(unrolled, tmp_path):
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "01-a.md").write_text("---\ntitle: A\norder: 1\nsummary: s\nobjectives: [o]\nminutes: 1\ncolour: red\n---\n\n```quiz\nquestion: q?\nchoices: [x, y]\n```\n")
    (lessons / "02-b.md").write_text("---\ntitle: B\norder: 1\nsummary: s\nobjectives: [o]\nminutes: 1\n---\n\n```trace\nmodel: nosuch\ninput: x\nview: cell\ncaption: c\n```\n")
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("earlier site")
    result = site(unrolled, "--lessons", str(lessons), "--out", str(out))
    assert result.returncode != 0
    problems = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(problems) >= 4, result.stderr
    assert any(line.startswith(("unrolled: 01-a.md:7:1", "01-a.md:7:1")) for line in problems), result.stderr
    assert any("02-b.md:" in line and "nosuch" in line for line in problems)
    assert any("same order" in line or "order 1" in line for line in problems)
    assert (out / "index.html").read_text() == "earlier site"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == [], "no staging folder is left behind"


def test_a_custom_trace_page_is_self_contained(unrolled, tmp_path):
    checkpoint = pathlib.Path(__file__).resolve().parents[2] / "Tests/TraceTests/Fixtures/checkpoints/state-bidirectional.safetensors"
    out = tmp_path / "trace.html"
    result = subprocess.run([str(unrolled), "trace", "--checkpoint", str(checkpoint), "ab<c", "--format", "html", "--out", str(out)], capture_output=True, text=True)
    assert result.returncode != 0, "'<' is not in the vocabulary"
    result = subprocess.run([str(unrolled), "trace", "--checkpoint", str(checkpoint), "abcd", "--target", "dcba", "--format", "html", "--out", str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    html = out.read_text()
    assert "<style" in html and "<script" in html
    assert 'src="http' not in html and 'href="http' not in html and "assets/" not in html
