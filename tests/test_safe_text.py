"""Text from data, file names and URLs is shown as written, never read as Markdown (links, images, HTML, icons)."""
import re

import pytest
from dashboard.safe_text import literal

# What the browser makes of them is checked in tests/test_browser_hostile.py.
PAYLOADS = [
    "![x](http://attacker.invalid/t.png)",
    "[bấm vào đây](http://attacker.invalid/)",
    "<img src=http://attacker.invalid/t.png>",
    "http://attacker.invalid/x",
    "www.attacker.invalid",
    "thư@attacker.invalid",
    ":red[đỏ] :material/warning: $x^2$",
    "# Tiêu đề",
    "- mục",
    "1. mục",
    "**đậm** _nghiêng_ ~~gạch~~ `mã`",
    "a | b\n--|--\nc | d",
    "\\![x](http://attacker.invalid/t.png)",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_markdown_character_is_escaped(payload):
    escaped = literal(payload)
    shown = re.sub(r"\\(.)", r"\1", escaped).replace("\u2060", "")  # escapes and the invisible word joiner
    assert shown == " ".join(payload.split())  # the reader sees the same characters
    assert not re.search(r"(?<!\\)[\[\]()<>`*_!#|~$@]", escaped.replace("\\\\", ""))
    assert "http://" not in escaped and "www." not in escaped.lower()


def test_ordinary_text_is_unchanged():
    assert literal("Tăng trưởng GRDP năm 2025 đạt 8,06%; Lạng Sơn: xếp thứ 12") == \
        "Tăng trưởng GRDP năm 2025 đạt 8,06%; Lạng Sơn: xếp thứ 12"
    assert literal(None) == ""


def test_chart_labels_from_documents_carry_no_plotly_html():
    from dashboard.charts import wrap_label

    label = wrap_label('Sở <a href="http://attacker.invalid/">bấm</a> & <b>đậm</b>', 200)
    assert "<a" not in label and "<b>" not in label
    assert label == 'Sở &lt;a href="http://attacker.invalid/"&gt;bấm&lt;/a&gt; &amp; &lt;b&gt;đậm&lt;/b&gt;'
    assert wrap_label("Ủy ban nhân dân tỉnh Lạng Sơn", 12) == "Ủy ban nhân<br>dân tỉnh<br>Lạng Sơn"


def test_an_uploaded_file_name_and_its_refusal_are_shown_as_text(tmp_path, monkeypatch, clear_streamlit_caches):
    from streamlit.testing.v1 import AppTest

    from hostile_support import MARKDOWN_PAYLOAD
    from intake_support import copy_data, snapshot

    inputs, db = copy_data(tmp_path / "data")
    monkeypatch.setenv("DASHBOARD_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    before = snapshot(tmp_path / "data", db)
    name = f"{MARKDOWN_PAYLOAD}.txt"
    at = AppTest.from_file("../app_pages/data_entry.py", default_timeout=60)
    at.session_state["test_uploads"] = [(name, b"\x00\x01 not a text")]
    at.run()
    assert not at.exception
    assert at.subheader[0].value == literal(name)
    said = at.error[0].value
    assert not re.search(r"(?<!\\)\]\(|(?<!\\)<img", said) and literal(name) in said, said  # only escaped
    assert snapshot(tmp_path / "data", db) == before
