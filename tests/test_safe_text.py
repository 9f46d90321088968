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
