"""python -m bench.hostile [--code DIR]: what hostile input costs (measured, never asserted).

Each figure comes from a fresh child process running the code in DIR (default: this checkout), so the same
command measures an older commit unpacked elsewhere (`git archive <commit> | tar -x -C DIR`):
- a 2 MB .docx whose document.xml inflates to 2,2 GB but states 1 KB: refusal time and peak memory;
- a template of 1.000.000 rows: refusal time and peak memory;
- four sessions finding the database stale at once: how many builds run.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the hostile inputs are built by the tests' own builders

from hostile_support import docx_bomb, workbook_with_rows  # noqa: E402

_MEASURE = """
import json, resource, sys, time
from pathlib import Path
{setup}
before_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024  # after the imports
started = time.perf_counter()
try:
    {action}
    outcome = "accepted"
except Exception as exc:
    outcome = f"{{type(exc).__name__}}: {{str(exc)[:160]}}"
print(json.dumps({{"seconds": round(time.perf_counter() - started, 2), "peak_mb_after_imports": before_mb,
                   "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, "outcome": outcome}}))
"""

_SESSIONS = """
import json, shutil, sys, threading
from pathlib import Path
from etl import build
from dashboard import db
root = Path(sys.argv[1])
inputs = build.Inputs.from_root(root)
for function, defaults in ((build.fingerprint, (inputs,)), (build.process, (inputs,)), (build.run, (None, inputs))):
    function.__defaults__ = defaults
out = root / "build" / "dashboard.duckdb"
build.run(out, inputs)
with open(inputs.curated / "sources.yaml", "a", encoding="utf-8") as f:
    f.write("# changed\\n")
builds, real = [], build.run
build.run = lambda *a, **k: (builds.append(1), real(*a, **k))[1]
barrier = threading.Barrier(4)
def session():
    barrier.wait()
    db.ensure_database(out)
threads = [threading.Thread(target=session) for _ in range(4)]
[t.start() for t in threads]
[t.join() for t in threads]
print(json.dumps({"builds": len(builds)}))
"""


def _child(code: Path, script: str, *args: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(code)}
    result = subprocess.run([sys.executable, "-c", script, *args], cwd=code, env=env, capture_output=True, text=True)
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    return json.loads(lines[-1]) if lines else {"error": result.stderr[-400:]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.hostile", description=__doc__)
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout to measure (default: this one)")
    parser.add_argument("--bomb-mb", type=int, default=2200, help="what the .docx inflates to, in MB")
    args = parser.parse_args(argv)
    code = args.code.resolve()
    report = {"code": str(code)}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        bomb = work / "bom.docx"
        bomb.write_bytes(docx_bomb(args.bomb_mb * 1024 * 1024))
        report["bomb_file_mb"] = round(bomb.stat().st_size / 1024 / 1024, 1)
        report["bomb"] = _child(code, _MEASURE.format(
            setup="from etl.readers import decode_document; import docx",
            action=f"decode_document(Path({str(bomb)!r}).read_bytes(), 'bom.docx')"))
        from etl import curated_template

        rows = work / "trieu-dong.xlsx"
        rows.write_bytes(workbook_with_rows(curated_template.export_template(), 1_000_000))
        report["million_rows_file_mb"] = round(rows.stat().st_size / 1024 / 1024, 1)
        report["million_rows"] = _child(code, _MEASURE.format(
            setup="from etl import curated_template, reference; known = reference.load_reference()",
            action=f"curated_template.read_template(Path({str(rows)!r}).read_bytes(), 'trieu-dong.xlsx', reference=known)"))
        data = work / "data"
        for part in ("raw", "curated", "reference"):
            import shutil

            shutil.copytree(code / "data" / part, data / part)
        report["four_sessions"] = _child(code, _SESSIONS, str(data))
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
