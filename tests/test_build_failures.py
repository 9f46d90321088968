"""Faults while building: the last good database keeps serving, damaged ones are rebuilt, one build per change."""
import errno
import hashlib
import shutil
import threading

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import db as dashboard_db
from etl import __main__ as cli
from etl import build

from intake_support import copy_data


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("built")
    copy_data(root)
    return root


@pytest.fixture()
def data(built, tmp_path):
    """A private data folder with its database built from it: (inputs, database)."""
    root = tmp_path / "data"
    shutil.copytree(built, root)
    return build.Inputs.from_root(root), root / "build" / "dashboard.duckdb"


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _change(inputs):
    with open(inputs.curated / "sources.yaml", "a", encoding="utf-8") as f:
        f.write("# một dòng chú thích mới: dữ liệu đầu vào đã đổi\n")


def _disk_full(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def _read_only(*args, **kwargs):
    raise PermissionError(errno.EROFS, "Read-only file system")


@pytest.mark.parametrize("fault, said", [(_disk_full, "đã đầy"), (_read_only, "không có quyền ghi")],
                         ids=["disk-full", "read-only"])
def test_cli_says_what_failed_and_keeps_the_old_database(data, fault, said, monkeypatch, capsys):
    inputs, db = data
    before = _digest(db)
    _change(inputs)
    monkeypatch.setattr(build.tempfile, "mkstemp", fault)
    code = cli.main(["build", "--data", str(inputs.raw.parent), "--out", str(db)])
    printed = capsys.readouterr().err
    assert code == 2 and said in printed and "cơ sở dữ liệu cũ (nếu có) giữ nguyên" in printed
    assert _digest(db) == before


def test_a_folder_at_the_database_path_is_named(data, tmp_path, capsys):
    inputs, _ = data
    folder = tmp_path / "dashboard.duckdb"
    folder.mkdir()
    code = cli.main(["build", "--data", str(inputs.raw.parent), "--out", str(folder)])
    assert code == 2 and "là một thư mục" in capsys.readouterr().err


def _use(inputs, monkeypatch):
    """The app and the ETL read `inputs` in this process (their default arguments name data/)."""
    monkeypatch.setattr(build.fingerprint, "__defaults__", (inputs,))
    monkeypatch.setattr(build.process, "__defaults__", (inputs,))
    monkeypatch.setattr(build.run, "__defaults__", (None, inputs))


@pytest.mark.parametrize("fault, said", [(_disk_full, "đã đầy"), (_read_only, "không có quyền ghi")],
                         ids=["disk-full", "read-only"])
def test_the_app_keeps_serving_the_last_good_database(data, fault, said, monkeypatch, clear_streamlit_caches):
    inputs, db = data
    monkeypatch.setenv("DASHBOARD_DATA", str(inputs.raw.parent))
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    _use(inputs, monkeypatch)
    _change(inputs)
    monkeypatch.setattr(build.tempfile, "mkstemp", fault)
    at = AppTest.from_file("../app.py", default_timeout=60).run()
    assert not at.exception
    assert said in at.error[0].value
    assert "Đang hiển thị cơ sở dữ liệu đã xây lần trước" in at.warning[0].value
    assert at.title[0].value.startswith("Tổng quan")  # the page itself, drawn from the old database


def test_without_any_good_database_the_app_stops_with_the_reason(tmp_path, monkeypatch, clear_streamlit_caches):
    folder = tmp_path / "dashboard.duckdb"
    folder.mkdir()
    monkeypatch.setenv("DASHBOARD_DB", str(folder))
    at = AppTest.from_file("../app.py", default_timeout=60).run()
    assert not at.exception
    assert "là một thư mục" in at.error[0].value and not at.title


def test_a_truncated_database_is_rebuilt(data, monkeypatch):
    inputs, db = data
    _use(inputs, monkeypatch)
    assert dashboard_db.is_fresh(db)
    with open(db, "r+b") as f:
        f.truncate(db.stat().st_size // 2)  # its build information is still readable
    assert build.stored_fingerprint(db) is None
    assert not dashboard_db.is_fresh(db)
    assert dashboard_db.ensure_database(db)
    assert build.stored_fingerprint(db) == build.fingerprint(inputs)


def test_a_path_with_an_apostrophe_works(data, tmp_path):
    _, db = data
    path = tmp_path / "D'Angelo" / "dashboard.duckdb"
    path.parent.mkdir()
    shutil.copy(db, path)
    counts = dashboard_db.Database(path).run("database_counts")
    assert int(counts["n_documents"].iloc[0]) == 5  # the test data's five documents


def test_a_database_deleted_while_pages_load_keeps_answering(data, tmp_path):
    _, db = data
    path = tmp_path / "dashboard.duckdb"
    shutil.copy(db, path)
    database = dashboard_db.Database(path)
    first = database.run("database_counts")
    path.unlink()
    assert database.run("database_counts").equals(first)
    with pytest.raises(dashboard_db.DatabaseMissing, match="không có cơ sở dữ liệu"):
        dashboard_db.Database(tmp_path / "khong-co.duckdb").run("database_counts")


def test_temporary_files_of_a_killed_build_are_removed_by_the_next(data):
    inputs, db = data
    leftovers = [db.parent / ".dashboard-k9x.duckdb.tmp", db.parent / ".dashboard-k9x.duckdb.tmp.wal"]
    for leftover in leftovers:
        leftover.write_bytes(b"half a database")
    build.run(db, inputs)
    assert not any(p.exists() for p in leftovers)


def test_one_change_gives_one_build_whatever_the_number_of_sessions(data, monkeypatch):
    inputs, db = data
    _use(inputs, monkeypatch)
    builds = []
    real_run = build.run

    def counted(out=None, inputs=inputs):
        builds.append(out)
        return real_run(out, inputs)

    monkeypatch.setattr(build, "run", counted)
    _change(inputs)
    start = threading.Barrier(4)
    errors = []

    def session():
        try:
            start.wait()
            dashboard_db.ensure_database(db)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    sessions = [threading.Thread(target=session) for _ in range(4)]
    for t in sessions:
        t.start()
    for t in sessions:
        t.join()
    assert not errors
    assert len(builds) == 1
    assert dashboard_db.is_fresh(db)
