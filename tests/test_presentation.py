"""Presentation mode in AppTest: ?present=1 hides the app's chrome and steps through one chart per screen."""
import ast
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import briefing, presentation


def _app(params: dict[str, str]) -> AppTest:
    at = AppTest.from_file("../app.py", default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def _css(at) -> str:
    return " ".join(str(h.proto.body) for h in at.get("html"))


def test_present_in_the_url_shows_the_first_chart_with_title_source_and_steps(built_db, clear_streamlit_caches):
    at = _app({"present": "1"})
    assert not at.exception
    css = _css(at)
    assert '[data-testid="stSidebar"]' in css and "#MainMenu" in css and "display: none" in css
    assert at.markdown[0].value == "## Tăng trưởng GRDP năm 2025 các tỉnh, thành phố"
    (chart,) = at.get("plotly_chart")
    assert "Lạng Sơn" in chart.proto.spec
    config = json.loads(chart.proto.config)
    assert config["toImageButtonOptions"] == {"format": "png", "filename": "tang-truong-grdp-2025", "scale": 2}
    assert at.caption[0].value.startswith("Nguồn: ")
    assert at.button(key="present-previous").disabled and not at.button(key="present-next").disabled
    assert any("1 / 6" in m.value for m in at.markdown)


def test_next_and_previous_move_the_position_in_the_url(built_db, clear_streamlit_caches):
    at = _app({"present": "1"})
    at.button(key="present-next").click().run()
    assert at.query_params["slide"] == ["2"] or at.query_params["slide"] == "2"
    assert at.markdown[0].value == "## An Giang: mục tiêu 2026 so với thực hiện 2025"
    config = json.loads(at.get("plotly_chart")[0].proto.config)
    assert config["toImageButtonOptions"]["filename"] == "muc-tieu-2026-thuc-hien-2025-an-giang"
    at.button(key="present-previous").click().run()
    assert at.markdown[0].value == "## Tăng trưởng GRDP năm 2025 các tỉnh, thành phố"


def test_a_slide_in_the_url_opens_there_and_out_of_range_is_clamped(built_db, clear_streamlit_caches):
    at = _app({"present": "1", "slide": "6"})
    assert at.markdown[0].value == "## Đơn vị và nhóm nhiệm vụ được giao"
    assert at.button(key="present-next").disabled
    at = _app({"present": "1", "slide": "99"})
    assert at.markdown[0].value == "## Đơn vị và nhóm nhiệm vụ được giao"
    at = _app({"present": "1", "slide": "abc"})
    assert at.markdown[0].value == "## Tăng trưởng GRDP năm 2025 các tỉnh, thành phố"


def test_leaving_presentation_mode_shows_the_app_again(built_db, clear_streamlit_caches):
    at = _app({"present": "1", "slide": "3"})
    at.button(key="present-leave").click().run()
    assert not at.exception
    assert "present" not in at.query_params
    assert '[data-testid="stSidebar"]' not in _css(at)
    assert at.toggle(key=presentation.SWITCH_KEY).value is False


def test_the_sidebar_switch_turns_presentation_mode_on(built_db, clear_streamlit_caches):
    at = _app({})
    assert at.toggle(key=presentation.SWITCH_KEY).value is False
    at.toggle(key=presentation.SWITCH_KEY).set_value(True).run()
    assert not at.exception
    assert at.markdown[0].value == "## Tăng trưởng GRDP năm 2025 các tỉnh, thành phố"
    assert '[data-testid="stSidebar"]' in _css(at)


def test_highlighted_provinces_of_the_filters_choose_the_target_slides(built_db, clear_streamlit_caches):
    at = _app({"present": "1", "tinh": "lang-son", "slide": "2"})
    assert at.markdown[0].value == "## Lạng Sơn: mục tiêu 2026 so với thực hiện 2025"
    at = _app({"present": "1", "tinh": "nowhere"})
    assert "không có tỉnh, thành phố mã nowhere" in at.error[0].value


@pytest.mark.parametrize("name, expected", [("Tăng trưởng GRDP 2025", "tang-truong-grdp-2025"),
                                            ("tang-truong-grdp-2025", "tang-truong-grdp-2025")])
def test_png_download_config_for_pages(name, expected):
    assert presentation.plotly_config(name)["toImageButtonOptions"] == {"format": "png", "filename": expected, "scale": 2}


def test_key_figures_follow_the_briefing(built_db):
    slides = presentation.key_figures(briefing.load())
    assert [s.file_name for s in slides] == [
        "tang-truong-grdp-2025", "muc-tieu-2026-thuc-hien-2025-an-giang", "muc-tieu-2026-thuc-hien-2025-cao-bang",
        "muc-tieu-2026-thuc-hien-2025-hai-phong", "muc-tieu-2026-thuc-hien-2025-lang-son", "don-vi-nhiem-vu"]
    assert all(s.source.startswith("Nguồn: ") for s in slides)
    heatmap = slides[-1].figure.data[0]
    assert heatmap.type == "heatmap" and heatmap.y[0] == "Sở Văn hóa, Thể thao và Du lịch (Lạng Sơn)"


def test_meeting_slides_are_the_key_figures_styled_for_the_room(built_db):
    from dashboard.charts import FrozenFigure

    plain = presentation.key_figures(briefing.load())
    slides = presentation.meeting_slides(None)
    assert [(s.title, s.source, s.file_name) for s in slides] == [(s.title, s.source, s.file_name) for s in plain]
    for slide in slides:
        layout = slide.figure.to_dict()["layout"]
        assert isinstance(slide.figure, FrozenFigure)
        assert layout["height"] == presentation.CHART_HEIGHT and layout["font"]["size"] == 18
        assert "title" not in layout or not layout["title"].get("text")
    lang_son = next(s for s in slides if s.file_name.endswith("lang-son")).figure.to_dict()
    texts = [t for trace in lang_son["data"] for t in trace["text"] if t]
    assert texts and all("," in t and "." not in t for t in texts)  # 8,06, not 8.06
    with pytest.raises(ValueError, match="nowhere"):
        presentation.meeting_slides(["nowhere"])


@pytest.mark.browser
def test_meeting_room_view_in_chromium(server, browser):
    """What the room sees: no sidebar or menu, the chart drawn, Tiếp moves to ?slide=2."""
    from browser_support import wait_until_rendered
    from playwright.sync_api import expect
    from test_browser import SCREENSHOTS

    page = browser.new_page(viewport={"width": 1600, "height": 900}, locale="vi-VN")
    page.goto(f"{server}/?present=1", wait_until="domcontentloaded")
    wait_until_rendered(page)
    # the hiding stylesheet is an element of the page too: wait for it rather than read the state at once
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden(timeout=15000)
    expect(page.locator('[data-testid="stHeader"]')).to_be_hidden(timeout=15000)
    assert page.locator("h2").first.inner_text() == "Tăng trưởng GRDP năm 2025 các tỉnh, thành phố"
    assert "8,06" in page.locator('[data-testid="stPlotlyChart"]').first.text_content()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "trinh-chieu-1.png"))
    page.get_by_role("button", name="Tiếp ▶").click()
    page.wait_for_url("**slide=2**", timeout=30000)
    expect(page.locator("h2").first).to_have_text("An Giang: mục tiêu 2026 so với thực hiện 2025", timeout=30000)
    wait_until_rendered(page)
    page.close()


@pytest.mark.parametrize("page", sorted((Path(__file__).resolve().parent.parent / "app_pages").glob("*.py")),
                         ids=lambda p: p.stem)
def test_every_chart_on_a_page_downloads_as_a_named_png(page):
    """Each st.plotly_chart passes config=plotly_config("ascii-name"), so the camera saves a readable file name."""
    tree = ast.parse(page.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "plotly_chart":
            config = [k.value for k in node.keywords if k.arg == "config"]
            assert config and isinstance(config[0], ast.Call) and getattr(config[0].func, "id", "") == "plotly_config", \
                f"{page.name}:{node.lineno}: pass config=plotly_config(...) (dashboard/presentation.py)"
