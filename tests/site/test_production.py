"""Production serving: hashed compressed static files, deploy checks, the benchmark command."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[2]
MANIFEST_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


def test_static_files_are_hashed_compressed_and_cached_forever(tmp_path, archive):
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=MANIFEST_STORAGES):
        call_command("collectstatic", interactive=False, verbosity=0)
        client = Client()  # a new handler, so WhiteNoise reads the new STATIC_ROOT
        page = client.get("/").content.decode()
        css_url = page.split('rel="stylesheet" href="')[1].split('"')[0]
        assert css_url.startswith("/static/css/site.") and css_url != "/static/css/site.css"
        response = client.get(css_url, HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200
        assert response["Content-Encoding"] == "gzip"
        assert "immutable" in response["Cache-Control"]
        assert list((tmp_path / "css").glob("site.*.css.gz"))


def test_check_deploy_is_clean_with_production_settings():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "example.org",
    }
    env.pop("DEBUG", None)
    env.pop("TESTING", None)
    # The browser tests' conftest sets this for Playwright; a real deployment never does.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO, env=env, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_bench_site_runs_on_a_tiny_archive(archive, capsys, tmp_path):
    with override_settings(STATIC_ROOT=tmp_path):
        call_command("bench_site", repeat=1, baseline_repeat=1, load_seconds=0, terms="经,经济")
    out = capsys.readouterr().out
    assert "| 筛选列表页 |" in out
    assert "| 经济（2 字） | 3 | 3 |" in out
