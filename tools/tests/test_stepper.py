"""The stepper in a real browser: buttons, arrow keys (only with focus), the slider, the
URL hash and the live region."""
import re
import time

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.select import Select

FIGURE = "lesson-6-walk"


@pytest.fixture()
def lesson(fixture_root, open_page):
    return open_page(fixture_root / "site" / "lessons" / "copy.html")


def visible_steps(driver, figure_id=FIGURE):
    return driver.execute_script(
        "return Array.from(document.getElementById(arguments[0]).querySelectorAll(':scope > ol.steps > li.step'))"
        ".filter(s => !s.hidden).map(s => s.id);", figure_id)


def live_text(driver, figure_id=FIGURE):
    return driver.find_element(By.CSS_SELECTOR, f"[id='{figure_id}'] .stepper-live").text


def announce(driver, step_id):
    return driver.execute_script("return document.getElementById(arguments[0]).dataset.announce;", step_id)


def button(driver, label, figure_id=FIGURE):
    return driver.find_element(By.CSS_SELECTOR, f"[id='{figure_id}'] button[aria-label='{label}']")


def test_one_step_shows_and_buttons_step(lesson):
    assert visible_steps(lesson) == [f"{FIGURE}/encoder-0"]
    assert button(lesson, "Previous step").get_attribute("aria-disabled") == "true"
    button(lesson, "Next step").click()
    assert visible_steps(lesson) == [f"{FIGURE}/encoder-1"]
    assert live_text(lesson).startswith(announce(lesson, f"{FIGURE}/encoder-1") + ". The encoder reads"), "announcement, then narration"
    button(lesson, "Last step").click()
    last = visible_steps(lesson)[0]
    assert last.startswith(f"{FIGURE}/decoder-")
    assert live_text(lesson).startswith("decoder step")
    assert button(lesson, "Next step").get_attribute("aria-disabled") == "true"
    button(lesson, "First step").click()
    assert visible_steps(lesson) == [f"{FIGURE}/encoder-0"]


def test_live_region_is_polite_and_speaks_each_step(lesson):
    live = lesson.find_element(By.CSS_SELECTOR, f"[id='{FIGURE}'] .stepper-live")
    assert live.get_attribute("aria-live") == "polite"
    seen = []
    for _ in range(3):
        button(lesson, "Next step").click()
        seen.append(live.text)
    assert len(set(seen)) == 3, seen
    assert all(text for text in seen)


def test_arrow_keys_step_only_while_the_figure_has_focus(lesson):
    lesson.execute_script("document.activeElement && document.activeElement.blur(); document.body.focus();")
    ActionChains(lesson).send_keys(Keys.ARROW_RIGHT).perform()
    assert visible_steps(lesson) == [f"{FIGURE}/encoder-0"], "arrow keys outside the figure must not step"
    button(lesson, "Next step").click()  # focus is now inside the figure
    ActionChains(lesson).send_keys(Keys.ARROW_RIGHT).perform()
    assert visible_steps(lesson) == [f"{FIGURE}/encoder-2"]
    ActionChains(lesson).send_keys(Keys.ARROW_LEFT).perform()
    assert visible_steps(lesson) == [f"{FIGURE}/encoder-1"]
    ActionChains(lesson).send_keys(Keys.END).perform()
    assert visible_steps(lesson)[0].startswith(f"{FIGURE}/decoder-")
    ActionChains(lesson).send_keys(Keys.HOME).perform()
    assert visible_steps(lesson) == [f"{FIGURE}/encoder-0"]


def test_slider_scrubs(lesson):
    slider = lesson.find_element(By.CSS_SELECTOR, f"[id='{FIGURE}'] input[type=range]")
    slider.send_keys(Keys.ARROW_RIGHT)
    slider.send_keys(Keys.ARROW_RIGHT)
    assert visible_steps(lesson) == [f"{FIGURE}/encoder-2"], "one step per slider move, not two"
    slider.send_keys(Keys.END)
    assert visible_steps(lesson)[0].startswith(f"{FIGURE}/decoder-")
    assert slider.get_attribute("aria-valuetext").startswith("decoder step")


def test_url_hash_opens_a_step_and_follows_stepping(fixture_root, open_page):
    driver = open_page(fixture_root / "site" / "lessons" / "copy.html", f"{FIGURE}/decoder-1")
    assert visible_steps(driver) == [f"{FIGURE}/decoder-1"]
    button(driver, "Previous step").click()
    assert driver.execute_script("return decodeURIComponent(location.hash)") == f"#{FIGURE}/decoder-0"
    driver.execute_script("location.hash = arguments[0]", f"{FIGURE}/encoder-3")
    assert visible_steps(driver) == [f"{FIGURE}/encoder-3"]


