"""The app as a user sees it: streamlit run, headless Debian Chromium through Playwright, every page."""
import re
import time

import pytest

from browser_support import ROOT, wait_until_rendered

SCREENSHOTS = ROOT / "artifacts" / "screenshots"
# (page, address): the default page is served at "/", the others at their file's name (Streamlit's url path).
PAGES = [(m.group(1), "" if m.group(2) else m.group(1)) for m in re.finditer(
    r'st\.Page\("app_pages/(\w+)\.py"([^)]*default=True)?[^)]*\)', (ROOT / "app.py").read_text(encoding="utf-8"))]

pytestmark = pytest.mark.browser


def test_every_page_is_found():
    assert len(PAGES) >= 1 and sum(1 for _, address in PAGES if address == "") == 1


@pytest.mark.parametrize("url_path, address", PAGES, ids=[p for p, _ in PAGES])
def test_page_renders_without_error(server, browser, url_path, address):
    page = browser.new_page(viewport={"width": 1366, "height": 768}, locale="vi-VN")
    started = time.monotonic()
    page.goto(f"{server}/{address}", wait_until="domcontentloaded")
    wait_until_rendered(page)
    elapsed = time.monotonic() - started
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{url_path}.png"), full_page=True)
    errors = page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]')
    assert errors.count() == 0, errors.first.inner_text()
    assert "Page not found" not in page.content()
    assert page.locator("h1").count() >= 1
    print(f"{url_path}: rendered in {elapsed:.1f} s")
    page.close()


def test_growth_chart_is_visible_with_vietnamese_numbers(server, browser):
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    address = dict(PAGES)["growth"]
    page.goto(f"{server}/{address}", wait_until="domcontentloaded")
    wait_until_rendered(page)
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    assert chart.is_visible()
    svg_text = chart.text_content()
    assert "Lạng Sơn" in svg_text
    assert "8,06" in svg_text  # decimal comma in the bar labels
    page.close()
