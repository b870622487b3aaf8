"""Present mode in a real browser: every key, the URL round trip, predict then reveal,
quizzes, presenter notes, ?focus=, the walkthrough deck, and the handout's page count."""
import base64
import re
import subprocess

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.common.print_page_options import PrintOptions

from conftest import CHROMIUM
from test_pages import AXE

FIGURE = "lesson-6-walk"


def lesson_path(fixture_root):
    return fixture_root / "site" / "lessons" / "copy.html"


def press(driver, *keys):
    for key in keys:
        ActionChains(driver).send_keys(key).perform()


def presenting(driver):
    return driver.execute_script("const p = document.querySelector('.present'); return !!p && !p.hidden;")


def slide_hash(driver):
    return driver.execute_script("return decodeURIComponent(location.hash)")


def live(driver):
    return driver.execute_script("return document.querySelector('.present-live').textContent")


def position(driver):
    return driver.execute_script("return document.querySelector('.present-position').textContent")


def slide_count(driver):
    return int(position(driver).split("/")[1])


def shown_step(driver, figure=FIGURE):
    return driver.execute_script(
        "return Array.from(document.getElementById(arguments[0]).querySelectorAll(':scope > ol.steps > li.step'))"
        ".filter(s => !s.hidden).map(s => s.id);", figure)


def visible(driver, selector):
    return driver.execute_script(
        "const n = document.querySelector(arguments[0]); if (!n) return null;"
        "const s = getComputedStyle(n); return s.display !== 'none' && s.visibility !== 'hidden' && n.getClientRects().length > 0;",
        selector)


@pytest.fixture()
def lesson(fixture_root, open_page):
    return open_page(lesson_path(fixture_root))


def test_p_opens_a_full_viewport_dialog_and_esc_leaves(lesson):
    assert not presenting(lesson)
    lesson.execute_script("document.body.focus()")
    press(lesson, "p")
    assert presenting(lesson)
    dialog = lesson.find_element(By.CSS_SELECTOR, ".present")
    assert dialog.get_attribute("role") == "dialog" and dialog.get_attribute("aria-modal") == "true"
    box = lesson.execute_script(
        "const r = document.querySelector('.present').getBoundingClientRect(); return [r.left, r.top, r.width, r.height, innerWidth, innerHeight];")
    assert box[0] == 0 and box[1] == 0 and box[2] >= box[4] - 1 and box[3] >= box[5] - 1, f"covers the viewport: {box}"
    assert lesson.execute_script("return document.getElementById(arguments[0]).closest('.present-stage') !== null", FIGURE)
    assert lesson.execute_script("return document.querySelector('main').inert"), "the page behind is inert"
    assert slide_hash(lesson) == f"#present/{FIGURE}/encoder-0"
    press(lesson, Keys.ESCAPE)
    assert not presenting(lesson)
    assert lesson.execute_script("return document.getElementById(arguments[0]).closest('.present-stage') === null", FIGURE), \
        "the figure is back in the page"
    assert not lesson.execute_script("return document.querySelector('main').inert")
    assert slide_hash(lesson) == f"#{FIGURE}/encoder-0", "leaving keeps the step in the URL"


def test_full_screen_when_allowed_and_esc_leaves_it_with_present_mode(lesson):
    lesson.execute_script("document.body.focus()")
    press(lesson, "p")
    lesson.execute_script("return new Promise(r => setTimeout(r, 300))")
    element = lesson.execute_script("return document.fullscreenElement && document.fullscreenElement.className")
    assert element in (None, "present"), "full screen, when the browser allows it, is the dialog itself"
    if element == "present":
        assert lesson.find_element(By.CSS_SELECTOR, ".present-btn[aria-label='Full screen']").get_attribute("aria-pressed") == "true"
        press(lesson, "f")
        lesson.execute_script("return new Promise(r => setTimeout(r, 300))")
        assert lesson.execute_script("return document.fullscreenElement") is None
        assert presenting(lesson), "F leaves full screen, not present mode"
        press(lesson, "f")
        lesson.execute_script("return new Promise(r => setTimeout(r, 300))")
        assert lesson.execute_script("return document.fullscreenElement.className") == "present"
    press(lesson, Keys.ESCAPE)
    lesson.execute_script("return new Promise(r => setTimeout(r, 300))")
    assert lesson.execute_script("return document.fullscreenElement") is None
    assert not presenting(lesson)


