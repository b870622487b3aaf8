"""The page runs the model: the WebAssembly module built from the project's own Swift
(Scripts/build-wasm.sh) against the command line, and the model pages' input field in
headless Chromium.

Parity: for every built-in model and at least 20 inputs each (the model page's examples,
edge cases, seeded random valid inputs, with and without targets), the trace the module
writes equals `unrolled trace --format json` byte for byte (so every token, decode, stop
reason, divergence and number is the same, to the bit), and each refused input gets the
CLI's own message. The figures the module draws for an input equal, byte for byte, the
markup the static build writes for that input.
"""
import json
from html import unescape
import pathlib
import random
import re
import struct
import subprocess
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import BUILT_IN_MODELS, REPO, axe_results, live_module

RUNNER = REPO / "tools/wasm/run-live.mjs"


def config_of(checkpoint: pathlib.Path) -> dict:
    data = checkpoint.read_bytes()
    length = struct.unpack("<Q", data[:8])[0]
    return json.loads(json.loads(data[8:8 + length])["__metadata__"]["config"])


def tokens_text(tokens, unit):
    return (" " if unit == "word" else "").join(tokens)


def inputs_for(name: str, config: dict) -> list:
    """(input, target) pairs: examples, edges, seeded random valid inputs, some with targets."""
    rng = random.Random(f"live-{name}")
    vocabulary = config["inputVocabulary"]
    output = config["outputVocabulary"]
    special = {"\t", "\n"}
    readable = [t for t in vocabulary["tokens"] if t not in special]
    writable = [t for t in output["tokens"] if t not in special]
    limit = config["maxInputLength"]
    target_limit = config["maxOutputLength"] - (1 if config["bridge"] == "stateBridge" else 0)
    if "series" in config:
        count = limit * len(vocabulary["tokens"])
        def series(n):
            return ",".join(f"{rng.uniform(-1, 1):.3f}" for _ in range(n))
        pairs = [(series(count), None) for _ in range(14)]
        pairs += [(series(count), series(config["maxOutputLength"])) for _ in range(6)]
        pairs += [(",".join(["0"] * count), None), (",".join(["1e-3"] * count), None)]
        return pairs
    bidirectional_decoder = config["decoder"].get("bidirectional", False)
    def random_text(maximum, pool):
        return tokens_text([rng.choice(pool) for _ in range(rng.randint(1, maximum))], vocabulary["unit"])
    pairs = []
    edges = [readable[0], tokens_text([readable[-1]] * limit, vocabulary["unit"])]
    if name.startswith("addition"):
        edges += ["909+91" if limit >= 6 else "9+9", "0+0", "1+" + "9" * max(1, min(3, limit - 2))]
    for text in edges:
        pairs.append((text, None))
    while len(pairs) < 16:
        pairs.append((random_text(limit, readable), None))
    while len(pairs) < 24:
        target = tokens_text([rng.choice(writable) for _ in range(rng.randint(1, target_limit))], output["unit"])
        pairs.append((random_text(limit, readable), target))
    if bidirectional_decoder:
        # It decodes only teacher-forced: every input needs a target.
        pairs = [(source, target or tokens_text([rng.choice(writable)] * 3, output["unit"])) for source, target in pairs]
    return pairs


def bad_inputs_for(config: dict) -> list:
    vocabulary = config["inputVocabulary"]
    if "series" in config:
        return [("", None), ("0.1,x", None), ("0.1,0.2", None)]
    unknown = next(c for c in "§xQ#~" if c not in vocabulary["tokens"])
    long = tokens_text([vocabulary["tokens"][0]] * (config["maxInputLength"] + 3), vocabulary["unit"])
    pairs = [("", None), (unknown, None), (long, None)]
    if not config["decoder"].get("bidirectional", False):
        pairs.append((vocabulary["tokens"][0], unknown))
    return pairs


def cli(unrolled, name, text, target, form="json"):
    command = [str(unrolled), "trace", "--model", name, "--format", form]
    if target is not None:
        command += ["--target=" + target]
    command += ["--", text]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True)


def run_module(module, requests):
    lines = "".join(json.dumps(r) + "\n" for r in requests)
    result = subprocess.run(["node", str(RUNNER), str(module)], input=lines, capture_output=True, text=True, check=True)
    return [json.loads(line) for line in result.stdout.splitlines()]


