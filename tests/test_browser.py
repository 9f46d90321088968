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


# Records the first moment (ms after navigation start) words with Vietnamese letters appear in the app, and which.
FIRST_WORDS = """
new MutationObserver((_, observer) => {
  const app = document.querySelector('[data-testid="stApp"]');
  const text = app ? app.innerText : '';
  if (/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i.test(text)) {
    window.firstWords = {ms: performance.now(), text: text};
    observer.disconnect();
  }
}).observe(document, {subtree: true, childList: true, characterData: true});
"""


def test_first_screen_after_start_says_in_vietnamese_that_it_is_loading(built_db, browser):
    """The first visit after the server starts pays for the imports: a Vietnamese line shows while they run."""
    from browser_support import streamlit_app

    with streamlit_app({"DASHBOARD_DB": str(built_db)}) as url:
        context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="vi-VN")
        context.add_init_script(FIRST_WORDS)
        page = context.new_page()
        page.goto(url, wait_until="domcontentloaded")
        wait_until_rendered(page)
        first = page.evaluate("window.firstWords")
        assert first is not None
        assert "Đang mở bảng điều khiển" in first["text"], first["text"][:200]
        print(f"first Vietnamese words {first['ms']:.0f} ms after navigation")
        context.close()
