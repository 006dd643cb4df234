"""The import_seeds command: atomic per file, safe to re-run, clear errors for bad input."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, ArticlePerson, ArticleRevision, Issue, Photo
from people.models import Person

pytestmark = pytest.mark.django_db


def run_import(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_seeds", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing_import(*args: str) -> tuple[str, str, str]:
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as excinfo:
        call_command("import_seeds", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue(), str(excinfo.value)


def archive_counts() -> tuple[int, int, int, int, int]:
    return (
        Issue.objects.count(),
        Article.objects.count(),
        Photo.objects.count(),
        ArticlePerson.objects.count(),
        Person.objects.count(),
    )


def test_imports_every_seed_with_articles_people_and_photos(seed_paths):
    out, err = run_import()
    assert Issue.objects.count() == len(seed_paths) == 5
    assert Article.objects.count() >= 5 * 3
    assert Photo.objects.exists()
    assert "5 个文件" in out
    assert "[5/5]" in err  # progress: files done / total
    issue = Issue.objects.get(source_name="001_11da812821fa9147.txt")
    assert issue.issue_date.isoformat() == "2025-08-26"
    assert issue.date_source == "masthead"
    assert issue.ocr_text == (seed_paths[1]).read_text(encoding="utf-8")
    for article in Article.objects.all():
        assert article.ocr_text.strip()
        assert article.body.strip()
        assert article.is_published is False
        # The first revision is the article as the OCR gave it.
        assert article.revisions.get().snapshot["body"] == article.body
    assert Person.objects.filter(name="王思奇").exists()
    assert ArticlePerson.objects.filter(person__name="王思奇", role="correspondent").exists()


def test_publish_option_makes_articles_public():
    run_import("--publish")
    assert Article.objects.published().count() == Article.objects.count() > 0


def test_rerun_with_unchanged_files_changes_nothing():
    run_import()
    before = archive_counts()
    ids = list(Article.objects.order_by("pk").values_list("pk", "updated_at"))
    out, _ = run_import()
    assert archive_counts() == before
    assert list(Article.objects.order_by("pk").values_list("pk", "updated_at")) == ids
    assert "未改变，跳过 5" in out


def test_dry_run_writes_nothing():
    out, _ = run_import("--dry-run")
    assert archive_counts() == (0, 0, 0, 0, 0)
    assert "演练" in out


def test_dry_run_json_contract(seed_paths):
    out, _ = run_import("--dry-run", "--json")
    report = json.loads(out)
    assert [i["source"] for i in report["issues"]] == [p.name for p in seed_paths]
    for issue in report["issues"]:
        assert set(issue) >= {
            "source", "masthead", "date", "date_precision", "articles", "photos", "unplaced", "errors"
        }
        assert issue["date_precision"] in {"day", "month", "year", None}
        for article in issue["articles"]:
            assert set(article) >= {
                "kicker", "headline", "subheadline", "section", "byline",
                "correspondents", "dateline", "body", "people",
            }
            assert isinstance(article["body"], str) and article["body"]
            assert all(isinstance(n, str) for n in article["correspondents"] + article["people"])
        for photo in issue["photos"]:
            assert set(photo) >= {"title", "caption", "photographers"}
    by_source = {i["source"]: i for i in report["issues"]}
    assert by_source["001_11da812821fa9147.txt"]["date"] == "2025-08-26"
    assert Issue.objects.count() == 0


def test_changed_file_untouched_is_reimported_in_place(seed_copy):
    target = seed_copy[0]
    run_import(str(target))
    target.write_text(target.read_text(encoding="utf-8") + "\n本报讯 近日，区里召开新会议，部署工作。\n", encoding="utf-8")
    out, _ = run_import(str(target))
    assert Issue.objects.filter(source_name=target.name).count() == 1
    assert "已重新导入 1" in out
    assert "区里召开新会议" in Issue.objects.get().ocr_text


def test_changed_file_never_overwrites_an_editors_correction(seed_copy):
    target = seed_copy[0]
    run_import(str(target))
    edited = Article.objects.order_by("position").first()
    corrected = edited.body.replace(edited.body[:4], "【已校对】", 1)
    Article.objects.filter(pk=edited.pk).update(body=corrected, version=2)
    target.write_text(target.read_text(encoding="utf-8") + "\n本报讯 近日，区里召开新会议。\n", encoding="utf-8")
    out, err = run_import(str(target))
    assert "新版本" in out + err
    versions = Issue.objects.filter(source_name=target.name).order_by("source_version")
    assert [i.source_version for i in versions] == [1, 2]
    edited.refresh_from_db()
    assert edited.body == corrected
    assert edited.issue_id == versions[0].pk


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n  ", "empty"),
        ("binary.txt", bytes(range(256)) * 10, "binary"),
        ("latin.txt", "caf\xe9 au lait ".encode("latin-1") * 3, "not UTF-8"),
    ],
)
def test_bad_file_gets_one_line_error_and_others_still_import(tmp_path, seed_paths, name, content, reason):
    bad = tmp_path / name
    bad.write_bytes(content)
    _, err, message = run_failing_import(str(bad), str(seed_paths[0]))
    error_lines = [line for line in err.splitlines() if name in line]
    assert len(error_lines) == 1
    assert reason in error_lines[0]
    assert Issue.objects.filter(source_name=seed_paths[0].name).exists()
    assert "1 个文件导入失败" in message


def test_missing_path_and_directory_are_reported(tmp_path, seed_paths):
    missing = tmp_path / "nope.txt"
    _, err, _ = run_failing_import(str(missing), str(tmp_path), str(seed_paths[1]))
    assert f"{missing}: " in err and "no such file" in err
    assert f"{tmp_path}: " in err and "directory" in err
    assert Issue.objects.count() == 1


def test_huge_file_is_refused_clearly(tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        line = ("本报讯（通讯员王思奇）近日，荆州区召开会议。" * 20 + "\n").encode()
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            handle.write(line)
    _, err, _ = run_failing_import(str(huge))
    assert "huge.txt" in err and "too large" in err
    assert Issue.objects.count() == 0


def test_gb18030_bom_and_crlf_files_import_and_are_reported(tmp_path, seed_paths):
    text = seed_paths[0].read_text(encoding="utf-8")
    variants = {
        "gbk.txt": text.encode("gb18030"),
        "bom.txt": b"\xef\xbb\xbf" + text.replace("。", "。 ").encode("utf-8"),
        "crlf.txt": text.replace("\n", "\r\n").replace("，", "，\u3000", 1).encode("utf-8"),
    }
    paths = []
    for name, data in variants.items():
        (tmp_path / name).write_bytes(data)
        paths.append(str(tmp_path / name))
    out, _ = run_import("--dry-run", "--json", *paths)
    report = {i["source"]: i for i in json.loads(out)["issues"]}
    assert any("GB18030" in e for e in report["gbk.txt"]["errors"])
    assert any("BOM" in e for e in report["bom.txt"]["errors"])
    assert any("CRLF" in e for e in report["crlf.txt"]["errors"])
    original, _ = run_import("--dry-run", "--json", str(seed_paths[0]))
    expected = json.loads(original)["issues"][0]["articles"]
    assert report["gbk.txt"]["articles"] == expected
    run_import(*paths)
    assert Issue.objects.get(source_name="gbk.txt").source_encoding == "gb18030"
    assert "\r" not in Issue.objects.get(source_name="crlf.txt").ocr_text


def test_same_content_under_another_name_is_not_imported_twice(tmp_path, seed_paths):
    copy = tmp_path / "renamed.txt"
    copy.write_bytes(seed_paths[2].read_bytes())
    run_import(str(seed_paths[2]))
    out, err = run_import(str(copy))
    assert Issue.objects.count() == 1
    assert seed_paths[2].name in out + err


def test_people_known_as_alias_link_to_the_canonical_person(seed_paths):
    canonical = Person.objects.create(name="王思齐")
    canonical.aliases.create(name="王思奇")
    run_import(str(seed_paths[0]))
    assert not Person.objects.filter(name="王思奇").exists()
    assert ArticlePerson.objects.filter(person=canonical, role="correspondent").exists()


def test_a_failing_file_leaves_nothing_half_written(monkeypatch, seed_paths):
    from articles.ingest import writer

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(writer._PHOTOS, "insert_objects", explode)  # after the articles
    _, err, _ = run_failing_import(str(seed_paths[1]))
    assert "disk full" in err
    assert archive_counts() == (0, 0, 0, 0, 0)
    assert ArticleRevision.objects.count() == 0


def test_settings_treat_empty_database_url_as_unset(monkeypatch):
    import subprocess
    import sys

    from django.conf import settings

    code = (
        "import os, django; os.environ['DJANGO_SETTINGS_MODULE']='newsroom.settings'; "
        "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    )
    env = {"DATABASE_URL": "", "DEBUG": "1", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True,
        check=False,
    )
    assert result.stdout.strip() == "django.db.backends.sqlite3", result.stderr


def test_production_refuses_to_start_without_secret_key():
    import subprocess
    import sys

    from django.conf import settings

    code = (
        "import os, django; os.environ['DJANGO_SETTINGS_MODULE']='newsroom.settings'; django.setup()"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env={"PATH": "/usr/bin:/bin"}, cwd=settings.BASE_DIR,
        capture_output=True, text=True, check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_settings_are_chinese_and_shanghai(settings):
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.USE_TZ is True


def test_import_command_prints_chinese_summary_on_default_seeds_dir(settings, tmp_path: Path):
    settings.SEEDS_DIR = tmp_path
    _, _, message = run_failing_import()
    assert "为空" in message


def test_import_fills_the_editors_review_queue_with_ocr_hints(seed_paths):
    out, _ = run_import()
    # 003 prints 芒麻 (OCR for 苎麻): its article is in the queue of articles with likely errors.
    suspect = Article.objects.get(body__contains="芒麻", issue__source_name=seed_paths[3].name)
    assert suspect.ocr_hint_count > 0
    assert "疑似 OCR 错误" in out
    # Re-running the import (nothing new) keeps the counts.
    run_import()
    suspect.refresh_from_db()
    assert suspect.ocr_hint_count > 0