MODELS = [(path.stem, path) for path in BUILT_IN_MODELS]


@pytest.mark.parametrize("name,checkpoint", MODELS, ids=[m[0] for m in MODELS])
def test_the_module_traces_exactly_what_the_cli_traces(unrolled, name, checkpoint):
    module = live_module()
    config = config_of(checkpoint)
    pairs = inputs_for(name, config)
    assert len(pairs) >= 20
    requests = [{"checkpoint": str(checkpoint), "input": i, "target": t, "view": 0} for i, t in pairs]
    answers = run_module(module, requests)
    for (text, target), answer in zip(pairs, answers):
        expected = cli(unrolled, name, text, target)
        assert expected.returncode == 0, expected.stderr
        assert answer["status"] == 0, answer["text"]
        assert answer["text"] == expected.stdout, f"{name} {text!r} {target!r}: the page's trace differs from the CLI's"


@pytest.mark.parametrize("name,checkpoint", MODELS, ids=[m[0] for m in MODELS])
def test_the_module_refuses_with_the_cli_message(unrolled, name, checkpoint):
    config = config_of(checkpoint)
    pairs = bad_inputs_for(config)
    answers = run_module(live_module(), [
        {"checkpoint": str(checkpoint), "input": i, "target": t, "view": 0} for i, t in pairs])
    for (text, target), answer in zip(pairs, answers):
        expected = cli(unrolled, name, text, target)
        assert expected.returncode != 0
        message = expected.stderr.strip().splitlines()[-1]
        assert message.startswith("unrolled: ")
        assert answer["status"] == 1
        assert answer["text"] == message[len("unrolled: "):], f"{name} {text!r}"


def section_html(page: str, section_id: str) -> str:
    match = re.search(
        r'<section id="' + re.escape(section_id) + r'" aria-labelledby="[^"]*">\n<h2 id="[^"]*">.*?</h2>\n(.*?)\n</section>',
        page, re.S)
    assert match, f"no section {section_id}"
    return match.group(1)


def test_the_module_draws_the_model_pages_examples_byte_for_byte(fixture_root):
    """Each model page's recorded examples, drawn again by the module from their inputs."""
    tutorial = fixture_root / "tutorial" / "models"
    checked = 0
    for name, checkpoint in MODELS:
        page = (tutorial / f"{name}.html").read_text()
        examples = re.findall(r'<section id="(ex\d+)" aria-labelledby="ex\d+-h">\n<h2 id="ex\d+-h">Example \d+: “(.*?)”</h2>', page)
        requests, expected = [], []
        for section_id, shown in examples:
            html = section_html(page, section_id)
            text, target = shown.replace("␣", " "), None
            given = re.match(r'<p class="example-target" data-input="(.*?)" data-target="(.*?)">.*?</p>', html, re.S)
            if given:
                text, target = (unescape(v) for v in given.groups())
                html = html[given.end():]
            requests.append({"checkpoint": str(checkpoint), "input": unescape(text), "target": target, "view": 1,
                             "prefix": section_id})
            expected.append(html)
        for answer, html in zip(run_module(live_module(), requests), expected):
            assert answer["status"] == 0, answer["text"]
            assert answer["text"] == html, f"{name}: the page's figures differ from the static build's"
            checked += 1
    assert checked >= 8


# What the site hands the page (BuiltInModel.trainingDomain, as TrainingDomain.text).
DOMAINS = {"addition": "sums 1 10", "addition3": "sums 0 999", "dates": "years 1950 2049"}


@pytest.mark.parametrize("name,text,target", [
    ("addition", " 2+10", "12"), ("addition", "23+19", None), ("addition3", "909+91", None),
    ("dates", "12/25/2019", None), ("dates", "12/25/2150", None),
    ("dates-bidirectional-decoder", "12/25/2019", "2019-12-25"), ("commands", "turn on the lamp", None),
    ("sines", ",".join(["0.5"] * 24), None),
])
def test_the_module_draws_a_trace_page_as_the_cli_writes_it(unrolled, name, text, target):
    checkpoint = REPO / f"Sources/Trace/Resources/Models/{name}.safetensors"
    page = cli(unrolled, name, text, target, form="html")
    assert page.returncode == 0, page.stderr
    article = re.search(r'<article class="page">(.*)</article>', page.stdout, re.S).group(1)
    domain = DOMAINS.get(name, "anything")
    answer = run_module(live_module(), [
        {"checkpoint": str(checkpoint), "input": text, "target": target, "view": 2, "domain": domain}])[0]
    assert answer["status"] == 0, answer["text"]
    assert answer["text"] == article


