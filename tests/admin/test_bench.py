"""The admin benchmark command works (on a tiny archive; real figures come from PostgreSQL)."""

import json

import pytest
from django.core.management import call_command

from tests.admin.conftest import make_archive

pytestmark = pytest.mark.django_db


def test_bench_admin_reports_every_page_with_query_counts(capsys, settings):
    settings.ALLOWED_HOSTS = ["localhost"]
    make_archive(4, section="清廉荆州区")
    call_command("bench_admin", "--repeat", "1", "--open", "2", "--json")
    report = json.loads(capsys.readouterr().out)
    names = [p["name"] for p in report["pages"]]
    assert report["articles"] == 4
    assert "有疑似错误" in names and any(n.startswith("校对页") for n in names) and "栏目=清廉荆州区" in names
    assert all(p["status"] == 200 and p["queries"] > 0 for p in report["pages"])
