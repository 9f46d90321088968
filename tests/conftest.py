"""Shared fixtures: the database is built once per test session from the test data folder (tests/fixtures/data)."""
from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from fixture_data import make_data_folder

# Before any project module is imported: etl.paths reads DASHBOARD_DATA once, and the app servers the tests start
# inherit it, so nothing under test reads the repo's data/ (the end-to-end tests pass their folder explicitly).
TEST_DATA = make_data_folder(Path(tempfile.mkdtemp(prefix="dashboard-test-data-")) / "data")
os.environ["DASHBOARD_DATA"] = str(TEST_DATA)

import duckdb  # noqa: E402

from etl import build  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: opens the app in headless Chromium (needs Debian's chromium)")


def pytest_unconfigure(config):
    shutil.rmtree(TEST_DATA.parent, ignore_errors=True)


@pytest.fixture(scope="session")
def built_db(tmp_path_factory) -> Path:
    """The database built from the test data folder into a temporary folder; the app under test reads it."""
    path = tmp_path_factory.mktemp("db") / "dashboard.duckdb"
    build.run(path)
    os.environ["DASHBOARD_DB"] = str(path)
    return path


@pytest.fixture(scope="session")
def build_result(built_db):
    return build.process()


@pytest.fixture()
def con(built_db):
    connection = duckdb.connect(str(built_db), read_only=True)
    yield connection
    connection.close()


@pytest.fixture()
def clear_streamlit_caches():
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture(scope="session")
def server(built_db):
    """The app started with `streamlit run` on a free local port, reading the test database."""
    from browser_support import streamlit_app

    with streamlit_app({"DASHBOARD_DB": str(built_db)}) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright (never a downloaded browser)."""
    from browser_support import chromium

    with chromium() as b:
        yield b


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A browser test that fails leaves a screenshot of each page it had open in artifacts/failures/."""
    report = yield
    browser = item.funcargs.get("browser") if hasattr(item, "funcargs") else None
    if report.failed and browser is not None:
        folder = ROOT / "artifacts" / "failures"
        folder.mkdir(parents=True, exist_ok=True)
        name = "".join(c if c.isalnum() or c in "-_" else "_" for c in item.nodeid.split("::", 1)[-1])
        for i, page in enumerate(p for context in browser.contexts for p in context.pages):
            with contextlib.suppress(Exception):  # a page that crashed has nothing more to show
                page.screenshot(path=str(folder / f"{name}-{i}.png"), full_page=True)
    return report
