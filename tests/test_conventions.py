"""House rules that keep the code base as the design card describes it."""
import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "app_pages").glob("*.py"))
# Modules that the command line, exports and benchmark reuse: they must run without Streamlit.
NO_STREAMLIT = sorted((ROOT / "etl").rglob("*.py")) + [
    p for p in (ROOT / "dashboard").glob("*.py") if p.stem not in {"cache", "widgets", "filters", "presentation", "pages_data"}
]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_pages_hold_no_sql_and_no_database_code(page):
    text = page.read_text(encoding="utf-8")
    assert "duckdb" not in _imports(page)
    assert not re.search(r"\b(select|insert|update|delete)\b[^\n]*\bfrom\b", text, re.IGNORECASE), \
        "SQL belongs in queries/*.sql"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_every_page_is_registered_in_the_navigation(page):
    app = (ROOT / "app.py").read_text(encoding="utf-8")
    assert f'"app_pages/{page.name}"' in app, f"register app_pages/{page.name} with st.Page in app.py"


@pytest.mark.parametrize("module", NO_STREAMLIT, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_shared_code_runs_without_streamlit(module):
    assert "streamlit" not in _imports(module)


def test_page_files_are_ascii_snake_case():
    for page in PAGES:
        assert re.fullmatch(r"[a-z][a-z0-9_]*\.py", page.name), page.name


def test_no_machine_paths_in_the_repo():
    """Paths of the machine the code was written on (or this clone's own path) never appear in the repo."""
    forbidden = [str(ROOT), str(ROOT.parent) + "/shared", "/" + "root" + "/", "C:" + "\\Users"]
    files = list(ROOT.glob("**/*.py")) + list(ROOT.glob("**/*.md")) + list(ROOT.glob("**/*.sql")) + [ROOT / ".ci" / "run"]
    for path in files:
        if any(part in {".git", "artifacts", ".venv"} for part in path.relative_to(ROOT).parts):
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        for bad in forbidden:
            assert bad not in text, f"{path.relative_to(ROOT)} names a machine path: {bad}"
