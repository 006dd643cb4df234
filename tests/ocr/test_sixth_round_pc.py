"""Sixth round: the line classifier (roles from the renderer, training, the shipped model) and
what it changes in the parser. Every article here is invented."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from articles.bench.quality import train
from articles.bench.quality.corpus import parse_items
from articles.bench.quality.render import ROLES, Renderer, write_issues
from articles.bench.quality.score import score_files
from articles.ocr import parse_issue
from articles.ocr.linemodel import CLASSES, FEATURES, LineModel, shipped_model
from tests.ocr.invented import FIXTURES, parsed

ROOT = Path(__file__).resolve().parents[2]
CORPUS = FIXTURES / "corpus" / "line_roles.txt"




def _rendered(variants: range, copies: int = 1):
    items = parse_items(CORPUS.read_text(encoding="utf-8")) * copies
    return [issue for v in variants for issue in Renderer(v).issues(items, prefix="pc")]


# --- the renderer says what each printed line is ------------------------------------------------


def test_the_renderer_writes_the_role_of_every_line():
    for issue in _rendered(range(3)):
        printed = issue.text.split("\n")[:-1]
        roles = issue.gold["line_roles"]
        assert len(roles) == len(printed)
        assert set(roles) <= set(ROLES)
        assert all((role == "blank") == (not line.strip()) for role, line in zip(roles, printed, strict=True))
        # A line marked as a headline is (part of: a long one wraps) an article's headline.
        headlines = [a["headline"] for a in issue.gold["articles"]]
        for role, line in zip(roles, printed, strict=True):
            if role == "headline":
                assert any(line.lstrip("# ") in h for h in headlines)
        assert roles[0] == "masthead"
        assert "body_first" in roles and "para_first" in roles


def test_the_scorer_ignores_the_roles(tmp_path: Path):
    issues = _rendered(range(1))
    write_issues(issues, tmp_path)
    report = score_files(tmp_path, sorted(tmp_path.glob("*.txt")), parse=parse_issue)
    assert report.total.articles == sum(len(i.gold["articles"]) for i in issues)


# --- training ------------------------------------------------------------------------------------


def test_training_writes_a_small_model_the_same_every_time(tmp_path: Path, capsys):
    write_issues(_rendered(range(3), copies=2), tmp_path / "issues")
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    train.main([str(tmp_path / "issues"), "--out", str(first), "--iterations", "200"])
    report = capsys.readouterr().out
    train.main([str(tmp_path / "issues"), "--out", str(second), "--iterations", "200"])
    assert first.read_bytes() == second.read_bytes()
    assert first.stat().st_size < 12_000  # a few kilobytes of weights
    # Precision and recall per class on the issues kept apart for validation.
    assert "candidate lines" in report and "head " in report and "precision" in report
    model = LineModel.from_json(json.loads(first.read_text(encoding="utf-8")))
    assert model.classes == CLASSES
    p = model.probabilities([0.0] * len(FEATURES))
    assert abs(sum(p) - 1.0) < 1e-9


def test_training_refuses_issues_without_roles(tmp_path: Path):
    (tmp_path / "x.txt").write_text("本报讯 近日\n", encoding="utf-8")
    (tmp_path / "x.json").write_text("{}", encoding="utf-8")
    with pytest.raises(SystemExit):
        train.main([str(tmp_path), "--out", str(tmp_path / "m.json")])


def test_a_model_trained_on_other_features_is_refused():
    data = shipped_model().to_json()  # type: ignore[union-attr]
    data["features"] = data["features"][:-1]
    with pytest.raises(ValueError, match="retrain"):
        LineModel.from_json(data)


# --- the shipped model ---------------------------------------------------------------------------


def test_the_model_ships_with_the_package_and_runs_without_numpy():
    model = shipped_model()
    assert model is not None and model.classes == CLASSES
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "data/*.json" in config["tool"]["setuptools"]["package-data"]["articles.ocr"]
    # Parsing loads the weights but never numpy (the parser is pure Python).
    code = (
        "import sys; from articles.ocr import parse_issue; "
        "parse_issue(open(sys.argv[1], encoding='utf-8').read()); "
        "print('numpy' in sys.modules)"
    )
    fixture = FIXTURES / "sixth_pc_label_after.txt"
    out = subprocess.run(
        [sys.executable, "-c", code, str(fixture)], capture_output=True, text=True, check=True,
        cwd=ROOT,
    )
    assert out.stdout.strip() == "False"


def test_the_rendered_invented_articles_parse_better_with_the_classifier(tmp_path: Path):
    # Column labels, in-body subheads and writers' lines around headline groups: with the
    # classifier the groups are right far more often and fewer fragments become articles.
    # (These invented articles are part of what the shipped model was trained on.)
    write_issues(_rendered(range(3), copies=2), tmp_path)
    report = score_files(tmp_path, sorted(tmp_path.glob("*.txt")), parse=parse_issue)
    figures = report.total.figures()
    assert figures["headline_group"] >= 0.87  # 0.84 with the rules alone
    assert figures["found"] >= 0.97  # 0.96
    assert figures["spurious_per_40"] <= 7.0  # 9.3


# --- what changes in the parser ------------------------------------------------------------------


def test_a_column_label_printed_over_a_headline_after_its_body_is_the_section():
    # "民生热线" stands apart over the headline printed after its body (a page that prints
    # headlines after their bodies): a column label, not the headline with the real one as
    # its subheadline.
    ball, road = parsed("sixth_pc_label_after").articles
    assert ball.headline == "凤栖县举行第三届乡村篮球赛"
    assert (road.section, road.kicker, road.headline, road.subheadline) == (
        "民生热线", None, "小区门前道路积水 居民出行犯难", None,
    )
    assert road.byline == "记者 阚志军"


def test_in_body_subheads_of_a_paragraph_a_line_page_do_not_cut_the_article():
    # "严把苗木质量关" / "抓好管护不松劲": short lines between the paragraphs of one story (a
    # page printing one paragraph a line) are its subheads, not two more articles.
    trees, parking = parsed("sixth_pc_md_subheads").articles
    assert trees.headline == "临渠县启动秋冬季植树造林"
    assert "\n严把苗木质量关\n县林业局对调入苗木逐批检查" in trees.body
    assert "\n抓好管护不松劲\n各乡镇落实专人管护" in trees.body
    assert trees.body.endswith("比五年前提高了三个百分点。")
    assert parking.headline == "长陂区新增公共停车位一千二百个"
