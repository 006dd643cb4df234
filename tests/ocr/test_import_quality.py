"""The import-quality tooling: the annotation format, the renderer and the scorer.

The annotated articles here are invented; real ones stay outside the repository."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.bench.quality.corpus import normalise, parse_items
from articles.bench.quality.render import LAYOUTS, Renderer, write_issues
from articles.bench.quality.score import score_files, score_issue
from articles.ocr import parse_issue
from articles.ocr.types import (
    Misreading,
    ParsedArticle,
    ParsedIssue,
    ParsedPhoto,
    PersonMention,
    Role,
)

CORPUS = """
=== t001
outlet: 某县融媒体中心
headline: 熊河镇开展夏季防汛演练
byline: 江陵融媒讯(通讯员 覃晓燕 龚子明)
writers: 覃晓燕 龚子明
people: 柯国平
---
6月15日,熊河镇在长江干堤组织开展夏季防汛应急演练,镇村干部和抢险队员120余人参加。
镇长柯国平说,演练检验了队伍,也暴露了短板,下一步要补齐物资缺口。

=== t002
outlet: 某市日报
headline: 郝穴镇清理河道垃圾
byline: (黄 璐)
byline_at: tail
writers: 黄璐
dateline: 本报讯
---
郝穴镇组织志愿者清理内荆河沿岸垃圾,共清运杂物12吨,河道环境明显改善。
下一步,该镇将建立河道保洁长效机制,每月开展一次集中清理。

