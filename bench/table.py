"""The benchmark report as plain-text tables for the terminal."""
from __future__ import annotations


def _ms(seconds) -> str:
    return "—" if seconds is None else f"{seconds * 1000:,.0f}"


def render(report: dict) -> str:
    m = report["machine"]
    lines = [f"Benchmark {report['date']} — {m['nproc']} cores, Python {m['python']}, {m['cpu']}", ""]
    for name, s in report["scales"].items():
        i, etl, app = s["inputs"], s["etl"], s["app"]
        lines.append(f"== {name}: {i['documents']} documents ({i['raw_mb']} MB), {i['curated_rows']} curated rows"
                     + (f", {s['catalogue_indicators']} indicators" if "catalogue_indicators" in s else ""))
        lines.append(f"   etl build: median {etl['median_s']:.2f} s (min {etl['min_s']:.2f}, max {etl['max_s']:.2f}, "
                     f"{len(etl['all_s'])} runs), peak {etl['peak_rss_mb']:.0f} MB — {etl['output']}")
        lines.append(f"   app process peak memory {app['peak_rss_mb']:.0f} MB "
                     f"({app['rss_mb_after_pages']:.0f} MB after pages)")
        lines.append(f"   {'page':<28}{'cold ms':>9}{'×base':>7}{'warm ms':>9}{'×base':>7}  first-in-process ms")
        for page, p in app["pages"].items():
            if "error" in p:
                lines.append(f"   {page:<28} ERROR {p['error'][:90]}")
                continue
            lines.append(f"   {page:<28}{_ms(p['cold']['median_s']):>9}{p.get('cold_ratio', 1):>7.1f}"
                         f"{_ms(p['warm']['median_s']):>9}{p.get('warm_ratio', 1):>7.1f}  {_ms(p['first_in_process_s'])}"
                         + ("  (run alone: not in app.py)" if p.get("mode") == "direct" else ""))
        lines.append(f"   {'query':<34}{'median ms':>10}{'max ms':>8}{'first ms':>9}{'rows':>8}")
        for q, r in app["queries"].items():
            lines.append(f"   {q:<34}{r['median_s'] * 1000:>10.1f}{r['max_s'] * 1000:>8.1f}{r['first_s'] * 1000:>9.0f}"
                         f"{r['rows']:>8}")
        ex = app["exports"]
        if not ex.get("available"):
            lines.append(f"   exports: not available ({ex.get('reason')})")
        else:
            for k, v in ex.items():
                if k == "available":
                    continue
                lines.append(f"   export {k:<34}" + (f"ERROR {v['error'][:80]}" if "error" in v else
                                                     f"{v['median_s']:.2f} s  {v['bytes'] / 1024:,.0f} KiB"))
        lines.append("")
    lines.append("Goals:")
    for g in report["goals"]:
        mark = "met   " if g["met"] else "MISSED"
        lines.append(f"  [{mark}] {g['scale']:<8} {g['goal']}: {g['value']} {g['unit']} (limit {g['limit']})"
                     + (f" — {g['note']}" if g["note"] else ""))
    return "\n".join(lines)
