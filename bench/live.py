"""The model in the page, timed: headless Chromium on a built site, against the native CLI
in the same run.

For each model it opens models/NAME.html from file://, submits one input (the first use:
the module's and the checkpoint's scripts loaded, base64 decoded, the module instantiated,
the checkpoint read, the input traced and drawn), then 20 more inputs, and reports the median
from submitting to the redrawn figures (live.js's data-live-milliseconds). The reference is
the native build doing the same work for the same inputs: `unrolled trace --format html`, whose
time includes starting the process and reading the checkpoint. It also prints the module's
size and each model page's weight.

Usage: .venv/bin/python bench/live.py SITE_DIR UNROLLED_BINARY [MODEL ...]
(make site builds the site; the binary is the release build: swift build -c release --show-bin-path)
"""
import os
import pathlib
import statistics
import subprocess
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

INPUTS = {
    "addition": [" 2+10", " 9+9", " 1+1", "10+10", " 3+7"],
    "addition3": ["909+91", "123+45", "1+1", "999+999", "50+50"],
    "phrasebook": ["Hello!", "Thank you.", "Good night.", "I am tired.", "Help!"],
}


def chrome():
    os.environ["SE_OFFLINE"] = "true"
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,1000", "--host-resolver-rules=MAP * ~NOTFOUND"]:
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)


def submit(driver, text):
    form = driver.find_element(By.CSS_SELECTOR, "form[data-live-model]")
    driver.execute_script("arguments[0].removeAttribute('data-live-milliseconds');"
                          "arguments[0].removeAttribute('data-live-refused')", form)
    field = form.find_element(By.NAME, "input")
    driver.execute_script("arguments[0].value = arguments[1]", field, text)
    driver.execute_script("arguments[0].requestSubmit()", form)
    WebDriverWait(driver, 60).until(
        lambda d: form.get_attribute("data-live-milliseconds") or form.get_attribute("data-live-refused"))
    if form.get_attribute("data-live-refused"):
        raise SystemExit(f"the page refused {text!r}: " + form.find_element(By.CSS_SELECTOR, "[data-live-error]").text)
    return float(form.get_attribute("data-live-milliseconds"))


def native(binary, name, text):
    started = time.perf_counter()
    subprocess.run([str(binary), "trace", "--model", name, "--format", "html", "--", text],
                   check=True, capture_output=True)
    return (time.perf_counter() - started) * 1000


def main():
    site, binary = pathlib.Path(sys.argv[1]).resolve(), pathlib.Path(sys.argv[2]).resolve()
    models = sys.argv[3:] or list(INPUTS)
    module = site / "assets/live-module.js"
    print(f"module: {module.stat().st_size / 1024:.0f} KB as base64 in assets/live-module.js")
    driver = chrome()
    print("| model | first use (ms) | median of 20 in the page (ms) | native CLI, median of 20 (ms) | page / native | page (KB) | checkpoint asset (KB) |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name in models:
        page = site / "models" / f"{name}.html"
        driver.get("about:blank")
        driver.get(page.as_uri())
        inputs = INPUTS[name]
        first = submit(driver, inputs[0])
        page_times = [submit(driver, inputs[(i + 1) % len(inputs)]) for i in range(20)]
        native_times = [native(binary, name, inputs[i % len(inputs)]) for i in range(20)]
        in_page, on_cli = statistics.median(page_times), statistics.median(native_times)
        asset = site / "assets/live-models" / f"{name}.js"
        print(f"| {name} | {first:.0f} | {in_page:.0f} | {on_cli:.0f} | {in_page / on_cli:.2f} | "
              f"{page.stat().st_size / 1024:.0f} | {asset.stat().st_size / 1024:.0f} |")
    driver.quit()


if __name__ == "__main__":
    main()