def test_without_full_screen_the_dialog_still_fills_the_viewport(fixture_root, driver):
    driver.get(lesson_path(fixture_root).as_uri() + "?fullscreen=0")
    driver.execute_script("document.body.focus()")
    press(driver, "p")
    assert driver.execute_script("return document.fullscreenElement") is None
    assert driver.execute_script(
        "const r = document.querySelector('.present').getBoundingClientRect();"
        "return r.left === 0 && r.top === 0 && r.width >= innerWidth - 1 && r.height >= innerHeight - 1;")
    press(driver, Keys.ESCAPE)
    assert not presenting(driver)


def test_present_button_starts_at_the_figures_current_step(lesson):
    lesson.find_element(By.CSS_SELECTOR, f"[id='{FIGURE}'] button[aria-label='Next step']").click()
    lesson.find_element(By.CSS_SELECTOR, f"[id='{FIGURE}'] .present-open").click()
    assert presenting(lesson)
    assert slide_hash(lesson) == f"#present/{FIGURE}/encoder-1"
    assert shown_step(lesson) == [f"{FIGURE}/encoder-1"]


def test_every_key(lesson):
    lesson.execute_script("document.body.focus()")
    press(lesson, "p")
    total = slide_count(lesson)
    assert position(lesson) == f"1 / {total}"
    press(lesson, Keys.ARROW_RIGHT)
    assert position(lesson) == f"2 / {total}"
    press(lesson, Keys.SPACE)
    assert position(lesson) == f"3 / {total}"
    press(lesson, Keys.PAGE_DOWN)
    assert position(lesson) == f"4 / {total}"
    assert shown_step(lesson) == [f"{FIGURE}/encoder-3"]
    press(lesson, Keys.ARROW_LEFT)
    assert position(lesson) == f"3 / {total}"
    press(lesson, Keys.PAGE_UP)
    assert position(lesson) == f"2 / {total}"
    press(lesson, Keys.END)
    assert position(lesson) == f"{total} / {total}"
    press(lesson, Keys.HOME)
    assert position(lesson) == f"1 / {total}"
    press(lesson, "1", "2")
    assert "12" in lesson.find_element(By.CSS_SELECTOR, ".present-typed").text, "the typed number shows"
    press(lesson, Keys.ENTER)
    assert position(lesson) == f"12 / {total}"
    # N: notes
    assert not visible(lesson, ".present-notes")
    press(lesson, "n")
    assert visible(lesson, ".present-notes")
    assert lesson.find_element(By.CSS_SELECTOR, ".present-btn[aria-label='Presenter notes']").get_attribute("aria-pressed") == "true"
    press(lesson, "n")
    assert not visible(lesson, ".present-notes")
    # B: blank, and back
    press(lesson, "b")
    assert visible(lesson, ".present-blank")
    assert lesson.execute_script(
        "const r = document.querySelector('.present-blank').getBoundingClientRect(); return r.width >= innerWidth - 1 && r.height >= innerHeight - 1;")
    assert lesson.execute_script("return getComputedStyle(document.querySelector('.present-blank')).backgroundColor") == "rgb(0, 0, 0)"
    press(lesson, "b")
    assert not visible(lesson, ".present-blank")
    # C: high contrast
    press(lesson, "c")
    assert lesson.execute_script("return getComputedStyle(document.querySelector('.present')).backgroundColor") == "rgb(0, 0, 0)"
    press(lesson, "c")
    assert lesson.execute_script("return getComputedStyle(document.querySelector('.present')).backgroundColor") == "rgb(255, 255, 255)"
    press(lesson, Keys.ESCAPE)
    assert not presenting(lesson)


