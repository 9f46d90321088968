"""The app as a user sees it: streamlit run, headless Debian Chromium through Playwright, every page."""
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# (url path, address): the default page is served at "/", the others at their url_path.
PAGES = [(m.group(2), "" if m.group(3) else m.group(2)) for m in re.finditer(
    r'st\.Page\(([^)]*?)url_path="([^"]+)"([^)]*default=True)?[^)]*\)', (ROOT / "app.py").read_text(encoding="utf-8"))]

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(built_db):
    port = _free_port()
    env = {**os.environ, "DASHBOARD_DB": str(built_db)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("streamlit did not start: " + proc.stdout.read().decode(errors="replace")[-2000:])
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: apt-get install -y chromium (CI's .ci/run does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield b
        b.close()


def wait_until_rendered(page, timeout_ms=45000):
    """Streamlit has finished when its status widget is gone for a moment and its charts are drawn."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_ms)
    deadline = time.monotonic() + timeout_ms / 1000
    quiet_since = None
    while time.monotonic() < deadline:
        running = page.locator('[data-testid="stStatusWidget"]').count() > 0
        skeleton = page.locator('[data-testid="stSkeleton"]').count() > 0
        if running or skeleton:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since > 1.0:
            break
        time.sleep(0.2)
    charts = page.locator('[data-testid="stPlotlyChart"]')
    for i in range(charts.count()):
        charts.nth(i).locator(".main-svg").first.wait_for(timeout=timeout_ms)


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
    address = dict(PAGES)["tang-truong"]
    page.goto(f"{server}/{address}", wait_until="domcontentloaded")
    wait_until_rendered(page)
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    assert chart.is_visible()
    svg_text = chart.text_content()
    assert "Lạng Sơn" in svg_text
    assert "8,06" in svg_text  # decimal comma in the bar labels
    page.close()