def browser_problems(driver):
    return [entry for entry in driver.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")]


@pytest.mark.parametrize("fragment", ["%", "%E0%A4%A"])
def test_a_malformed_hash_is_taken_as_written_not_thrown(fixture_root, open_page, fragment):
    driver = open_page(fixture_root / "site" / "lessons" / "copy.html", fragment)
    assert browser_problems(driver) == [], "stepper.js and present.js catch decodeURIComponent's URIError"
    button(driver, "Next step").click()
    assert len(visible_steps(driver)) == 1, "the stepper still works"


def test_a_malformed_present_hash_is_not_thrown(fixture_root, open_page):
    driver = open_page(fixture_root / "site" / "lessons" / "copy.html", "present/%")
    assert browser_problems(driver) == [], "present.js takes #present/% as written"


def test_play_advances_and_pause_stops(lesson):
    Select(lesson.find_element(By.CSS_SELECTOR, f"[id='{FIGURE}'] select")).select_by_value("2")
    play = button(lesson, "Play")
    play.click()
    assert play.get_attribute("aria-pressed") == "true"
    time.sleep(1.0)
    pause = button(lesson, "Pause")
    pause.click()
    stopped_at = visible_steps(lesson)
    assert stopped_at != [f"{FIGURE}/encoder-0"]
    time.sleep(1.0)
    assert visible_steps(lesson) == stopped_at


def test_epoch_slider_over_snapshots(lesson):
    figure = "training-epochs"
    assert visible_steps(lesson, figure) == [f"{figure}/epoch-0"]
    button(lesson, "Last step", figure).click()
    assert visible_steps(lesson, figure) == [f"{figure}/epoch-2"]
    assert live_text(lesson, figure).startswith("epoch 12:")


def test_heatmap_cells_read_out_on_keyboard_focus(fixture_root, open_page):
    driver = open_page(fixture_root / "standalone-trace.html")
    cell = driver.find_element(By.CSS_SELECTOR, "#t-heat-enc table[data-grid] tbody td")
    driver.execute_script("arguments[0].focus()", cell)
    readout = driver.find_element(By.CSS_SELECTOR, "#t-heat-enc .readout")
    assert readout.text.startswith("input gate i · unit 0 · step 1"), readout.text
    ActionChains(driver).send_keys(Keys.ARROW_DOWN).perform()
    assert "unit 1" in readout.text
    assert driver.switch_to.active_element.tag_name == "td"


def test_without_javascript_every_step_shows_in_order(fixture_root, driver_without_javascript):
    driver = driver_without_javascript
    driver.get((fixture_root / "site" / "lessons" / "copy.html").as_uri())
    steps = driver.find_elements(By.CSS_SELECTOR, f"[id='{FIGURE}'] > ol.steps > li.step")
    assert len(steps) >= 8
    assert all(step.is_displayed() for step in steps), "every step is on the page"
    ids = [step.get_attribute("id") for step in steps]
    assert ids[0] == f"{FIGURE}/encoder-0" and ids[-1].startswith(f"{FIGURE}/decoder-")
    assert driver.find_elements(By.CSS_SELECTOR, ".stepper-controls") == [], "no controls that could not work"
    html = (fixture_root / "site" / "lessons" / "copy.html").read_text(encoding="utf-8")
    assert re.search(r'<li class="step"(?:\s+[\w-]+="[^"]*")*\s+hidden\b', html) is None, "no step is hidden in the HTML itself"


def test_heatmaps_outline_the_walks_current_step(lesson):
    button(lesson, "Next step").click()
    current = lesson.execute_script(
        "return Array.from(document.querySelectorAll('#lesson-6-heat-enc table')).map(t =>"
        " Array.from(t.querySelectorAll('col')).findIndex(c => c.classList.contains('is-current')));")
    assert current and set(current) == {2}, "step 2's column (after the unit column) in every table"
    decoder = lesson.execute_script("return document.querySelectorAll('#lesson-6-heat-dec col.is-current').length")
    assert decoder == 0, "the decoder heatmap has no encoder step"


def test_a_step_fades_in_only_when_stepped_to_and_never_with_reduced_motion(fixture_root, driver, open_page):
    page = fixture_root / "site" / "lessons" / "copy.html"
    first = f"document.getElementById('{FIGURE}/encoder-0')"
    second = f"document.getElementById('{FIGURE}/encoder-1')"
    open_page(page)
    # The step shown on load is at full opacity at once: a reader (or an accessibility
    # checker) never meets it half faded in.
    assert driver.execute_script(f"return getComputedStyle({first}).animationName") == "none"
    button(driver, "Next step").click()
    assert driver.execute_script(f"return getComputedStyle({second}).animationName") == "step-in"
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-reduced-motion", "value": "reduce"}]})
    try:
        open_page(page)
        button(driver, "Next step").click()
        assert driver.execute_script(f"return getComputedStyle({second}).animationName") == "none"
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})


def test_cell_values_read_out_with_every_listed_unit(lesson):
    button(lesson, "Next step").click()
    node = lesson.find_elements(By.CSS_SELECTOR, f"[id='{FIGURE}'] .step:not([hidden]) .node")[2]
    lesson.execute_script("arguments[0].focus()", node)
    readout = lesson.find_element(By.CSS_SELECTOR, f"[id='{FIGURE}'] .stepper-controls .readout").text
    assert readout.startswith("forget gate f: mean"), readout
    assert "units 0: " in readout and "3: " in readout, readout