def test_keys_do_not_also_step_the_figure_underneath(lesson):
    lesson.find_element(By.CSS_SELECTOR, f"[id='{FIGURE}'] .present-open").click()
    press(lesson, Keys.ARROW_RIGHT)
    assert position(lesson).startswith("2 /"), "one key, one slide"
    assert shown_step(lesson) == [f"{FIGURE}/encoder-1"]


def test_the_url_holds_the_slide_across_a_reload_and_as_a_query(fixture_root, open_page, driver):
    driver = open_page(lesson_path(fixture_root), f"present/{FIGURE}/decoder-1")
    assert presenting(driver)
    assert shown_step(driver) == [f"{FIGURE}/decoder-1"]
    press(driver, Keys.ARROW_RIGHT)
    moved = slide_hash(driver)
    assert moved == f"#present/{FIGURE}/decoder-2/predict"
    driver.refresh()
    assert presenting(driver), "a reload returns to present mode"
    assert slide_hash(driver) == moved and shown_step(driver) == [f"{FIGURE}/decoder-2"]
    driver.get(lesson_path(fixture_root).as_uri() + f"?present={FIGURE}/encoder-2")
    assert presenting(driver) and shown_step(driver) == [f"{FIGURE}/encoder-2"]
    driver.execute_script("location.hash = arguments[0]", f"present/{FIGURE}/bridge-0")
    assert shown_step(driver) == [f"{FIGURE}/bridge-0"], "a changed hash moves to its slide"


def test_predict_then_reveal(fixture_root, open_page):
    driver = open_page(lesson_path(fixture_root), f"present/{FIGURE}/decoder-0/predict")
    assert shown_step(driver) == [f"{FIGURE}/decoder-0"]
    step = f"[id='{FIGURE}/decoder-0']"
    assert not visible(driver, f"{step} .predictions"), "the prediction waits"
    assert visible(driver, ".present-prompt") and "what will the decoder write next" in driver.find_element(By.CSS_SELECTOR, ".present-prompt").text
    assert "predicts" not in live(driver) and "What will the decoder write next?" in live(driver)
    current_out = f"[id='{FIGURE}'] .dec-box.is-current .tok.out"
    assert not visible(driver, current_out), "the overview does not give the answer away"
    press(driver, "n")
    assert "Answer: The decoder predicts" in driver.find_element(By.CSS_SELECTOR, ".present-notes").text, "the teacher sees it"
    press(driver, Keys.ARROW_RIGHT)
    assert slide_hash(driver) == f"#present/{FIGURE}/decoder-0"
    assert visible(driver, f"{step} .predictions") and visible(driver, current_out)
    assert not visible(driver, ".present-prompt")
    assert "The decoder predicts" in live(driver)


def test_predict_slides_can_be_turned_off(fixture_root, driver):
    driver.get(lesson_path(fixture_root).as_uri() + "#present")
    with_predict = slide_count(driver)
    decoder_steps = driver.execute_script("return document.querySelectorAll('[data-stepper] li.step .predictions').length")
    driver.get(lesson_path(fixture_root).as_uri() + "?predict=off#present")
    assert presenting(driver)
    assert slide_count(driver) == with_predict - decoder_steps
    driver.get(lesson_path(fixture_root).as_uri() + f"?predict=off#present/{FIGURE}/decoder-1/predict")
    assert slide_hash(driver) == f"#present/{FIGURE}/encoder-0", "an unknown slide opens the first"


def test_gate_predict_slides_hide_the_gates_until_the_reveal(fixture_root, driver):
    driver.get(lesson_path(fixture_root).as_uri() + f"?predict=gates#present/{FIGURE}/encoder-1/predict-gate")
    assert presenting(driver) and shown_step(driver) == [f"{FIGURE}/encoder-1"]
    gate = f"[id='{FIGURE}/encoder-1'] .node[data-panel='gates']"
    assert not visible(driver, gate), "the gate values wait"
    assert visible(driver, f"[id='{FIGURE}/encoder-1'] .node[data-panel='cell']")
    assert "forget gate be mostly open" in live(driver) and "averages" not in live(driver)
    press(driver, Keys.ARROW_RIGHT)
    assert slide_hash(driver) == f"#present/{FIGURE}/encoder-1" and visible(driver, gate)
    # gates only: no token predict slides
    driver.execute_script("location.hash = arguments[0]", f"present/{FIGURE}/decoder-0/predict")
    assert slide_hash(driver) == f"#present/{FIGURE}/encoder-0/predict-gate", "an unknown slide opens the first"


