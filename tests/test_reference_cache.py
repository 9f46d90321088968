"""The Data page reads the reference catalogue on every rerun through current_reference: read once, again on change."""
import os
import shutil

import pytest

from etl import paths
from etl.errors import InputError
from etl.reference import current_reference


@pytest.fixture
def reference_copy(tmp_path):
    folder = tmp_path / "reference"
    shutil.copytree(paths.REFERENCE, folder)
    return folder


def test_unchanged_folder_gives_the_same_catalogue_object(reference_copy):
    assert current_reference(reference_copy) is current_reference(reference_copy)


def test_an_edited_file_is_read_again(reference_copy):
    before = current_reference(reference_copy)
    areas = reference_copy / "areas.csv"
    lines = areas.read_text(encoding="utf-8").splitlines()
    header, first = lines[0], lines[1]
    renamed = first.replace(first.split(",")[1], "Tên thử nghiệm", 1)
    areas.write_text("\n".join([header, renamed, *lines[2:]]) + "\n", encoding="utf-8")
    os.utime(areas, ns=(areas.stat().st_atime_ns, areas.stat().st_mtime_ns + 10_000_000))
    after = current_reference(reference_copy)
    assert after is not before
    assert "Tên thử nghiệm" in {a.name_vi for a in after.areas.values()}


def test_a_broken_file_raises_every_time(reference_copy):
    current_reference(reference_copy)
    (reference_copy / "indicators.yaml").write_text("indicators: [unclosed\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(InputError, match="indicators.yaml"):
            current_reference(reference_copy)
