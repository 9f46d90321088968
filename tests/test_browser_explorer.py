"""Chỉ tiêu theo tỉnh in headless Chromium: tabs, the year slider, the downloads read back, and a link restored."""
import csv
import io
import re
from urllib.parse import parse_qs, urlparse

import pytest
from openpyxl import load_workbook

from browser_support import streamlit_app
from explorer_support import EXPLORER_DATA, build_explorer_db

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def explorer_server(tmp_path_factory):
    db = build_explorer_db(tmp_path_factory.mktemp("explorer-browser"))
    with streamlit_app({"DASHBOARD_DB": str(db), "DASHBOARD_DATA": str(EXPLORER_DATA)}) as url:
        yield url


def _params(page) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlparse(page.url).query).items()}


def _wait_for_param(page, name: str, value: str) -> None:
    page.wait_for_function(f"new URLSearchParams(location.search).get({name!r}) === {value!r}", timeout=20000)


def _settled(page) -> None:
    """Streamlit's run is over (its status widget gone). browser_support.wait_until_rendered would also wait
    for the map, which stays hidden in its tab."""
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=45000)


def _opened(page, url: str) -> None:
    """Open a link and wait until the page's first chart is drawn (drawn even in a hidden tab; the first run imports the app: seconds)."""
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', state="attached", timeout=60000)
    _settled(page)


def _tab(page, label: str):
    return page.get_by_role("tab", name=label)


def test_tabs_slider_downloads_and_link(explorer_server, browser, tmp_path):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN", accept_downloads=True)
    page = context.new_page()
    _opened(page, f"{explorer_server}/explorer?chi_tieu=grdp_growth&nam=2025")
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    svg = chart.text_content()
    assert "11,81" in svg and "Cả nước 8,02%" in svg and "Nguồn:" in svg

    # the chart's camera saves a PNG (its title and source line are part of the figure)
    chart.hover()
    with page.expect_download() as png:
        chart.locator('[data-title="Download plot as a PNG"], [data-title="Download plot as a png"]').first.click()
    png_path = tmp_path / "chart.png"
    png.value.save_as(png_path)
    assert png_path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.value.suggested_filename.endswith(".png")

    # the year slider: one step left is 2024, shown in the address
    page.get_by_role("slider").first.focus()
    page.keyboard.press("ArrowLeft")
    _wait_for_param(page, "nam", "2024")
    _settled(page)
    page.get_by_text("Hiện cả các tỉnh cũ (địa giới trước 01/7/2025)", exact=True).click()
    _wait_for_param(page, "tinh_cu", "1")
    _settled(page)

    # the Bảng tab, its CSV and Excel files read back
    _tab(page, "Bảng").click()
    _wait_for_param(page, "the", "bang")
    _settled(page)
    with page.expect_download() as csv_download:
        page.get_by_role("button", name=re.compile("Tải bảng CSV")).click()
    assert csv_download.value.suggested_filename.endswith(".csv")
    rows = list(csv.reader(io.StringIO(csv_download.value.path().read_text(encoding="utf-8-sig"))))
    shown = {r[0]: r[1] for r in rows[1:]}
    assert shown["Hải Dương (cũ, nay thuộc Hải Phòng)"] == "10.2" and shown["Hải Phòng"] == "10.22"
    with page.expect_download() as xlsx_download:
        page.get_by_role("button", name=re.compile("Tải bảng Excel")).click()
    assert xlsx_download.value.suggested_filename.endswith(".xlsx")
    xlsx_path = tmp_path / xlsx_download.value.suggested_filename
    xlsx_download.value.save_as(xlsx_path)
    wb = load_workbook(xlsx_path)
    cells = [c for row in wb.active.iter_rows(values_only=True) for c in row if c is not None]
    assert 10.22 in cells and 6.5 in cells

    # the Nguồn tab names each figure's publisher and what was searched and not found
    _tab(page, "Nguồn").click()
    _wait_for_param(page, "the", "nguon")
    _settled(page)
    page.get_by_role("heading", name="Chưa công bố / chưa tìm thấy").wait_for(state="visible")

    # a link opened afresh restores the indicator, the year, the former provinces and the tab
    link = page.url
    asked = {"chi_tieu": "grdp_growth", "nam": "2024", "tinh_cu": "1", "the": "nguon"}
    assert {k: _params(page).get(k) for k in asked} == asked
    fresh = context.new_page()
    _opened(fresh, link)
    assert _tab(fresh, "Nguồn").get_attribute("aria-selected") == "true"
    assert "2024" in (fresh.get_by_role("slider").first.get_attribute("aria-valuetext") or "")
    assert fresh.get_by_role("switch", name=re.compile("Hiện cả các tỉnh cũ")).is_checked()
    errors = fresh.locator('[data-testid="stException"], [data-testid="stAlertContentError"]')
    assert errors.count() == 0
    context.close()
