"""The page Dữ liệu as an analyst uses it: real uploads through the browser into a private copy of data/."""
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from intake_support import ROOT, copy_data, source_text

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    root = tmp_path_factory.mktemp("upload") / "data"
    inputs, db = copy_data(root)
    port = _free_port()
    env = {**os.environ, "DASHBOARD_DB": str(db), "DASHBOARD_DATA": str(root)}
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
    yield url, inputs
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield b
        b.close()


def test_upload_review_accept_in_the_browser(app, browser, tmp_path):
    url, inputs = app
    good = tmp_path / "Kế hoạch mới.txt"
    good.write_text(source_text().replace("8,06%", "8,07%").replace("71 triệu", "72 triệu"), encoding="utf-8")
    bad = tmp_path / "hong.pdf"
    bad.write_bytes(b"day khong phai PDF")
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    for attempt in range(3):  # the first visits after start may race page registration ("Page not found")
        page.goto(f"{url}/du-lieu")
        page.get_by_text("Chọn một hay nhiều văn bản").wait_for(timeout=60000)
        page.wait_for_timeout(1500)
        if page.locator('[role="dialog"]').count() == 0:
            break
    assert page.locator('[role="dialog"]').count() == 0
    page.locator('[data-testid="stFileUploader"] input[type="file"]').first.set_input_files([str(good), str(bad)])
    page.get_by_text("tệp có đuôi .pdf nhưng nội dung là văn bản thuần").wait_for(timeout=60000)
    page.get_by_text("Số liệu trích được").wait_for(timeout=60000)
    page.get_by_role("button", name="Thêm văn bản và số liệu đã duyệt").click()
    page.get_by_text("Đã thêm thành ke-hoach-moi.txt").wait_for(timeout=60000)
    assert (inputs.raw / "ke-hoach-moi.txt").exists()
    assert not (inputs.raw / "hong.pdf").exists()
    shots = ROOT / "artifacts" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / "du-lieu-upload.png"), full_page=True)
    page.close()
