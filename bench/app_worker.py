"""The app's side of the benchmark, run in its own process: queries, page reruns, exports, peak memory.

Started by bench.run with DASHBOARD_DB and DASHBOARD_DATA set; writes one JSON report (--json).
Its peak resident memory is the app process's peak at the scale measured.
"""
from __future__ import annotations

import argparse
import json
import re
import resource
import statistics
import sys
import time
import traceback
from functools import partial
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
BASELINE = Path(__file__).resolve().parent / "baseline_page.py"
EXAMPLES = ROOT / "queries" / "example_parameters.yaml"
PAGE_TIMEOUT = 300
PRESENTATION_PARAMS = {"present": "1", "slide": "2"}
PRESENTATION = "app.py?present=1&slide=2"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def summary(times: list[float]) -> dict:
    return {"median_s": statistics.median(times), "min_s": min(times), "max_s": max(times), "runs": len(times),
            "all_s": [round(t, 5) for t in times]}


# -- queries -------------------------------------------------------------------------------------------
def query_parameters(name: str, examples: dict) -> dict:
    """Every $param of the query, from queries/example_parameters.yaml; a new parameter fails loudly."""
    from dashboard import db

    _, params = db.query_text(name)
    unknown = sorted(params - set(examples))
    if unknown:
        raise SystemExit(f"queries/{name}.sql uses {unknown}: add an example value to queries/example_parameters.yaml")
    return {p: examples[p] for p in sorted(params)}


def measure_queries(db_path: Path, runs: int) -> dict:
    from dashboard import db

    examples = yaml.safe_load(EXAMPLES.read_text(encoding="utf-8"))
    database = db.Database(db_path)
    results = {}
    for name in db.query_names():
        params = query_parameters(name, examples)
        started = time.perf_counter()
        frame = database.run(name, **params)  # the first run also compiles and reads the file's pages
        first = time.perf_counter() - started
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            database.run(name, **params)
            times.append(time.perf_counter() - started)
        results[name] = {**summary(times), "first_s": first, "rows": len(frame), "params": params}
    return results


# -- pages ---------------------------------------------------------------------------------------------
def discover_pages() -> tuple[list[str], list[str]]:
    """(pages app.py registers with st.Page, the default first; page files beside them it does not register).

    Follows whatever folder the pages live in (pages/, app_pages/...), so a move does not drop them.
    """
    text = APP.read_text(encoding="utf-8")
    pages = re.findall(r"st\.Page\(\s*[\"']([\w/]+\.py)[\"']([^)]*)\)", text)
    registered = [p for p, rest in pages if "default=True" in rest] + [p for p, rest in pages if "default=True" not in rest]
    folders = sorted({str(Path(p).parent) for p in registered}) or ["pages"]
    files = sorted(f"{folder}/{f.name}" for folder in folders for f in (ROOT / folder).glob("*.py"))
    return registered, [p for p in files if p not in registered]


def _clear_caches() -> None:
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()


def _check(at, label: str) -> None:
    if at.exception:
        raise RuntimeError(f"{label}: {at.exception[0].message}")


REBUILDS = {"count": 0}


def _fresh_database() -> None:
    """Rebuild outside the timings if the shared tree changed under us (app.py would rebuild inside a run)."""
    from dashboard import db

    if not db.is_fresh():
        REBUILDS["count"] += 1
        db.ensure_database()


class PageRunner:
    """One AppTest per target, run as the user gets it.

    mode "baseline": bench/baseline_page.py alone; "app": app.py showing the page (freshness check and
    navigation included); "direct": a page that app.py does not register yet, run as a script by itself;
    "presentation": app.py in meeting mode on its second slide (each Tiếp click is such a rerun).
    """

    def __init__(self, target: str, mode: str, default_page: str | None):
        self.target, self.mode, self.default_page = target, mode, default_page
        self.at = None

    def cold(self) -> float:
        from streamlit.testing.v1 import AppTest

        _fresh_database()
        _clear_caches()
        if self.mode in ("baseline", "direct"):
            script = BASELINE if self.mode == "baseline" else ROOT / self.target
            self.at = AppTest.from_file(str(script), default_timeout=PAGE_TIMEOUT)
        elif self.mode == "presentation":
            self.at = AppTest.from_file(str(APP), default_timeout=PAGE_TIMEOUT)
            for name, value in PRESENTATION_PARAMS.items():
                self.at.query_params[name] = value
        else:
            self.at = AppTest.from_file(str(APP), default_timeout=PAGE_TIMEOUT)
            if self.target != self.default_page:
                self.at.run()  # AppTest needs one run before switching pages
                _check(self.at, self.default_page)
                _clear_caches()
                self.at.switch_page(self.target)
        started = time.perf_counter()
        self.at.run()
        elapsed = time.perf_counter() - started
        _check(self.at, self.target)
        return elapsed

    def warm(self) -> float:
        _fresh_database()
        started = time.perf_counter()
        self.at.run()
        elapsed = time.perf_counter() - started
        _check(self.at, self.target)
        return elapsed


def _log(message: str) -> None:
    if PROGRESS:
        with open(PROGRESS, "a", encoding="utf-8") as f:
            f.write(f"{time.strftime('%H:%M:%S')} {message}\n")


