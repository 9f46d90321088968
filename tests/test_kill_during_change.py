"""`add` and `import-curated` killed with SIGKILL at each step: the next start finishes or undoes the change."""
import os
import signal
import subprocess
import sys
import textwrap

import duckdb
import pytest

from etl import build, journal

from intake_support import ROOT, NEW_TEXT, copy_data, snapshot

# A driver run as its own process: the change, with SIGKILL sent to itself at the step named on its command line.
DRIVER = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from etl import build, curated_template, intake

    step, root, db, what, file = sys.argv[1:6]
    def die(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGKILL)
    if step == "inputs-written":
        build.process = die
    elif step == "database-written":
        write = build.write
        build.write = lambda *a, **k: (write(*a, **k), die())
    elif step == "while-building":
        write = build.write
        def half(result, out):  # the temporary database exists, the swap has not happened
            import duckdb, tempfile
            fd, name = tempfile.mkstemp(prefix=f".{out.stem}-", suffix=".duckdb.tmp", dir=out.parent)
            os.write(fd, b"half a database")
            die()
        build.write = half
    inputs = build.Inputs.from_root(Path(root))
    if what == "add":
        [(_, added, problem)] = intake.add_files([Path(file)], inputs, Path(db))
        print(added, problem)
    else:
        curated_template.import_template(Path(file).read_bytes(), file, inputs, Path(db))
""")


def _inputs(files):
    """A snapshot without the database (the next start rebuilds it: same content, other bytes)."""
    return {k: v for k, v in files.items() if k != "<db>" and not k.startswith("build/")}


def _documents(db):
    with duckdb.connect(str(db), read_only=True) as con:
        return {row[0] for row in con.execute("select file_name from documents").fetchall()}


def _observations(db):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("select count(*) from observations").fetchone()[0]


@pytest.fixture()
def data(tmp_path):
    inputs, db = copy_data(tmp_path)
    return inputs, db, tmp_path


def _killed(step, data, what, file):
    inputs, db, root = data
    result = subprocess.run([sys.executable, "-c", DRIVER, step, str(root), str(db), what, str(file)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == -signal.SIGKILL, result.stderr


@pytest.mark.parametrize("step, kept", [("inputs-written", False), ("while-building", False),
                                        ("database-written", True)])
def test_add_killed_at_each_step_is_all_or_nothing(step, kept, data, tmp_path_factory):
    inputs, db, root = data
    before = snapshot(root, db)
    new = tmp_path_factory.mktemp("upload") / "ke-hoach-moi.txt"
    new.write_text(NEW_TEXT, encoding="utf-8")
    _killed(step, data, "add", new)
    build.run(db, inputs)  # the next start: any build, page or change takes the lock and recovers first
    stored = {p.name for p in inputs.raw.iterdir()}
    assert ("ke-hoach-moi.txt" in stored) is kept
    assert ("ke-hoach-moi.txt" in _documents(db)) is kept  # input and database moved together
    assert not journal.journal_folder(db).exists()
    assert not [p for p in root.rglob("*") if p.name.endswith(".tmp") or ".tmp." in p.name]
    if not kept:
        assert _inputs(snapshot(root)) == _inputs(before)  # every input as it was: a retry is not told "đã có"
        from etl import intake
        [(_, added, problem)] = intake.add_files([new], inputs, db)
        assert added is not None, problem


def test_import_curated_killed_before_the_database_is_written_changes_nothing(data, tmp_path):
    from etl import curated_template as ct
    from openpyxl import load_workbook
    import io

    inputs, db, root = data
    workbook = load_workbook(io.BytesIO(ct.export_template(inputs)))
    sheet = workbook[ct.DATA_SHEET]
    sheet.append(["analyst_figures.csv", "lang-son", "grdp_growth", 2024, "actual", "=", 7.1, None, None, None, None,
                  "https://thongke.example.vn/grdp-2024", None, None, None])
    path = tmp_path / "mau.xlsx"
    workbook.save(path)
    before = snapshot(root, db)
    count = _observations(db)
    _killed("inputs-written", data, "import-curated", path)
    assert (inputs.curated / "analyst_figures.csv").exists()  # what the kill left: the input written, no database
    build.run(db, inputs)
    assert _inputs(snapshot(root)) == _inputs(before) and _observations(db) == count
    assert not (inputs.curated / "analyst_figures.csv").exists()
