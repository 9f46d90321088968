"""The page Dữ liệu as an analyst uses it: real uploads through the browser into a private copy of the test data."""
import pytest

from browser_support import ROOT, streamlit_app, wait_until_rendered
from intake_support import copy_data, source_text

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    root = tmp_path_factory.mktemp("upload") / "data"
    inputs, db = copy_data(root)
    with streamlit_app({"DASHBOARD_DB": str(db), "DASHBOARD_DATA": str(root)}) as url:
        yield url, inputs


def test_upload_review_accept_in_the_browser(app, browser, tmp_path):
    url, inputs = app
    good = tmp_path / "Kế hoạch mới.txt"
    good.write_text(source_text().replace("8,06%", "8,07%").replace("71 triệu", "72 triệu"), encoding="utf-8")
    bad = tmp_path / "hong.pdf"
    bad.write_bytes(b"day khong phai PDF")
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{url}/data_entry")  # a deep link as the first visit after start
    page.get_by_text("Chọn một hay nhiều văn bản").wait_for(timeout=60000)
    wait_until_rendered(page)
    assert page.locator('[role="dialog"]').count() == 0, "no 'Page not found' dialog"
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