def test_the_module_redraws_every_lesson_figure_byte_for_byte(fixture_root):
    """Every live figure of the built-in lessons, drawn again by the module from the lesson's
    own input, target, view and options, equals the figure the static build wrote."""
    lessons = sorted((fixture_root / "tutorial" / "lessons").glob("*.html"))
    requests, expected, where = [], [], []
    pattern = re.compile(
        r'<div class="live-figure" id="([^"]+)-live">(.*?)</div><form class="live-input live-figure-input" '
        r'data-live-model="([^"]+)"[^>]*data-live-drawing="([^"]*)" data-live-prefix="([^"]+)"[^>]*>(.*?)</form>', re.S)
    for lesson in lessons:
        for figure_id, html, model, drawing, prefix, form in pattern.findall(lesson.read_text()):
            assert prefix == figure_id
            value = lambda name: unescape(re.search(r'name="' + name + r'" type="text" value="([^"]*)"', form).group(1))
            target = value("target") or None
            requests.append({"checkpoint": str(REPO / f"Sources/Trace/Resources/Models/{model}.safetensors"),
                             "input": value("input"), "target": target, "drawing": unescape(drawing),
                             "prefix": figure_id})
            expected.append(html)
            where.append(f"{lesson.name} {figure_id}")
    assert len(requests) >= 20, "the lessons' trace figures should have fields"
    for answer, html, place in zip(run_module(live_module(), requests), expected, where):
        assert answer["status"] == 0, (place, answer["text"])
        assert answer["text"] == html, f"{place}: the page's figure differs from the static build's"


def test_a_learner_redraws_a_lesson_figure_for_their_input(open_page, fixture_root):
    page = fixture_root / "tutorial" / "lessons" / "02-one-lstm-step.html"
    driver = open_page(page)
    form = driver.find_element(By.CSS_SELECTOR, "form.live-figure-input")
    output = driver.find_element(By.ID, form.get_attribute("data-live-output"))
    before = output.get_attribute("innerHTML")
    field = form.find_element(By.NAME, "input")
    field.clear()
    field.send_keys(" 7+5")
    field.send_keys(Keys.ENTER)
    WebDriverWait(driver, 30).until(lambda d: form.get_attribute("data-live-milliseconds"))
    assert output.get_attribute("innerHTML") != before
    assert "7" in output.text
    results = axe_results(driver)
    assert not [v for v in results["violations"] if v["impact"] in ("serious", "critical")]


# In the browser.

def submit(driver, page, text, target=None):
    form = driver.find_element(By.CSS_SELECTOR, "form[data-live-model]")
    field = form.find_element(By.NAME, "input")
    field.clear()
    field.send_keys(text)
    if target is not None:
        form.find_element(By.NAME, "target").send_keys(target)
    field.send_keys(Keys.ENTER)
    WebDriverWait(driver, 30).until(lambda d: not form.find_element(By.CSS_SELECTOR, "button").get_attribute("disabled")
                                    and (form.get_attribute("data-live-milliseconds") or form.get_attribute("data-live-refused")))
    return form