def test_the_live_region_announces_each_slide_with_its_narration(fixture_root, open_page):
    driver = open_page(lesson_path(fixture_root), f"present/{FIGURE}/encoder-1")
    region = driver.find_element(By.CSS_SELECTOR, ".present-live")
    assert region.get_attribute("aria-live") == "polite" and region.get_attribute("role") == "status"
    announce = driver.execute_script("return document.getElementById(arguments[0]).dataset.announce", f"{FIGURE}/encoder-1")
    assert announce in live(driver) and "The encoder reads ‘b’" in live(driver)
    seen = set()
    for _ in range(4):
        press(driver, Keys.ARROW_RIGHT)
        seen.add(live(driver))
    assert len(seen) == 4


def test_quiz_becomes_a_question_then_an_answer(fixture_root, open_page):
    driver = open_page(lesson_path(fixture_root), "present/quiz-1/question")
    assert presenting(driver)
    assert visible(driver, "#quiz-1 .quiz-choices")
    assert not visible(driver, "#quiz-1 [data-reveal]")
    assert driver.find_elements(By.CSS_SELECTOR, "#quiz-1 .is-answer") == []
    assert "Question. Which gate decides what the cell forgets?" in live(driver)
    press(driver, "n")
    notes = driver.find_element(By.CSS_SELECTOR, ".present-notes").text
    assert "Answer: the forget gate" in notes and "Ask the class to vote first." in notes
    press(driver, Keys.ARROW_RIGHT)
    assert slide_hash(driver) == "#present/quiz-1/answer"
    answer = driver.find_elements(By.CSS_SELECTOR, "#quiz-1 .is-answer")
    assert [a.text for a in answer] == ["the forget gate"]
    assert visible(driver, "#quiz-1 [data-reveal] p")
    assert live(driver).split(". ", 1)[1].startswith("Answer: the forget gate.")


def test_lesson_notes_join_the_narration(fixture_root, open_page):
    driver = open_page(lesson_path(fixture_root), f"present/{FIGURE}/bridge-0")
    press(driver, "n")
    notes = driver.find_element(By.CSS_SELECTOR, ".present-notes").text
    assert "The encoder has read all 4 tokens" in notes, "the generated narration"
    assert "Pause on the bridge" in notes, "the lesson's notes for this figure"


def test_focus_parameter_hides_the_panels_not_named(fixture_root, driver):
    driver.get(lesson_path(fixture_root).as_uri() + "?focus=gates,cell")
    step = f"[id='{FIGURE}/encoder-0']"
    assert visible(driver, f"{step} .node[data-panel='gates']")
    assert visible(driver, f"{step} .node[data-panel='cell']")
    assert not visible(driver, f"{step} .node[data-panel='candidate']")
    assert not visible(driver, f"{step} .node[data-panel='hidden']")
    assert visible(driver, f"{step} .math[data-panel='cell']") and not visible(driver, f"{step} .math[data-panel='hidden']")
    assert not visible(driver, f"{step} .narration")
    assert not visible(driver, f"[id='{FIGURE}'] .walk-overview")
    assert not visible(driver, "#lesson-6-arch"), "the architecture is not asked for"
    tables = driver.execute_script(
        "return Array.from(document.querySelectorAll('#lesson-6-heat-enc .heatmap-scroll'))"
        ".map(t => [t.dataset.panel, getComputedStyle(t).display !== 'none']);")
    assert tables and all(shown == (panel in ("gates", "cell")) for panel, shown in tables), tables
    assert visible(driver, "#lesson-6-heat-enc"), "a figure holding a focused panel stays"
    press(driver, "p")
    decoder = f"[id='{FIGURE}/decoder-0']"
    driver.execute_script("location.hash = arguments[0]", f"present/{FIGURE}/decoder-0")
    assert not visible(driver, f"{decoder} .predictions"), "present mode keeps the focus"
    driver.get(lesson_path(fixture_root).as_uri())
    assert visible(driver, f"{step} .node[data-panel='candidate']"), "without the parameter everything shows"


