"""OCR hints: each kind found on a sample, the one-click fix, the filter and the command."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.hints.detectors import (
    HintContext,
    Kind,
    apply_hint,
    archive_context,
    find_hints,
    ngram_counts,
    refresh_hint_count,
)
from articles.hints.glyphs import similar_pairs
from articles.hints.rules import count_hints
from articles.models import Article
from tests.factories import ArticleFactory, PersonAliasFactory, PersonFactory

LOOKALIKES = similar_pairs()
CONTEXT = HintContext(
    terms=frozenset({"袁菁穗", "朱翊", "苎麻", "荆州日报"}),
    corrections={"荆州田旅": "荆州日报"},
    lookalikes=LOOKALIKES,
)

SAMPLES = [
    (Kind.CJK_SPACE, "荆州区 召开会议", " ", "荆州区召开会议"),
    (Kind.HALFWIDTH_PUNCT, "会议强调,要推动发展", ",", "会议强调，要推动发展"),
    (Kind.HALFWIDTH_PUNCT, "记者(王芸)报道", "(", "记者（王芸)报道"),
    (Kind.HALFWIDTH_PUNCT, "会议要求:抓落实", ":", "会议要求：抓落实"),
    (Kind.REPEATED_PHRASE, "全力推进雨污分流改造推进雨污分流改造工作", "推进雨污分流改造推进雨污分流改造", "全力推进雨污分流改造工作"),
    (Kind.SPLIT_DIGITS, "5月 11日上午", "月 1", "5月11日上午"),
    (Kind.YI_DASH, "2024一2025年度", "一", "2024—2025年度"),
    (Kind.LOOKALIKE_TERM, "袁青穗同志讲话", "袁青穗", "袁菁穗同志讲话"),
    (Kind.LOOKALIKE_TERM, "局长朱翎参加", "朱翎", "局长朱翊参加"),
    (Kind.LOOKALIKE_TERM, "发展芒麻产业", "芒麻", "发展苎麻产业"),
    (Kind.KNOWN_ALIAS, "据荆州田旅报道", "荆州田旅", "据荆州日报报道"),
    (Kind.BYLINE_MISSING, "本报讯（通讯吴申畅）近日", "通讯", "本报讯（通讯员吴申畅）近日"),
]


@pytest.mark.parametrize(("kind", "text", "suspect", "fixed"), SAMPLES, ids=[f"{s[0]}-{i}" for i, s in enumerate(SAMPLES)])
def test_each_hint_kind_is_found_and_fixed(kind, text, suspect, fixed):
    hints = [h for h in find_hints(text, CONTEXT) if h.kind == kind and h.text == suspect]
    assert len(hints) == 1
    assert apply_hint(text, hints[0]) == fixed


def test_rare_string_that_becomes_common_after_one_lookalike_swap():
    archive = ["推进苎麻产业发展"] * 6 + ["其他新闻"]
    context = HintContext(lookalikes=LOOKALIKES, ngrams=ngram_counts(archive))
    hints = [h for h in find_hints("今年芒麻产业增收", context) if h.kind == Kind.RARE_LOOKALIKE]
    assert hints and hints[0].text == "芒" and hints[0].suggestion == "苎"
    assert apply_hint("今年芒麻产业增收", hints[0]) == "今年苎麻产业增收"


@pytest.mark.parametrize("text", ["大家看看", "一一对应", "研究研究", "会议于12:30开始", "共有3 个", "荆州区召开会议。"])
def test_real_words_and_clean_text_are_not_flagged(text):
    assert find_hints(text, CONTEXT) == []


def test_glyph_table_ranks_the_known_confusions():
    assert "芒" in LOOKALIKES["苎"] and "青" in LOOKALIKES["菁"] and "翎" in LOOKALIKES["翊"]
    from articles.hints.glyphs import rank_of

    assert rank_of("苎", "芒") == 1
    # The committed table ranks the seeds' real confusions among each character's closest few.
    assert rank_of("菁", "青") <= 3
    assert rank_of("翊", "翎") <= 3


@pytest.mark.django_db
def test_one_click_fix_on_correction_screen(editor_client, editor):
    PersonFactory(name="袁菁穗")
    article = ArticleFactory(body="袁青穗 强调,要推进雨污分流改造推进雨污分流改造。", status="imported", is_published=False)
    url = reverse("admin:articles_article_change", args=[article.pk])
    page = editor_client.get(url)
    hints = page.context["hints"]
    kinds = {h.kind for h in hints}
    assert {Kind.LOOKALIKE_TERM, Kind.REPEATED_PHRASE} <= kinds
    assert not kinds & {Kind.CJK_SPACE, Kind.HALFWIDTH_PUNCT}  # one action, below
    assert page.context["mechanical_count"] == 2
    assert "修正" in page.content.decode()
    hint = next(h for h in hints if h.kind == Kind.LOOKALIKE_TERM)
    response = editor_client.post(
        reverse("admin:articles_article_fix_hint", args=[article.pk]),
        {"start": hint.start, "end": hint.end, "text": hint.text, "suggestion": hint.suggestion, "version": article.version},
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body.startswith("袁菁穗 强调")
    assert article.version == 2
    latest = article.revisions.order_by("-version").first()
    assert latest.user == editor and "袁青穗" in latest.comment
    # The remaining real hint (the repeated phrase); the space and the comma are mechanical.
    assert article.ocr_hint_count == 1


@pytest.mark.django_db
def test_stale_fix_is_refused(editor_client):
    article = ArticleFactory(body="荆州区 召开会议", status="imported", is_published=False)
    response = editor_client.post(
        reverse("admin:articles_article_fix_hint", args=[article.pk]),
        {"start": 3, "end": 4, "text": " ", "suggestion": "", "version": article.version + 1},
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body == "荆州区 召开会议"


@pytest.mark.django_db
def test_changelist_filter_and_ocr_hints_json(editor_client, capsys):
    PersonAliasFactory(person=PersonFactory(name="朱翊"), name="朱羽")
    bad = ArticleFactory(body="本报讯（通讯吴申畅）朱羽参加,会议。", headline="有错的文章")
    ArticleFactory(body="荆州区召开会议。", headline="干净的文章")
    # Counted as the importer and the correction screen count: the half-width comma is
    # mechanical and does not count.
    refresh_hint_count(bad, archive_context(fresh=True))
    assert Article.objects.get(pk=bad.pk).ocr_hint_count == 2
    call_command("ocr_hints", "--json")
    rows = json.loads(capsys.readouterr().out)
    assert {r["article"] for r in rows} == {bad.pk}
    assert {"article", "kind", "text", "suggestion"} <= set(rows[0])
    assert {r["kind"] for r in rows} == {Kind.BYLINE_MISSING, Kind.KNOWN_ALIAS, Kind.HALFWIDTH_PUNCT}
    assert Article.objects.get(pk=bad.pk).ocr_hint_count == 2
    page = editor_client.get(reverse("admin:articles_article_changelist"), {"hints": "yes"}).content.decode()
    assert "有错的文章" in page and "干净的文章" not in page
    # The review queue starts with the article most likely to be wrong.
    Article.objects.update(status="imported")
    response = editor_client.get(reverse("admin:articles_article_next_review"))
    assert response["Location"] == reverse("admin:articles_article_change", args=[bad.pk])


def test_build_glyph_table_is_deterministic(tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    call_command("build_glyph_table", "--chars", "苎芒青菁翊翎日田", "--output", str(first))
    call_command("build_glyph_table", "--chars", "苎芒青菁翊翎日田", "--output", str(second))
    assert first.read_bytes() == second.read_bytes()
    table = json.loads(first.read_text(encoding="utf-8"))
    assert table["苎"][0][0] == "芒"



def test_common_word_is_not_a_misreading_of_a_short_name():
    # 责任 is one look-alike swap from the name 贺任, but the archive uses it all the time.
    archive = ["压实责任，落实责任。"] * 5 + ["贺任主持会议。"]
    context = HintContext(terms=frozenset({"贺任"}), lookalikes={"责": frozenset({"贺"}), "贺": frozenset({"责"})},
                          ngrams=ngram_counts(archive))
    assert [h for h in find_hints("要压实责任", context) if h.kind == Kind.LOOKALIKE_TERM] == []
    # A rare look-alike of the name is still flagged.
    rare = HintContext(terms=frozenset({"贺任"}), lookalikes={"贺": frozenset({"资"})}, ngrams=ngram_counts(archive))
    assert [h.suggestion for h in find_hints("资任主持会议", rare) if h.kind == Kind.LOOKALIKE_TERM] == ["贺任"]


def test_two_known_names_a_lookalike_apart_are_flagged():
    # The importer created both 袁青穗 and 袁菁穗 as people; the rarer spelling is suspect.
    context = HintContext(terms=frozenset({"袁青穗", "袁菁穗"}), lookalikes=LOOKALIKES,
                          ngrams=ngram_counts(["袁菁穗讲话。"] * 4 + ["袁青穗出席。"]))
    hints = [h for h in find_hints("袁青穗出席会议", context) if h.kind == Kind.LOOKALIKE_TERM]
    assert [(h.text, h.suggestion) for h in hints] == [("袁青穗", "袁菁穗")]
    # The usual spelling is not "corrected" into the rare one.
    assert [h for h in find_hints("袁菁穗讲话", context) if h.kind == Kind.LOOKALIKE_TERM] == []


def test_two_character_people_a_lookalike_apart_are_flagged():
    context = HintContext(terms=frozenset({"朱翎", "朱翊"}), people=frozenset({"朱翎", "朱翊"}), lookalikes=LOOKALIKES)
    assert [h.suggestion for h in find_hints("区委政法委书记朱翎", context) if h.kind == Kind.LOOKALIKE_TERM] == ["朱翊"]
    # Two-character tags/terms that are both known stay alone (民生 / 民主 are both words).
    words = HintContext(terms=frozenset({"朱翎", "朱翊"}), lookalikes=LOOKALIKES)
    assert [h for h in find_hints("书记朱翎", words) if h.kind == Kind.LOOKALIKE_TERM] == []


@pytest.mark.django_db
def test_byline_hint_is_fixed_in_the_byline(editor_client):
    article = ArticleFactory(byline="本报讯（通讯吴申畅）", body="近日，荆州区召开会议。", status="imported", is_published=False)
    hints = editor_client.get(reverse("admin:articles_article_change", args=[article.pk])).context["hints"]
    hint = next(h for h in hints if h.kind == Kind.BYLINE_MISSING)
    assert hint.field == "byline"
    editor_client.post(
        reverse("admin:articles_article_fix_hint", args=[article.pk]),
        {"field": "byline", "start": hint.start, "end": hint.end, "text": hint.text,
         "suggestion": hint.suggestion, "version": article.version},
    )
    article.refresh_from_db()
    assert article.byline == "本报讯（通讯员吴申畅）"
    assert article.body == "近日，荆州区召开会议。"
    # Only the article's own fields may be changed this way.
    response = editor_client.post(
        reverse("admin:articles_article_fix_hint", args=[article.pk]),
        {"field": "ocr_text", "start": 0, "end": 1, "text": "近", "suggestion": "远", "version": article.version},
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.ocr_text == "近日，荆州区召开会议。"  # the verbatim OCR is never touched


def test_everyday_character_is_not_flagged_by_a_rare_trigram():
    # 委 and 要 look alike; 委 is everywhere in this archive, so 委聚焦 is not 要聚焦 misread.
    lookalikes = {"委": frozenset({"要"}), "要": frozenset({"委"})}
    archive = ["要聚焦发展"] * 6 + ["区委召开会议"] * 200
    context = HintContext(lookalikes=lookalikes, ngrams=ngram_counts(archive))
    assert not [h for h in find_hints("今天委聚焦发展", context) if h.kind == Kind.RARE_LOOKALIKE]


@pytest.mark.django_db
def test_review_queue_counts_distinct_suspects_not_occurrences():
    from articles.hints.detectors import refresh_hint_count

    commas = ArticleFactory(body="会议强调,要推动发展,抓落实,保安全,促稳定。", ocr_hint_count=5)
    name = ArticleFactory(body="会议强调，要推动发展，荆州田旅报道,荆州田旅。")
    # Half-width commas are typesetting, normalised in one action: they do not rank the queue.
    assert refresh_hint_count(commas, CONTEXT) == 0
    assert refresh_hint_count(name, CONTEXT) == 1  # one misreading, twice: one problem
    assert Article.objects.get(pk=commas.pk).ocr_hint_count == 0


@pytest.mark.django_db
def test_punctuation_and_spacing_are_one_action_with_a_preview(editor_client, editor):
    body = "会议强调,要推动发展,抓落实 工作,全年投资1,200万元,12:30开会。"
    article = ArticleFactory(headline="标题 有空格", body=body, status="imported", is_published=False)
    url = reverse("admin:articles_article_change", args=[article.pk])
    page = editor_client.get(url)
    # Not hundreds of hints: none of them is listed, one action stands for them all.
    assert not page.context["hints"]
    assert page.context["mechanical_count"] == 6  # four commas, two spaces
    assert "规范标点和空格" in page.content.decode()

    normalise = reverse("admin:articles_article_normalise", args=[article.pk])
    preview = editor_client.get(normalise)
    assert preview.status_code == 200 and preview.context["places"] == 6
    assert {c.name for c in preview.context["changes"]} == {"headline", "body"}
    article.refresh_from_db()
    assert article.version == 1  # a preview writes nothing

    response = editor_client.post(normalise, {"version": article.version})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "标题有空格"
    assert article.body == "会议强调，要推动发展，抓落实工作，全年投资1,200万元，12:30开会。"
    assert article.version == 2
    latest = article.revisions.order_by("-version").first()
    assert latest.user == editor and "6 处" in latest.comment
    # The same (now stale) form changes nothing.
    editor_client.post(normalise, {"version": 1})
    article.refresh_from_db()
    assert article.version == 2


@pytest.mark.django_db
def test_an_editors_normalising_of_a_published_article_waits_for_review(editor_client):
    article = ArticleFactory(body="会议强调,要推动发展。", status="published", is_published=True)
    normalise = reverse("admin:articles_article_normalise", args=[article.pk])
    editor_client.post(normalise, {"version": article.version})
    article.refresh_from_db()
    assert article.body == "会议强调,要推动发展。"  # readers keep the approved text
    from articles.desk.editing.review import open_draft, text_from

    draft = open_draft(article.pk)  # a pending revision for a chief
    assert text_from(draft.snapshot)["body"] == "会议强调，要推动发展。"


@pytest.mark.django_db
def test_no_fix_all_for_look_alike_names(editor_client):
    PersonFactory(name="袁菁穗")
    body = "袁青穗强调发展。袁青穗要求落实。"
    article = ArticleFactory(body=body, status="imported", is_published=False)
    page = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    hint = next(h for h in page.context["hints"] if h.kind == Kind.LOOKALIKE_TERM)
    assert "全部修正" not in page.content.decode()
    editor_client.post(reverse("admin:articles_article_fix_hint", args=[article.pk]), {
        "all": "1", "kind": hint.kind, "field": hint.field, "start": hint.start, "end": hint.end,
        "text": hint.text, "suggestion": hint.suggestion, "version": article.version,
    })
    article.refresh_from_db()
    assert article.body == body and article.version == 1


@pytest.mark.django_db
def test_ocr_hints_is_a_report_and_writes_no_counts(capsys):
    # A stored count the report disagrees with (e.g. from an older counting) stays as it is:
    # rewriting it would reorder the editors' review queue.
    article = ArticleFactory(body="本报讯（通讯吴申畅）会议召开。", ocr_hint_count=7)
    clean = ArticleFactory(body="荆州区召开会议。", ocr_hint_count=4)
    call_command("ocr_hints")
    assert "共 1 处疑似错误" in capsys.readouterr().out
    assert Article.objects.get(pk=article.pk).ocr_hint_count == 7
    assert Article.objects.get(pk=clean.pk).ocr_hint_count == 4


def test_mechanical_kinds_do_not_count_but_real_errors_do():
    mechanical = {"body": "荆州区 召开会议,会议强调:抓落实(全力)。5月 11日上午"}
    assert {h.kind for h in find_hints(mechanical["body"], CONTEXT)} >= {Kind.CJK_SPACE, Kind.HALFWIDTH_PUNCT, Kind.SPLIT_DIGITS}
    assert count_hints(mechanical, CONTEXT) == 0
    real = {"body": "袁青穗参加会议,荆州田旅报道。", "byline": "通讯吴申畅"}
    assert count_hints(real, CONTEXT) == 3  # look-alike name, known misreading, broken byline


@pytest.mark.django_db
def test_every_hint_is_shown_in_its_sentence_escaped(editor_client):
    PersonFactory(name="袁菁穗")
    body = "<b>开场</b>。会上袁青穗<script>x</script>强调发展。散会后袁青穗要求落实。"
    article = ArticleFactory(body=body, status="imported", is_published=False)
    page = editor_client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    # Each occurrence on its own line, in its own sentence, the suspect highlighted.
    assert page.count('<mark class="hint-suspect">袁青穗</mark>') == 2
    assert "…会上<mark" in page and "…散会后<mark" in page
    assert '</mark>&lt;script&gt;x&lt;/script&gt;强调发展。…' in page
    assert "<script>x</script>" not in page and "<b>开场</b>" not in page
    assert page.count("在文中修正这一处") == 2
