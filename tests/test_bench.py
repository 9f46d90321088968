"""The benchmark's generator makes the same bytes for a seed, its documents extract as intended, and it runs."""
import json

import pytest

from bench import generate
from bench.run import run
from etl import paths
from etl.curated import load_curated
from etl.extract import extract_text
from etl.readers import document_files
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
    root, manifest = small
    reference = load_reference(root / "reference")
    assert len(manifest["documents"]) == generate.SCALES["small"].documents - 4  # plus the repo's four
    for name, intended in manifest["documents"].items():
        text = (root / "raw" / name).read_text(encoding="utf-8")
        doc = extract_text(text, reference, name[:-4], name, "0" * 64)
        found = sorted([o.area_code, o.indicator_code, o.year, o.kind, o.operator, o.value] for o in doc.observations)
        assert found == sorted(intended["observations"]), name
        assert len(doc.tasks) == intended["tasks"], name
        assert doc.meta.area_code == intended["area_code"], name
    assert sum(len(d["observations"]) for d in manifest["documents"].values()) >= 10 * len(manifest["documents"])


def test_generated_catalogue_and_tables_reach_the_scale(small):
    root, manifest = small
    scale = generate.SCALES["small"]
    assert manifest["indicators"] == scale.indicators
    # every (province, indicator, year, kind) once, less the keys the repo's own tables already hold
    reference = load_reference(paths.REFERENCE)
    provinces = {a.area_code for a in reference.areas.values() if a.is_current_province}
    held = {c.key for c in load_curated(paths.CURATED, reference, {p.name for p in document_files(paths.RAW)})[0]}
    held = {k for k in held if k[0] in provinces and k[2] in scale.years and k[3] in scale.kinds}
    assert manifest["curated_rows"] == scale.curated_rows - len(held)


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