PROGRESS: Path | None = None


def measure_pages(cold_runs: int, warm_runs: int, budget_s: float) -> dict:
    registered, unregistered = discover_pages()
    default = registered[0] if registered else None
    runners = {"baseline": PageRunner("baseline", "baseline", default)}
    runners.update({p: PageRunner(p, "app", default) for p in registered})
    runners.update({p: PageRunner(p, "direct", default) for p in unregistered})
    runners[PRESENTATION] = PageRunner(PRESENTATION, "presentation", default)
    results: dict[str, dict] = {t: {"cold": [], "warm": []} for t in runners}
    # First runs in the process import Streamlit, Plotly, pandas...: timed, reported apart, not in the medians.
    for t, runner in runners.items():
        try:
            results[t]["first_in_process_s"] = runner.cold()
            _log(f"{t}: first run {results[t]['first_in_process_s']:.2f} s")
        except Exception as exc:  # a broken page is a finding, not the end of the benchmark
            results[t]["error"] = f"{type(exc).__name__}: {exc}"[:500]
    live = [t for t in runners if "error" not in results[t]]
    # A page slower than the budget allows gets fewer runs (at least one per phase) rather than hours.
    allowed = {t: max(1, int(budget_s / max(results[t]["first_in_process_s"], 1e-3))) for t in live}
    # Interleaved, so that the machine's noise falls on the baseline and the pages alike.
    for phase, runs in (("cold", cold_runs), ("warm", warm_runs)):
        for i in range(runs):
            _log(f"{phase} round {i + 1}/{runs}")
            for t in list(live):
                if i >= allowed[t]:
                    continue
                try:
                    results[t][phase].append(getattr(runners[t], phase)())
                except Exception as exc:
                    results[t]["error"] = f"{type(exc).__name__}: {exc}"[:500]
                    live.remove(t)
    base = results["baseline"]
    out = {}
    for t, runner in runners.items():
        r = results[t]
        entry = {"mode": runner.mode, "first_in_process_s": r.get("first_in_process_s")}
        if "error" in r:
            entry["error"] = r["error"]
        else:
            entry["cold"] = summary(r["cold"])
            entry["warm"] = summary(r["warm"])
            if "error" not in base:
                entry["warm_ratio"] = entry["warm"]["median_s"] / statistics.median(base["warm"])
                entry["cold_ratio"] = entry["cold"]["median_s"] / statistics.median(base["cold"])
        out[t] = entry
    return out


# -- exports -------------------------------------------------------------------------------------------
def measure_exports(runs: int, provinces: list[str]) -> dict:
    try:
        from dashboard import pack
    except ImportError as exc:
        return {"available": False, "reason": f"dashboard.pack not importable ({exc})"}
    functions = {f"{kind}_for": partial(pack.build_for, kind) for kind in pack.FORMATS}
    out = {"available": True}
    for label, selection in (("default_provinces", None), (f"{len(provinces)}_provinces", provinces)):
        for name, function in functions.items():
            key = f"{name}[{label}]"
            try:
                times, size = [], 0
                for _ in range(runs):
                    started = time.perf_counter()
                    size = len(function(selection))
                    times.append(time.perf_counter() - started)
                out[key] = {**summary(times), "bytes": size}
                _log(f"export {key}: {out[key]['median_s']:.2f} s")
            except Exception as exc:
                out[key] = {"error": f"{type(exc).__name__}: {exc}", "trace": traceback.format_exc(limit=3)}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.app_worker")
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--json", type=Path, required=True, help="where to write the report")
    parser.add_argument("--query-runs", type=int, default=9)
    parser.add_argument("--cold-runs", type=int, default=3)
    parser.add_argument("--warm-runs", type=int, default=7)
    parser.add_argument("--export-runs", type=int, default=2)
    parser.add_argument("--page-budget-s", type=float, default=60.0,
                        help="per page and phase: fewer runs (at least one) for a page slower than this allows")
    parser.add_argument("--progress", type=Path, default=None, help="append progress lines to this file")
    args = parser.parse_args(argv)
    global PROGRESS
    PROGRESS = args.progress

    from dashboard import db

    report: dict = {"rss_mb_at_start": peak_rss_mb()}
    # A tree edited while the benchmark runs can make the database look stale: rebuild before timing,
    # so that no page run includes a build.
    report["was_fresh"] = db.is_fresh()
    if not report["was_fresh"]:
        db.ensure_database()
    _log("queries")
    report["queries"] = measure_queries(args.db, args.query_runs)
    report["rss_mb_after_queries"] = peak_rss_mb()
    report["pages"] = measure_pages(args.cold_runs, args.warm_runs, args.page_budget_s)
    report["rss_mb_after_pages"] = peak_rss_mb()
    report["rebuilds_outside_timings"] = REBUILDS["count"]
    _log("exports")
    report["exports"] = measure_exports(args.export_runs, ["lang-son", "cao-bang"])
    report["peak_rss_mb"] = peak_rss_mb()
    args.json.write_text(json.dumps(report, ensure_ascii=False, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