def test_axe_in_present_mode_with_notes_and_high_contrast(fixture_root, open_page):
    driver = open_page(lesson_path(fixture_root), f"present/{FIGURE}/decoder-0")
    press(driver, "n", "c")
    driver.execute_script(AXE)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations), e => done(String(e)));")
    serious = [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in result if v["impact"] in ("serious", "critical")]
    assert serious == []
    errors = [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    assert errors == []


def test_the_deck_opens_presenting_and_walks_every_step(fixture_root, open_page):
    driver = open_page(fixture_root / "standalone-walkthrough.html")
    assert presenting(driver)
    assert slide_hash(driver) == "#present/w-title"
    total = slide_count(driver)
    steps = driver.execute_script("return document.querySelectorAll('li.step').length")
    predicts = driver.execute_script("return document.querySelectorAll('li.step .predictions').length")
    plain = driver.execute_script(
        "return Array.from(document.querySelectorAll('[data-slide]')).filter(s => !s.querySelector('[data-stepper]')).length")
    assert total == plain + steps + predicts, "title, steps, a predict slide per decoder step, comparison and summary"
    titles = []
    for _ in range(total - 1):
        press(driver, Keys.ARROW_RIGHT)
        titles.append(driver.find_element(By.CSS_SELECTOR, ".present-title").text)
    assert slide_hash(driver) == "#present/w-summary"
    assert "Summary. The model wrote" in live(driver), "a plain slide is read whole"
    for heading in ["The encoder reads", "The bridge", "The decoder, teacher-forced", "The decoder, free-running", "Summary"]:
        assert heading in titles
    driver.execute_script("location.hash = 'present/w-encoder-walk/encoder-1'")
    hidden_tokens = driver.execute_script(
        "return Array.from(document.querySelectorAll('#w-encoder-walk .dec-box .tok')).map(t => getComputedStyle(t).visibility);")
    assert hidden_tokens and set(hidden_tokens) == {"hidden"}, "encoder slides do not show what the decoder will write"
    press(driver, "n")
    driver.execute_script("location.hash = 'present/w-bridge-walk/bridge-0'")
    assert "Ask: what does the decoder know now?" in driver.find_element(By.CSS_SELECTOR, ".present-notes").text
    press(driver, Keys.ESCAPE)
    assert not presenting(driver)
    assert driver.find_element(By.CSS_SELECTOR, "h1").is_displayed(), "the deck reads as a page after Esc"


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def expected_handout_pages(driver) -> int:
    """One page per plain slide and one per step."""
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('.deck [data-slide]'))"
        ".map(s => Math.max(1, s.querySelectorAll('li.step').length)).reduce((a, b) => a + b, 0);")


@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
@pytest.mark.parametrize("handout", ["standalone-handout.html", "handout-dates.html"])
def test_handout_prints_one_step_per_page(fixture_root, open_page, orientation, handout):
    driver = open_page(fixture_root / handout)
    assert not presenting(driver), "a handout opens as a page"
    expected = expected_handout_pages(driver)
    assert expected >= 10
    options = PrintOptions()
    options.orientation = orientation
    pdf = base64.b64decode(driver.print_page(options))
    assert pdf_pages(pdf) == expected