=== p001
outlet: 某新闻网
headline: 晒场铺满金色稻谷
photo: 9月10日,燕窝镇新堤村村民在晒场翻晒新收的稻谷。
credit: 谭立群 摄
photographers: 谭立群
"""


def test_the_annotation_format():
    items = parse_items(CORPUS)
    assert [i.id for i in items] == ["t001", "t002", "p001"]
    first, second, photo = items
    assert first.writers == ["覃晓燕", "龚子明"] and first.byline_at == "lead"
    assert first.paragraphs[0].startswith("6月15日，熊河镇")  # web commas printed full-width
    assert second.byline_at == "tail" and second.dateline == "本报讯"
    assert not photo.is_article and photo.photo is not None
    assert photo.photo.title == "晒场铺满金色稻谷" and photo.photo.photographers == ["谭立群"]


def test_a_byline_or_dateline_copied_into_the_first_paragraph_is_read_once():
    copied = CORPUS.replace(
        "---\n6月15日,熊河镇", "---\n江陵融媒讯(通讯员 覃晓燕 龚子明)6月15日,熊河镇"
    )
    copied = copied.replace("---\n郝穴镇组织", "---\n本报讯 郝穴镇组织")
    first, second, _ = parse_items(copied)
    assert first.paragraphs[0].startswith("6月15日，熊河镇")
    assert first.byline == "江陵融媒讯（通讯员 覃晓燕 龚子明）"
    assert second.paragraphs[0].startswith("郝穴镇组织志愿者") and second.dateline == "本报讯"


def test_punctuation_is_normalised_but_times_keep_their_colon():
    assert normalise("会上,他说:今天10:30开会!") == "会上，他说：今天10:30开会！"


def test_the_held_out_split_is_by_outlet_and_stable():
    items = parse_items(CORPUS)
    assert [i.held_out for i in items] == [i.held_out for i in parse_items(CORPUS)]
    twin = parse_items(CORPUS.replace("t002", "t003"))[1]
    assert twin.held_out == items[1].held_out  # same outlet, same side


def test_rendering_is_deterministic_and_gold_matches_the_items(tmp_path: Path):
    items = parse_items(CORPUS) * 3
    first = Renderer(0).issues(items, prefix="x")
    again = Renderer(0).issues(items, prefix="x")
    assert [i.text for i in first] == [i.text for i in again]
    assert {i.gold["layout"] for i in Renderer(0).issues(items * 6, prefix="y")} <= set(LAYOUTS)
    gold = [a for issue in first for a in issue.gold["articles"]]
    assert sorted(a["id"] for a in gold) == sorted(["t001", "t002"] * 3)
    text = "\n".join(i.text for i in first)
    assert "江陵融媒讯（通讯员 覃晓燕 龚子明）" in text.replace("\n", "")  # the byline as printed
    write_issues(first, tmp_path)
    assert len(list(tmp_path.glob("*.json"))) == len(list(tmp_path.glob("*.txt"))) == len(first)


def _gold(**overrides) -> dict:
    article = {
        "id": "a", "outlet": "o", "kicker": "", "headline": "熊河镇开展夏季防汛演练",
        "subheadline": "", "section": "", "byline_at": "lead", "writers": ["覃晓燕"],
        "people": ["柯国平"], "layout": "above",
        "body": "6月15日，熊河镇在长江干堤组织开展夏季防汛应急演练，镇村干部和抢险队员120余人参加。",
    }
    gold = {"issue": "i", "layout": "above", "noise": 0, "date": "2024-06-18",
            "articles": [article], "photos": []}
    gold.update(overrides)
    return gold


def _parsed(body: str, *, headline: str = "熊河镇开展夏季防汛演练") -> ParsedArticle:
    return ParsedArticle(
        body=body, ocr_text=body, headline=headline,
        correspondents=[PersonMention("覃晓燕", Role.CORRESPONDENT, "通讯员")],
        people=[PersonMention("柯国平", Role.MENTIONED, "镇长")],
    )


def test_a_perfect_parse_scores_one():
    gold = _gold()
    issue = ParsedIssue(articles=[_parsed(gold["articles"][0]["body"])])
    figures = score_issue(gold, issue).tally.figures()
    assert figures["found"] == figures["complete"] == figures["headline_group"] == 1.0
    assert figures["correspondents_f1"] == figures["people_f1"] == 1.0
    assert figures["spurious_per_40"] == 0.0


def test_two_articles_merged_count_one_found_and_a_fragment_is_spurious():
    other = dict(_gold()["articles"][0], id="b", headline="郝穴镇清理河道垃圾", writers=[],
                 people=[], body="郝穴镇组织志愿者清理内荆河沿岸垃圾，共清运杂物12吨，河道环境明显改善。")
    gold = _gold(articles=[_gold()["articles"][0], other])
    merged = _parsed(gold["articles"][0]["body"] + "\n" + other["body"])
    tally = score_issue(gold, ParsedIssue(articles=[merged])).tally
    assert (tally.found, tally.complete, tally.spurious) == (1, 0, 0)
    fragment = _parsed("镇村干部和抢险队员120余人参加。", headline="")
    tally = score_issue(_gold(), ParsedIssue(articles=[_parsed(_gold()["articles"][0]["body"]), fragment])).tally
    assert tally.spurious == 1


def test_photos_and_photographers_are_scored():
    gold = _gold(photos=[{"id": "p", "caption": "9月10日，燕窝镇新堤村村民在晒场翻晒新收的稻谷。",
                          "credit": "谭立群 摄", "photographers": ["谭立群"], "title": "",
                          "people": [], "with_article": False}])
    photo = ParsedPhoto(caption="9月10日，燕窝镇新堤村村民在晒场翻晒新收的稻谷。", ocr_text="",
                        photographers=["谭立"])
    tally = score_issue(gold, ParsedIssue(photos=[photo])).tally
    assert tally.photos_found == 1 and tally.f1("photographers") == 0.0


def test_noise_misreads_some_surnames_and_the_gold_keeps_the_real_names():
    corpus = CORPUS.replace("柯国平", "刘国平")  # 刘 has a look-alike (划), 柯 none
    issues = [i for v in range(3) for i in Renderer(v).issues(parse_items(corpus) * 12, prefix="m")]
    noisy = [i for i in issues if i.gold["noise"] == 2]
    assert any("划国平" in i.text for i in noisy)  # 划 printed for 刘
    assert not any("划国平" in i.text for i in issues if i.gold["noise"] < 2)
    assert {n for i in noisy for a in i.gold["articles"] for n in a["misread"]} == {"刘国平"}
    assert all(a["people"] == ["刘国平"] for i in issues for a in i.gold["articles"] if a["id"] == "t001")
    # The misreadings come from a stream of their own: the rest of every file is as without.
    plain = [i for v in range(3) for i in Renderer(v).issues(parse_items(CORPUS) * 12, prefix="m")]
    assert [i.text.replace("划国平", "柯国平").replace("刘国平", "柯国平") for i in issues] == [
        i.text for i in plain
    ]


def test_a_misread_name_counts_by_the_name_it_likely_is():
    gold = _gold()
    gold["articles"][0]["people"] = ["刘国平"]
    gold["articles"][0]["misread"] = ["刘国平"]
    flagged = PersonMention("划国平", Role.MENTIONED, "镇长", Misreading("划国平", "刘国平"))
    article = _parsed(gold["articles"][0]["body"])
    article.people = [flagged]
    figures = score_issue(gold, ParsedIssue(articles=[article])).tally.figures()
    assert figures["people_f1"] == 1.0 and figures["misread_names"] == 1.0
    article.people = [PersonMention("划国平", Role.MENTIONED, "镇长")]  # found, not flagged
    figures = score_issue(gold, ParsedIssue(articles=[article])).tally.figures()
    assert figures["people_f1"] == 0.0 and figures["misread_names"] == 0.0


@pytest.fixture
def rendered(tmp_path: Path) -> Path:
    write_issues(Renderer(0).issues(parse_items(CORPUS) * 4, prefix="q"), tmp_path)
    return tmp_path


def test_score_files_parses_and_scores_every_file(rendered: Path):
    report = score_files(rendered, sorted(rendered.glob("*.txt")), parse=parse_issue)
    assert report.total.articles == 8 and report.total.photos == 4
    assert report.total.figures()["found"] >= 0.75


def test_score_import_command_prints_the_figures(rendered: Path, capsys):
    call_command("score_import", str(rendered), *map(str, sorted(rendered.glob("*.txt"))))
    out = capsys.readouterr().out
    assert "8 篇文章" in out and "found" in out and "spurious_per_40" in out
    call_command("score_import", str(rendered), *map(str, rendered.glob("*.txt")), "--json", "--by")
    figures = json.loads(capsys.readouterr().out)
    assert figures["articles"] == 8
    assert any(tag.startswith("layout=") for tag in figures["by"])


def test_score_import_names_a_missing_gold_file(tmp_path: Path):
    (tmp_path / "x.txt").write_text("本报讯 近日", encoding="utf-8")
    with pytest.raises(CommandError, match=r"x\.json"):
        call_command("score_import", str(tmp_path), str(tmp_path / "x.txt"))


def test_misses_name_the_people_missed_and_the_words_taken_for_names():
    gold = _gold(photos=[{"id": "p", "caption": "9月10日，燕窝镇新堤村村民在晒场翻晒新收的稻谷。",
                          "credit": "谭立群 摄", "photographers": ["谭立群"], "title": "",
                          "people": [], "with_article": False}])
    article = _parsed(gold["articles"][0]["body"])
    article.people = [PersonMention("抢险队", Role.MENTIONED, "")]
    photo = ParsedPhoto(caption=gold["photos"][0]["caption"], ocr_text="", photographers=["谭立"])
    misses = score_issue(gold, ParsedIssue(articles=[article], photos=[photo])).misses
    assert "people a missed 柯国平 wrong 抢险队" in misses
    assert "photographers p missed 谭立群 wrong 谭立" in misses
    assert not any(m.startswith("writers") for m in misses)  # the writers were right
