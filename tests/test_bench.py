"""The benchmark's generator makes the same bytes for a seed, its documents extract as intended, and it runs."""
import json

import pytest

from bench import generate
from bench.run import run
from etl.extract import extract_text
from etl.reference import load_reference


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    root = tmp_path_factory.mktemp("bench") / "small"
    manifest = generate.generate("small", root, seed=7)
    return root, manifest


def test_generator_is_deterministic_for_a_seed(small, tmp_path):
    root, _ = small
    generate.generate("small", tmp_path / "again", seed=7)
    assert generate.tree_digest(tmp_path / "again") == generate.tree_digest(root)
    generate.generate("small", tmp_path / "other", seed=8)
    assert generate.tree_digest(tmp_path / "other") != generate.tree_digest(root)


def test_generated_documents_extract_into_the_intended_figures_and_tasks(small):
    """The generator writes every phrase of the catalogue in varied styles (not only what the extractor reads):
    no figure may land on a wrong area, period, kind or status, and nearly all must be found."""
    root, manifest = small
    reference = load_reference(root / "reference")
    real = len(list((root / "raw").glob("*.txt"))) - len(manifest["documents"])
    assert len(manifest["documents"]) == generate.SCALES["small"].documents - real  # plus the repo's own
    expected = found = right = 0
    for name, intended in manifest["documents"].items():
        text = (root / "raw" / name).read_text(encoding="utf-8")
        doc = extract_text(text, reference, name[:-4], name, "0" * 64)
        wanted = {(code, value): (area, year, start, kind, op, status)
                  for area, code, year, kind, op, value, start, status in intended["observations"]}
        got = {(o.indicator_code, o.value): (o.area_code, o.period_year, o.year_start, o.kind, o.operator, o.status)
               for o in doc.observations}
        wrong = {k: (v, wanted.get(k)) for k, v in got.items() if wanted.get(k) != v}
        assert not wrong, (name, wrong)
        expected, found, right = expected + len(wanted), found + len(got), right + len(set(got) & set(wanted))
        assert len(doc.tasks) == intended["tasks"], name
        assert doc.meta.area_code == intended["area_code"], name
    assert right / expected >= 0.95, (right, expected)
    assert expected >= 10 * len(manifest["documents"])
    styles = [o for d in manifest["documents"].values() for o in d["observations"]]
    assert any(o[6] != o[2] for o in styles) and any(o[7] == "review" for o in styles)  # periods, communes


def test_generated_catalogue_and_tables_reach_the_scale(small):
    root, manifest = small
    scale = generate.SCALES["small"]
    assert manifest["indicators"] == max(scale.indicators, len(load_reference().indicators))
    # every (province, indicator, year, kind) once, less the keys the repo's own tables already hold
    rows = 34 * manifest["indicators"] * len(scale.years) * len(scale.kinds)  # the repo's catalogue may be larger
    assert rows - 100 < manifest["curated_rows"] <= rows


def test_benchmark_runs_at_a_small_scale_and_writes_its_json(tmp_path):
    from bench.app_worker import PRESENTATION

    out = tmp_path / "results" / "smoke.json"
    run(["small"], out, quick=True, log=lambda message: None)
    report = json.loads(out.read_text(encoding="utf-8"))
    assert set(report["scales"]) == {"small"}
    assert report["scales"]["small"]["etl"]["median_s"] > 0
    pages = report["scales"]["small"]["app"]["pages"]
    assert "error" not in pages[PRESENTATION] and pages[PRESENTATION]["warm"]["runs"] >= 1  # the meeting view too


def test_benchmark_finds_every_page_the_app_registers():
    from bench.app_worker import ROOT, discover_pages

    registered, unregistered = discover_pages()
    assert registered, "no st.Page(...) found in app.py: bench/app_worker.py would time no page"
    assert all((ROOT / page).is_file() for page in registered + unregistered)
