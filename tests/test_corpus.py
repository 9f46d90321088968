"""The measured corpus (tests/corpus/): expected files are well-formed and honest, and `etl evaluate` scores it.

The target numbers (precision, recall, misattributed rows) are not asserted here: the score is printed so
that a change in it is seen; the scoring itself is checked on a tiny hand-made case.
"""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from etl.errors import InputError, InputErrors
from etl.evaluate import DocumentScore, Figure, Ignored, corpus_files, load_expected, score_figures
from etl.readers import read_document
from etl.reference import load_reference

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
PAIRS = corpus_files(CORPUS)
REFERENCE = load_reference()


def _run(*args):
    return subprocess.run([sys.executable, "-m", "etl", *args], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8")


def _written_forms(value: float) -> set[str]:
    """How a Vietnamese text may write a number: 18.961,4 / 18961,4; 8,02; 5.026; and 8.5 where unambiguous."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    whole, _, decimals = text.partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    forms = {whole + ("," + decimals if decimals else ""), grouped + ("," + decimals if decimals else "")}
    if decimals:
        forms.add(f"{whole}.{decimals}")
        forms |= {f + "0" for f in list(forms) if "," in f}  # 7,50%
    return forms


def _known_area(code) -> bool:
    """An area of areas.csv, or a commune or ward written PROVINCE:slug (README, "Areas")."""
    province, _, commune = str(code).partition(":")
    return province in REFERENCE.areas and (not commune or commune.replace("-", "").isalnum())


def test_indicators_missing_from_the_catalogue_are_listed_in_the_readme():
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    used = {f.indicator for _, e in PAIRS for f in load_expected(e).figures}
    unlisted = sorted(code for code in used - set(REFERENCE.indicators) if f"`{code}`" not in readme)
    assert not unlisted, f"add to tests/corpus/README.md, 'Indicators the catalogue should know': {unlisted}"


def test_the_corpus_has_its_documents():
    suffixes = {doc.suffix for doc, _ in PAIRS}
    assert len(PAIRS) >= 17 and {".txt", ".docx", ".pdf"} <= suffixes


@pytest.mark.parametrize("document,expected_file", PAIRS, ids=[d.name for d, _ in PAIRS])
def test_expected_file_is_well_formed_and_its_figures_are_in_the_text(document, expected_file):
    expected = load_expected(expected_file)
    assert _known_area(expected.meta.get("area_code")), "document.area_code is not a known area"
    assert set(expected.meta) == {"doc_type", "issuer_level", "area_code", "results_year", "plan_year"}
    assert expected.meta["issuer_level"] in {"central", "province", "department", "ward"}
    text = " ".join(read_document(document).split())
    for figure in expected.figures:
        assert _known_area(figure.area), f"{expected_file.name}:{figure.line}: unknown area {figure.area}"
        for value in (figure.value, figure.upper):
            if value is None:
                continue
            forms = set(figure.written) or _written_forms(value)
            assert any(form in text for form in forms), \
                f"{expected_file.name}:{figure.line}: {sorted(forms)} not in {document.name}"


def test_evaluate_scores_the_corpus_and_prints_a_summary():
    result = _run("evaluate", str(CORPUS.relative_to(ROOT)), "--json")
    assert result.returncode == 0, result.stderr
    score = json.loads(result.stdout)
    for key in ("precision", "recall", "misattributed", "units_found", "units_expected", "documents"):
        assert key in score
    assert [d["document"] for d in score["documents"]] == [doc.name for doc, _ in PAIRS]
    assert score["expected"] == sum(d["expected"] for d in score["documents"]) > 100
    assert score["units_expected"] == sum(len(load_expected(e).tasks) for _, e in PAIRS)
    assert 0 <= score["units_found"] <= score["units_expected"]
    print(f"\ntests/corpus: precision {score['precision']}, recall {score['recall']}, misattributed "
          f"{score['misattributed']}, units {score['units_found']}/{score['units_expected']} "
          f"({score['correct']}/{score['expected']} figures right, {score['wrong']} wrong, "
          f"{score['review_produced']} in review)")


def _fig(area, indicator, year, kind, value, operator="=", review=False, unit="%"):
    return Figure(area, indicator, year, year, kind, operator, value, None, unit, review)


def test_scoring_on_a_tiny_case():
    expected = [_fig("lang-son", "grdp_growth", 2025, "actual", 8.06),
                _fig("lang-son", "grdp_growth", 2026, "target", 10, ">="),
                _fig("vn", "grdp_growth", 2025, "actual", 8.02),
                _fig("cao-bang", "poverty_rate", 2025, "actual", 4.2, review=True)]
    produced = [_fig("lang-son", "grdp_growth", 2025, "actual", 8.06),           # right
                _fig("lang-son", "grdp_growth", 2026, "actual", 10, ">="),      # target stored as actual
                _fig("lang-son", "tourists", 2025, "actual", 4.44, unit="triệu lượt"),  # extra, ignored
                _fig("lang-son", "budget_revenue", 2025, "actual", 1.5),        # extra, wrong
                _fig("cao-bang", "poverty_rate", 2025, "actual", 4.2, review=True),   # honest review
                _fig("vn", "grdp_growth", 2025, "actual", 8.02, review=True)]   # in review: neither right nor wrong
    score = DocumentScore("tiny")
    score_figures(expected, produced, [Ignored("tourists", 4.44, None, "a figure the analyst left out")], score)
    assert (score.correct, score.wrong, score.expected) == (1, 2, 3)
    assert score.precision == pytest.approx(1 / 3) and score.recall == pytest.approx(1 / 3)
    assert score.misattributed == 1 and "2026 actual" in score.misattributed_rows[0]
    assert score.ignored == 1 and len(score.extra) == 1 and "budget_revenue" in score.extra[0]
    assert (score.review_produced, score.review_matched, score.review_expected) == (2, 1, 1)
    assert len(score.missing) == 2


def test_a_guess_on_an_uncertain_figure_is_misattributed():
    expected = [_fig("vn", "grdp_growth", 2025, "actual", 8.02, review=True)]
    score = DocumentScore("guess")
    score_figures(expected, [_fig("vn", "grdp_growth", 2025, "actual", 8.02)], [], score)
    assert (score.correct, score.wrong, score.misattributed) == (0, 1, 1)


def test_a_wrong_operator_is_wrong_but_not_misattributed():
    expected = [_fig("ho-chi-minh", "grdp_growth", 2026, "target", 10, ">")]
    score = DocumentScore("operator")
    score_figures(expected, [_fig("ho-chi-minh", "grdp_growth", 2026, "target", 10, ">=")], [], score)
    assert (score.correct, score.wrong, score.misattributed) == (0, 1, 0) and "kỳ vọng" in score.extra[0]


def test_periods_compare_both_ends():
    expected = [Figure("an-giang", "grdp_growth", 2026, 2030, "target", ">=", 10.0, None, "%")]
    score = DocumentScore("period")
    score_figures(expected, [_fig("an-giang", "grdp_growth", 2030, "target", 10.0, ">=")], [], score)
    assert score.misattributed == 1 and score.recall == 0


def test_bad_expected_file_names_file_and_line(tmp_path):
    (tmp_path / "a.txt").write_text("Tăng trưởng GRDP năm 2025 đạt 8,06%.", encoding="utf-8")
    (tmp_path / "expected").mkdir()
    (tmp_path / "expected" / "a.yaml").write_text(
        "document: {doc_type: Báo cáo}\nfigures:\n  - [lang-son, grdp_growth, 2025, actual, '=', 8.06, '%']\n"
        "  - [lang-son, grdp_growth, 2025, guess, '=', 8.06, '%']\n", encoding="utf-8")
    with pytest.raises(InputErrors) as caught:
        load_expected(tmp_path / "expected" / "a.yaml")
    assert [str(e) for e in caught.value.errors] == [f"{tmp_path / 'expected' / 'a.yaml'}:4: "
                                                     "loại «guess» không hợp lệ: actual hoặc target"]
    result = _run("evaluate", str(tmp_path))
    assert result.returncode != 0 and "a.yaml:4:" in result.stderr


def test_a_document_without_expected_file_is_an_input_error(tmp_path):
    (tmp_path / "b.txt").write_text("Kế hoạch", encoding="utf-8")
    with pytest.raises(InputErrors, match="thiếu tệp kỳ vọng"):
        corpus_files(tmp_path)
    with pytest.raises(InputError, match="không phải thư mục"):
        corpus_files(tmp_path / "none")


def test_an_unreadable_document_fails_with_its_name(tmp_path):
    (tmp_path / "expected").mkdir()
    (tmp_path / "x.docx").write_bytes(b"PK\x03\x04 not a zip")
    (tmp_path / "expected" / "x.yaml").write_text("document: {}\nfigures: []\n", encoding="utf-8")
    result = _run("evaluate", str(tmp_path), "--brief")
    assert result.returncode == 1 and f"{tmp_path / 'x.docx'}: tệp .docx bị hỏng" in result.stderr
