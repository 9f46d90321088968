"""Archives checked by inflating them here, in bounded steps, before any parser: lying sizes, ratios, huge sheets."""
import tracemalloc
import zlib

import pytest

from etl import curated_template as ct
from etl import intake, readers
from etl.errors import InputError, InputErrors

from hostile_support import deflated_zeros, docx_bomb, lying_zip, workbook_with_rows
from intake_support import copy_data, snapshot

MB = 1024 * 1024


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    root = tmp_path_factory.mktemp("data")
    inputs, db = copy_data(root)
    return inputs, db, root


def _peak(action) -> tuple[Exception, float]:
    """The exception `action()` raised and the peak of Python memory while it ran, in MB."""
    tracemalloc.start()
    try:
        with pytest.raises((InputError, InputErrors)) as raised:
            action()
        return raised.value, tracemalloc.get_traced_memory()[1] / MB
    finally:
        tracemalloc.stop()


@pytest.fixture(scope="module")
def bomb():
    return docx_bomb(300 * MB)  # 300 KB on disk, says 1 KB inside


def test_a_docx_that_lies_about_its_size_is_refused_without_inflating_it(bomb):
    assert len(bomb) < 1 * MB
    error, peak = _peak(lambda: readers.decode_document(bomb, "bom.docx"))
    assert "bom.docx" in str(error) and ("zip bomb" in str(error) or "bị sửa" in str(error))
    assert peak < 16  # MB; reading it whole took 300 MB and more


def test_adding_the_bomb_changes_nothing(data, bomb, tmp_path):
    inputs, db, root = data
    before = snapshot(root, db)
    path = tmp_path / "bom.docx"
    path.write_bytes(bomb)
    [(_, added, problem)] = intake.add_files([path], inputs, db)
    assert added is None and "zip bomb" in problem
    assert snapshot(root, db) == before


def test_an_honest_but_extreme_ratio_is_refused():
    zeros = 60 * MB
    packed = deflated_zeros(zeros)
    archive = lying_zip("word/document.xml", packed, zeros, zlib.crc32(bytes(zeros)))  # true sizes, ratio ~1.000
    error, peak = _peak(lambda: readers.decode_document(archive, "ti-le.docx"))
    assert "tỉ lệ nén hơn 200 lần" in str(error) and "zip bomb" in str(error) and peak < 16


def test_a_member_whose_stated_checksum_is_false_is_refused():
    archive = lying_zip("word/document.xml", deflated_zeros(4096), 4096, 12345)
    with pytest.raises(InputError, match="bị hỏng hoặc bị sửa"):
        readers.decode_document(archive, "sai.docx")


def test_a_million_row_template_is_refused_while_reading(data):
    inputs, db, root = data
    before = snapshot(root, db)
    huge = workbook_with_rows(ct.export_template(inputs), 1_000_000)
    error, peak = _peak(lambda: ct.import_template(huge, "trieu-dong.xlsx", inputs, db))
    assert "trang tính có hơn 20.000 dòng" in str(error)
    assert peak < 32  # MB: the rows past the limit are never read (openpyxl took 644 MB for them)
    assert snapshot(root, db) == before


def test_a_template_at_the_row_limit_is_read(data):
    inputs, _, _ = data
    rows = workbook_with_rows(ct.export_template(inputs), ct.MAX_ROWS)
    readers.check_archive(rows, "mau.xlsx", ".xlsx", max_rows=ct.MAX_ROWS)  # no error: the limit is inclusive
    with pytest.raises(InputError, match="hơn 20.000 dòng"):
        readers.check_archive(workbook_with_rows(ct.export_template(inputs), ct.MAX_ROWS + 1), "mau.xlsx", ".xlsx",
                              max_rows=ct.MAX_ROWS)
