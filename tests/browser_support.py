"""Running the app as users do: `streamlit run` on a free local port, headless Debian Chromium via Playwright."""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Debian's chromium; CHROMIUM_PATH names another Chromium-based browser (test.ps1 sets Edge or Chrome on Windows).
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_app(env: dict[str, str]):
    """`streamlit run app.py` with extra environment; yields its base URL and stops it afterwards."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    proc.kill()
                    pytest.fail("streamlit did not start: " + proc.stdout.read().decode(errors="replace")[-2000:])
                time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@contextlib.contextmanager
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"no browser at {CHROMIUM}: install Debian's chromium (test.sh does) or set CHROMIUM_PATH")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


# A page has drawn its heading, or the message it ends on (an error, a notice).
HEADING_OR_MESSAGE = '[data-testid="stMain"] h1, [data-testid="stMain"] h2, [data-testid="stMain"] [data-testid="stAlert"]'
# The page is drawn when Streamlit's own run state (an attribute of the app's root element) says the script has
# finished, nothing is still a loading skeleton, the page's heading (or the message it ends on) is there and every
# chart has drawn its SVG.
RENDERED = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  if (!document.querySelector(`HEADING_OR_MESSAGE`)) return false;
  return [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].every(c => c.querySelector('.main-svg'));
}""".replace("HEADING_OR_MESSAGE", HEADING_OR_MESSAGE)


# What RENDERED is still waiting for, said when it never came.
PENDING = """() => {
  return {
  script_state: document.querySelector('[data-testid="stApp"]')?.getAttribute('data-test-script-state'),
  skeletons: document.querySelectorAll('[data-testid="stSkeleton"]').length,
  has_heading_or_message: !!document.querySelector(`HEADING_OR_MESSAGE`),
  charts_not_drawn: [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].filter(c => !c.querySelector('.main-svg')).length,
  };
}""".replace("HEADING_OR_MESSAGE", HEADING_OR_MESSAGE)


def wait_until_rendered(page, timeout_ms: int = 150000) -> None:
    """Wait for the page to be drawn (RENDERED): a real condition, never a fixed pause. The time allowed is long
    because a loaded 2-core machine can take a minute for the first page after start; a drawn page ends it at once."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(RENDERED, timeout=timeout_ms, polling=100)
    except PlaywrightTimeout:
        pytest.fail(f"page not drawn after {timeout_ms / 1000:.0f} s: {page.evaluate(PENDING)}")
