"""The app's freshness check: every rerun asks it; it rebuilds when inputs changed, at most a second late."""
import os
import shutil

import pytest

from dashboard import db
from etl import build


@pytest.fixture
def fresh_copy(built_db, tmp_path, monkeypatch):
    """A copy of the built database, found fresh once; the inputs then change (a stand-in fingerprint)."""
    copy = tmp_path / "dashboard.duckdb"
    shutil.copy(built_db, copy)
    stored = build.stored_fingerprint(copy)
    monkeypatch.setattr(build, "fingerprint", lambda *a, **k: stored)
    assert db.is_fresh(copy)
    monkeypatch.setattr(build, "fingerprint", lambda *a, **k: "inputs changed")
    return copy


def test_changed_inputs_are_seen_after_the_recheck_window(fresh_copy, monkeypatch):
    assert db.is_fresh(fresh_copy)  # a rerun right after a check trusts it
    monkeypatch.setattr(db, "RECHECK_AFTER_S", 0.0)
    assert not db.is_fresh(fresh_copy)
    assert not db.is_fresh(fresh_copy)  # stale stays stale: nothing remembered for a stale database


def test_a_replaced_database_file_is_checked_at_once(fresh_copy, built_db, tmp_path):
    replacement = tmp_path / "other.duckdb"
    shutil.copy(built_db, replacement)
    os.replace(replacement, fresh_copy)  # what a rebuild does: a new file under the same name
    assert not db.is_fresh(fresh_copy)


def test_missing_database_is_not_fresh(tmp_path):
    assert not db.is_fresh(tmp_path / "none.duckdb")