def test_handout_page_count_with_chromiums_own_print_to_pdf(fixture_root, open_page, tmp_path):
    driver = open_page(fixture_root / "standalone-handout.html")
    expected = expected_handout_pages(driver)
    out = tmp_path / "handout.pdf"
    result = subprocess.run(
        [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         "--host-resolver-rules=MAP * ~NOTFOUND", f"--print-to-pdf={out}", (fixture_root / "standalone-handout.html").as_uri()],
        capture_output=True, text=True, timeout=120)
    assert out.exists(), result.stderr[-2000:]
    assert pdf_pages(out.read_bytes()) == expected


def test_the_narration_prints_with_each_step(fixture_root, driver, open_page):
    open_page(fixture_root / "standalone-handout.html")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        shown = driver.execute_script(
            "return Array.from(document.querySelectorAll('li.step')).map(s => {"
            " const n = s.querySelector('.narration'); return getComputedStyle(s).display !== 'none' && !!n && getComputedStyle(n).display !== 'none'; });")
        assert shown and all(shown)
        assert driver.execute_script("return getComputedStyle(document.querySelector('.site-header')).display") == "none"
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


# `unrolled walkthrough`, on real checkpoints. The command is registered in Unrolled.swift on
# the main branch; until then these tests say so and skip.
def walkthrough_command(unrolled):
    result = subprocess.run([str(unrolled), "--help"], capture_output=True, text=True)
    if "walkthrough" not in result.stdout:
        pytest.skip("`unrolled walkthrough` is not registered in Unrolled.swift's subcommands yet")
    return unrolled


def test_cli_writes_a_deck_that_opens_presenting(unrolled, tmp_path, open_page, driver):
    import json
    from urllib.parse import urlsplit

    from conftest import FIXTURE_CHECKPOINTS
    from test_cli import sample_input

    command = walkthrough_command(unrolled)
    checkpoint = next(c for c in FIXTURE_CHECKPOINTS if c.stem == "state-lstm")
    text = sample_input(checkpoint)
    out = tmp_path / "deck.html"
    result = subprocess.run(
        [str(command), "walkthrough", "--checkpoint", str(checkpoint), text, "--target", text, "--out", str(out)],
        capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout == "", result.stderr
    html = out.read_text(encoding="utf-8")
    assert "<link" not in html and "<script src" not in html and "http://" not in html and "https://" not in html
    open_page(out)
    assert presenting(driver)
    assert [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "WARNING")] == []
    requested = [json.loads(e["message"])["message"] for e in driver.get_log("performance")]
    urls = [m["params"]["request"]["url"] for m in requested if m["method"] == "Network.requestWillBeSent"]
    assert [u for u in urls if urlsplit(u).scheme not in ("file", "data", "about")] == []
    driver.execute_script(AXE)
    violations = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations), e => done(String(e)));")
    assert [v["id"] for v in violations if v["impact"] in ("serious", "critical")] == []


def test_cli_handout_prints_one_step_per_page(unrolled, tmp_path, open_page, driver):
    from conftest import FIXTURE_CHECKPOINTS
    from test_cli import sample_input

    command = walkthrough_command(unrolled)
    checkpoint = next(c for c in FIXTURE_CHECKPOINTS if c.stem == "state-bidirectional")
    out = tmp_path / "handout.html"
    result = subprocess.run(
        [str(command), "walkthrough", "--checkpoint", str(checkpoint), sample_input(checkpoint), "--handout", "--out", str(out)],
        capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    open_page(out)
    assert not presenting(driver)
    expected = expected_handout_pages(driver)
    assert pdf_pages(base64.b64decode(driver.print_page(PrintOptions()))) == expected


def test_cli_refuses_an_input_the_model_cannot_read_and_writes_nothing(unrolled, tmp_path):
    from conftest import FIXTURE_CHECKPOINTS

    command = walkthrough_command(unrolled)
    checkpoint = next(c for c in FIXTURE_CHECKPOINTS if c.stem == "state-lstm")
    out = tmp_path / "deck.html"
    result = subprocess.run(
        [str(command), "walkthrough", "--checkpoint", str(checkpoint), "<script>", "--out", str(out)],
        capture_output=True, text=True)
    assert result.returncode != 0
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("unrolled: "), result.stderr
    assert not out.exists()
