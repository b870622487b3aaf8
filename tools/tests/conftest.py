"""Fixtures for the browser tests: the fixture site and one headless Chromium.

The pages come from the Swift test `SiteFixture` (Tests/SiteTests/SiteFixtureWriter.swift),
which writes them when UNROLLED_SITE_FIXTURE_DIR is set. Set UNROLLED_SITE_DIR to test an
already built directory instead (it must hold site/ and the standalone-*.html pages).
"""
import os
import pathlib
import subprocess
import tempfile

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

REPO = pathlib.Path(__file__).resolve().parents[2]
CHROMEDRIVER = "/usr/bin/chromedriver"
CHROMIUM = "/usr/bin/chromium"


def _write_fixture_site(directory: pathlib.Path) -> None:
    env = dict(os.environ, UNROLLED_SITE_FIXTURE_DIR=str(directory))
    command = ["swift", "test", "--skip-build", "--filter", "SiteFixture"]
    result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)
    if result.returncode != 0 or not (directory / "site" / "index.html").exists():
        # Not built yet: build the tests once, then write.
        command.remove("--skip-build")
        result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)
    if result.returncode != 0 or not (directory / "site" / "index.html").exists():
        raise RuntimeError("could not write the fixture site:\n" + result.stdout[-3000:] + result.stderr[-3000:])
    _write_tutorial_site(directory / "tutorial")


def live_module() -> pathlib.Path:
    """The page's WebAssembly module (make test builds it; built here when it is missing)."""
    module = REPO / ".build/wasm/unrolled.wasm"
    if not module.exists():
        subprocess.run([str(REPO / "Scripts/build-wasm.sh"), str(module)], cwd=REPO, check=True)
    return module


def axe_results(driver) -> dict:
    """axe-core's report on the current page (the wheel's axe.min.js, injected)."""
    import axe_playwright_python
    source = (pathlib.Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
    driver.execute_script(source)
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done({violations: r.violations}), e => done({error: String(e)}));")


def _write_tutorial_site(directory: pathlib.Path) -> None:
    """The real tutorial: the built-in curriculum and models, through `unrolled site`, with
    the model pages' input field (the page's WebAssembly module)."""
    binary = bin_path() / "unrolled"
    command = [str(binary), "site", "--out", str(directory), "--live-module", str(live_module())]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError("unrolled site failed:\n" + result.stderr[-3000:])


@pytest.fixture(scope="session")
def fixture_root():
    given = os.environ.get("UNROLLED_SITE_DIR")
    if given:
        yield pathlib.Path(given).resolve()
        return
    with tempfile.TemporaryDirectory(prefix="unrolled-browser-") as directory:
        root = pathlib.Path(directory)
        _write_fixture_site(root)
        yield root


@pytest.fixture(scope="session")
def pages(fixture_root):
    """Every HTML page to check, site pages first, by path."""
    site = sorted((fixture_root / "site").rglob("*.html"))
    tutorial = sorted((fixture_root / "tutorial").rglob("*.html"))
    standalone = sorted(fixture_root.glob("standalone-*.html"))
    return site + tutorial + standalone


def _chrome(javascript: bool = True):
    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must not try to download a driver.
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in [
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1000",
        # Nothing may leave the machine: every host name fails to resolve.
        "--host-resolver-rules=MAP * ~NOTFOUND", "--allow-file-access-from-files",
    ]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    browser = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["http://*", "https://*", "ws://*", "wss://*"]})
    return browser


@pytest.fixture(scope="session")
def driver():
    browser = _chrome()
    yield browser
    browser.quit()


@pytest.fixture(scope="session")
def driver_without_javascript():
    browser = _chrome(javascript=False)
    yield browser
    browser.quit()


@pytest.fixture()
def open_page(driver):
    """Opens a file:// page and clears the logs left by earlier pages."""
    def _open(path: pathlib.Path, fragment: str = ""):
        driver.get("about:blank")
        driver.get_log("browser")
        driver.get_log("performance")
        driver.get(path.as_uri() + (("#" + fragment) if fragment else ""))
        return driver
    return _open


# The command line, for test_cli.py: the built `unrolled` and the checkpoints to run it on.
ROOT = REPO
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


# The Keras tests (test_keras_export.py, test_keras_roundtrip.py).

# Keras 3.15's JAX backend converts arrays with np.array(x), which numpy 2.4 warns about
# once per call (keras/src/backend/jax/core.py); the copy it warns about changes no value.
KERAS_WARNING = "ignore:__array__ implementation doesn't accept a copy keyword"


def import_keras():
    """(numpy, keras) with Keras 3 on JAX's CPU backend, unless the environment chose
    another; skips the calling test module when either is missing."""
    os.environ.setdefault("KERAS_BACKEND", "jax")
    os.environ.setdefault("JAX_PLATFORMS", "cpu")
    return pytest.importorskip("numpy"), pytest.importorskip("keras")