def test_a_learner_types_an_input_and_sees_its_gates(open_page, fixture_root):
    page = fixture_root / "tutorial" / "models" / "addition3.html"
    driver = open_page(page)
    form = submit(driver, page, "909+91")
    figures = driver.find_element(By.ID, "you-figures")
    assert figures.is_displayed()
    walk = figures.find_element(By.CSS_SELECTOR, "[data-stepper]")
    assert "909+91" in figures.text or "909" in figures.text
    status = form.find_element(By.CSS_SELECTOR, "[data-live-status]").text
    assert "909+91" in status
    # The redrawn figure steps with the keyboard, as a recorded one does.
    walk.click()
    before = walk.find_element(By.CSS_SELECTOR, "li.step:not([hidden])").get_attribute("id")
    walk.send_keys(Keys.ARROW_RIGHT)
    after = walk.find_element(By.CSS_SELECTOR, "li.step:not([hidden])").get_attribute("id")
    assert before != after
    # The input is in the URL, so a link opens the page with it.
    assert "input=909%2B91" in driver.current_url
    # Nothing went to the network.
    requests = [json.loads(e["message"])["message"] for e in driver.get_log("performance")]
    urls = [r["params"]["request"]["url"] for r in requests if r["method"] == "Network.requestWillBeSent"]
    assert all(u.startswith("file://") or u.startswith("data:") for u in urls), urls
    results = axe_results(driver)
    serious = [v for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, [v["id"] for v in serious]


def test_a_refused_input_gets_the_cli_message_beside_the_field(open_page, fixture_root, unrolled):
    page = fixture_root / "tutorial" / "models" / "addition.html"
    driver = open_page(page)
    submit(driver, page, " 2+10")
    first = driver.find_element(By.ID, "you-figures").get_attribute("innerHTML")
    form = submit(driver, page, "9x+1")
    error = form.find_element(By.CSS_SELECTOR, "[data-live-error]")
    expected = cli(unrolled, "addition", "9x+1", None).stderr.strip().splitlines()[-1][len("unrolled: "):]
    assert error.is_displayed() and error.text.endswith(expected)
    assert error.get_attribute("role") == "alert"
    assert form.find_element(By.NAME, "input").get_attribute("aria-invalid") == "true"
    assert driver.find_element(By.ID, "you-figures").get_attribute("innerHTML") == first, "the previous figures stay"


def test_a_link_with_an_input_opens_the_page_traced(driver, fixture_root):
    page = fixture_root / "tutorial" / "models" / "addition.html"
    driver.get("about:blank")
    driver.get(page.as_uri() + "?input=%209%2B9")
    form = driver.find_element(By.CSS_SELECTOR, "form[data-live-model]")
    WebDriverWait(driver, 30).until(lambda d: form.get_attribute("data-live-milliseconds"))
    assert form.find_element(By.NAME, "input").get_attribute("value") == " 9+9"
    assert driver.find_element(By.ID, "you-figures").is_displayed()


def test_without_javascript_the_page_says_how_to_trace_from_the_command_line(driver_without_javascript, fixture_root):
    driver = driver_without_javascript
    driver.get((fixture_root / "tutorial" / "models" / "addition.html").as_uri())
    assert not driver.find_element(By.CSS_SELECTOR, "form[data-live-model]").is_displayed()
    assert "unrolled trace --model addition" in driver.find_element(By.CSS_SELECTOR, "[data-live-fallback]").text


def test_a_teacher_traces_the_rooms_input_in_present_mode(open_page, fixture_root):
    page = fixture_root / "tutorial" / "lessons" / "03-the-encoder-reads.html"
    driver = open_page(page)
    # The first live figure that is a stepper, so it is a slide.
    figure_id = driver.execute_script(
        "var f = document.querySelector('.live-figure > [data-stepper]'); return f ? f.id : null;")
    assert figure_id
    driver.get(page.as_uri() + f"#present/{figure_id}")
    driver.refresh()
    WebDriverWait(driver, 10).until(lambda d: d.find_element(By.CSS_SELECTOR, ".present").is_displayed())
    stage = driver.find_element(By.CSS_SELECTOR, ".present-stage")
    before = stage.get_attribute("innerHTML")
    body = driver.find_element(By.TAG_NAME, "body")
    body.send_keys("i")
    field = driver.find_element(By.ID, "present-ask-input")
    assert field == driver.switch_to.active_element
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys("9x")
    field.send_keys(Keys.ENTER)
    error = driver.find_element(By.CSS_SELECTOR, ".present-ask .live-error")
    WebDriverWait(driver, 30).until(lambda d: error.is_displayed())
    assert "does not know" in error.text, error.text
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys("17+5")
    field.send_keys(Keys.ENTER)
    WebDriverWait(driver, 30).until(lambda d: not d.find_element(By.CSS_SELECTOR, ".present-ask").is_displayed())
    assert stage.get_attribute("innerHTML") != before
    assert "7" in stage.text
    live = driver.find_element(By.CSS_SELECTOR, ".present-live")
    assert "Traced “17+5” for the class" in live.get_attribute("textContent")


def test_a_standalone_trace_page_with_the_module_redraws_itself(unrolled, driver, tmp_path):
    page = tmp_path / "trace.html"
    made = subprocess.run([str(unrolled), "trace", "--model", "addition3", "--format", "html", "--live-module",
                           str(live_module()), "--out", str(page), "--", "123+45"], cwd=REPO, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    driver.get("about:blank")
    driver.get(page.as_uri())
    form = driver.find_element(By.CSS_SELECTOR, "form[data-live-model]")
    field = form.find_element(By.NAME, "input")
    field.clear()
    field.send_keys("909+91", Keys.ENTER)
    WebDriverWait(driver, 30).until(lambda d: form.get_attribute("data-live-milliseconds"))
    # The markup is the CLI's byte for byte (test_the_module_draws_a_trace_page_as_the_cli_writes_it);
    # here: the page redrew itself, its stepper works, and nothing was fetched.
    expected = cli(unrolled, "addition3", "909+91", None, form="html").stdout
    lede = unescape(re.search(r'<p class="lede">(.*?)</p>', expected).group(1))
    assert driver.find_element(By.CSS_SELECTOR, "#live-article .lede").text == lede
    assert "909+91" in driver.find_element(By.CSS_SELECTOR, "#live-article h1").text
    assert driver.find_element(By.CSS_SELECTOR, "#live-article [data-stepper] .stepper-controls")
    requests = [json.loads(e["message"])["message"] for e in driver.get_log("performance")]
    urls = [r["params"]["request"]["url"] for r in requests if r["method"] == "Network.requestWillBeSent"]
    assert all(u.startswith("file://") or u.startswith("data:") for u in urls), urls


def test_an_input_outside_the_training_data_is_said_to_be(open_page, fixture_root, unrolled):
    driver = open_page(fixture_root / "tutorial" / "models" / "addition.html")
    form = submit(driver, None, "23+19")
    status = form.find_element(By.CSS_SELECTOR, "[data-live-status]").text
    note = cli(unrolled, "addition", "23+19", None).stderr.strip().splitlines()[0]
    assert note.startswith("note: ")
    assert f"Outside its training: {note[len('note: '):]}, so its answer is a guess." in status


@pytest.mark.parametrize("name,text,target,unit", [
    ("addition", " 2+10", "12", 0), ("addition3", "909+91", None, 3),
    ("dates-bidirectional-decoder", "22 Nov 2026", "2026-11-22", 0), ("sines", ",".join(["0.25"] * 24), None, 1),
])
def test_the_module_rebuilds_a_walkthrough_deck_as_the_cli_writes_it(unrolled, name, text, target, unit):
    command = [str(unrolled), "walkthrough", "--model", name, "--unit", str(unit)]
    if target is not None:
        command += ["--target=" + target]
    deck = subprocess.run(command + ["--", text], cwd=REPO, capture_output=True, text=True)
    assert deck.returncode == 0, deck.stderr
    article = re.search(r'<article class="deck" data-deck="present">(.*)</article>', deck.stdout, re.S).group(1)
    checkpoint = REPO / f"Sources/Trace/Resources/Models/{name}.safetensors"
    answer = run_module(live_module(), [
        {"checkpoint": str(checkpoint), "input": text, "target": target, "view": 3, "prefix": str(unit)}])[0]
    assert answer["status"] == 0, answer["text"]
    assert answer["text"] == article


def test_a_walkthrough_deck_is_rebuilt_for_the_rooms_input(unrolled, driver, tmp_path):
    deck = tmp_path / "deck.html"
    made = subprocess.run([str(unrolled), "walkthrough", "--model", "addition", "--live-module", str(live_module()),
                           "--out", str(deck), "--", " 2+10"], cwd=REPO, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    driver.get("about:blank")
    driver.get(deck.as_uri())
    WebDriverWait(driver, 10).until(lambda d: d.find_element(By.CSS_SELECTOR, ".present").is_displayed())
    driver.find_element(By.TAG_NAME, "body").send_keys("i")
    field = driver.find_element(By.ID, "present-ask-input")
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(" 7+5", Keys.ENTER)
    WebDriverWait(driver, 30).until(lambda d: not d.find_element(By.CSS_SELECTOR, ".present-ask").is_displayed())
    live = driver.find_element(By.CSS_SELECTOR, ".present-live")
    assert "Traced “ 7+5” for the class" in live.get_attribute("textContent")
    title = driver.execute_script("return document.getElementById('w-title-h').textContent")
    assert "7+5" in title
