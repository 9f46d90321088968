"""Run the benchmark: per scale, the inputs, `etl build` in a subprocess, then the app's side in another."""
from __future__ import annotations

import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from etl import paths

from . import generate, table_import
from .extraction import measure as measure_extraction
from .goals import evaluate

ROOT = Path(__file__).resolve().parent.parent
# (etl runs, query runs, cold page runs, warm page runs, export runs) per scale
RUNS = {"small": (2, 3, 1, 3, 1), "today": (5, 9, 3, 9, 3), "national": (3, 9, 3, 9, 2), "x4": (2, 5, 2, 5, 1)}
QUICK_RUNS = (1, 2, 1, 2, 1)
# seconds per page and phase: a page slower than this allows gets fewer runs (at least one)
PAGE_BUDGET_S = {"x4": 30}


def machine() -> dict:
    cpu = ""
    try:
        cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                    if line.startswith("model name")), "")
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
            "cpu": cpu, "memory_gib": _memory_gib()}


def _memory_gib() -> float | None:
    try:
        kib = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                       if line.startswith("MemTotal")))
        return round(kib / 1024 / 1024, 1)
    except (OSError, StopIteration, ValueError):
        return None


def timed_process(command: list[str], env: dict, timeout: float) -> tuple[float, float, subprocess.CompletedProcess]:
    """(wall seconds, peak resident MiB of that child, result), start-up included."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=err)
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.005)
        elapsed = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        result = subprocess.CompletedProcess(command, proc.returncode, out.read().decode(errors="replace"),
                                             err.read().decode(errors="replace"))
    return elapsed, usage.ru_maxrss / 1024, result


def _fail(what: str, result: subprocess.CompletedProcess) -> None:
    raise RuntimeError(f"{what} failed ({result.returncode}):\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")


def input_counts(root: Path) -> dict:
    raw = [p for p in (root / "raw").iterdir() if p.is_file()]
    curated_rows = sum(max(0, len(p.read_text(encoding="utf-8").splitlines()) - 1)
                       for p in (root / "curated").glob("*.csv") if p.name not in ("conflicts.csv", "gaps.csv"))
    return {"documents": len(raw), "raw_mb": round(sum(p.stat().st_size for p in raw) / 2**20, 2),
            "curated_rows": curated_rows}


def manifest_score(db: Path, manifest: dict) -> dict:
    """The extraction of the generated documents against what the generator wrote in them (manifest.json):
    precision, recall and misattributed figures (right indicator and value, wrong area, period, kind or status)."""
    import duckdb

    expected = {}
    for file_name, doc in manifest["documents"].items():
        for area, code, year, kind, _op, value, start, status in doc["observations"]:
            expected[(file_name, code, round(value, 6))] = (area, year, start, kind, status)
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "select d.file_name, o.indicator_code, e.stated_value, o.area_code, o.year, o.year_start, o.kind, "
            # a curated row for the same key makes the observation established whatever the document says
            "case when o.origin = 'curated' then 'curated' else o.status end "
            "from evidence as e join observations as o on o.obs_id = e.obs_id "
            "join documents as d on d.doc_id = e.doc_id where e.origin = 'extracted'").fetchall()
    finally:
        con.close()
    found = {}
    for file_name, code, value, area, year, start, kind, status in rows:
        if file_name in manifest["documents"]:
            status = "established" if status == "confirmed" else status
            key = (file_name, code, round(value, 6))
            if status == "curated":  # the document's own status is not in the database: compare the rest
                status = expected.get(key, (None,) * 5)[4]
            found[key] = (area, year, start, kind, status)
    right = sum(1 for k, v in found.items() if expected.get(k) == v)
    misattributed = sum(1 for k, v in found.items() if k in expected and expected[k] != v)
    return {"expected": len(expected), "found": len(found), "right": right, "misattributed": misattributed,
            "precision": round(right / len(found), 4) if found else None,
            "recall": round(right / len(expected), 4) if expected else None}


def bench_scale(name: str, work: Path, runs: tuple, seed: int, log) -> dict:
    etl_runs, query_runs, cold_runs, warm_runs, export_runs = runs
    entry: dict = {"runs": dict(zip(("etl", "queries", "pages_cold", "pages_warm", "exports"), runs))}
    if name == "today":
        root = paths.DATA
    else:
        root = work / name / "data"
        log(f"[{name}] generating inputs (seed {seed})…")
        started = time.perf_counter()
        manifest = generate.generate(name, root, seed)
        entry["generate_s"] = time.perf_counter() - started
        entry["catalogue_indicators"] = manifest["indicators"]
    entry["inputs"] = input_counts(root)
    db = work / name / "dashboard.duckdb"
    db.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "DASHBOARD_DATA": str(root), "DASHBOARD_DB": str(db), "PYTHONHASHSEED": "0"}

    log(f"[{name}] etl build × {etl_runs} ({entry['inputs']['documents']} documents, "
        f"{entry['inputs']['curated_rows']} curated rows)…")
    walls, peaks, message = [], [], ""
    for _ in range(etl_runs):
        command = [sys.executable, "-m", "etl", "build", "--data", str(root), "--out", str(db)]
        wall, peak, result = timed_process(command, env, timeout=1800)
        if result.returncode != 0:
            _fail("etl build", result)
        walls.append(wall)
        peaks.append(peak)
        message = result.stdout.strip()
    entry["etl"] = {"median_s": statistics.median(walls), "min_s": min(walls), "max_s": max(walls),
                    "all_s": [round(w, 3) for w in walls], "peak_rss_mb": max(peaks), "output": message}
    if name != "today":
        entry["extraction_score"] = manifest_score(db, manifest)
        log(f"[{name}] extraction against the generator's manifest: {entry['extraction_score']}")

    log(f"[{name}] queries, pages (cold × {cold_runs}, warm × {warm_runs}), exports…")
    report_path = work / name / "app.json"
    command = [sys.executable, "-m", "bench.app_worker", "--db", str(db), "--json", str(report_path),
               "--query-runs", str(query_runs), "--cold-runs", str(cold_runs), "--warm-runs", str(warm_runs),
               "--export-runs", str(export_runs), "--progress", str(work / name / "progress.log"),
               "--page-budget-s", str(PAGE_BUDGET_S.get(name, 60))]
    wall, peak, result = timed_process(command, env, timeout=3600)
    if result.returncode != 0:
        _fail("bench.app_worker", result)
    app = json.loads(report_path.read_text(encoding="utf-8"))
    app["worker_wall_s"] = wall
    app["peak_rss_mb"] = max(app["peak_rss_mb"], peak)
    entry["app"] = app
    return entry


def run(scales: list[str], out: Path, *, seed: int = 2026, quick: bool = False, work: Path | None = None,
        keep: bool = False, log=print, table: bool = False, extraction: list[str] | None = None) -> dict:
    unknown = [s for s in scales if s not in generate.SCALES]
    if unknown:
        raise SystemExit(f"unknown scale(s) {unknown}; choose from {', '.join(generate.SCALES)}")
    own_work = work is None
    work = Path(work or tempfile.mkdtemp(prefix="dashboard-bench-"))
    report = {"date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), "machine": machine(),
              "command": "python -m bench " + " ".join(sys.argv[1:]), "seed": seed, "scales": {}}
    started = time.perf_counter()
    try:
        for name in scales:
            report["scales"][name] = bench_scale(name, work, QUICK_RUNS if quick else RUNS[name], seed, log)
        if table:
            log("[table] import of a published 63 × 10 table (read, write, rebuild)…")
            report["table_import"] = table_import.measure(paths.DATA, work, runs=1 if quick else 5)
        if extraction:
            log("[extraction] texts of one figure per line…")
            report["extraction"] = measure_extraction(extraction, log=log)
    finally:
        if own_work and not keep:
            shutil.rmtree(work, ignore_errors=True)
    report["total_s"] = time.perf_counter() - started
    report["goals"] = evaluate(report)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")
    return report
