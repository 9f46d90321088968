"""Shared fixtures: the database is built once per test session from the repo's own inputs."""
from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from etl import build

ROOT = Path(__file__).resolve().parent.parent


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: opens the app in headless Chromium (needs Debian's chromium)")


@pytest.fixture(scope="session")
def built_db(tmp_path_factory) -> Path:
    """The database built from data/ into a temporary folder; the app under test reads it."""
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
