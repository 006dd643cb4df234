"""上传报纸: OCR issue files uploaded from the admin, parsed for a preview, imported as a job.

Editors do not use a shell. The files are stored on the server when they are uploaded (where
every worker can read them) and only parsed (a dry run writes nothing); the confirmation then
queues the same import as ``import_seeds`` (one transaction per file, a reason per bad file).
Scanned pages (PNG/JPEG/TIFF/PDF) come in too: each PDF is one issue, the page images uploaded
together one issue in file-name order. Their preview only counts the pages (OCR takes seconds
a page: too slow for a request); the confirmation queues the scans job, which reads, imports
and shows its progress page by page.
The stored upload is remembered in the uploader's own session, so nobody can confirm another
person's upload by guessing its key.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from articles.ingest.service import run_import
from articles.jobs import importing, scans
from articles.jobs.admin import announce_job, job_url
from articles.jobs.uploads import remove_stale_uploads
from articles.scans.sources import find_sources

UPLOAD_PERMISSION = "articles.add_article"  # whoever may create articles may bring in an issue
PUBLISH_PERMISSION = "articles.publish_article"
MAX_FILES = 50
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_SCAN_BYTES = 200 * 1024 * 1024  # a 600 dpi colour page as TIFF; a PDF of a whole issue
SESSION_KEY = "issue_uploads"


def can_upload(user: Any) -> bool:
    return bool(user.is_active and user.is_staff and user.has_perm(UPLOAD_PERMISSION))


def _too_large_label(limit: int = MAX_FILE_BYTES) -> str:
    return f"{limit // (1024 * 1024)} MB"


def _screen(files: list[Any]) -> tuple[list[Any], list[dict[str, str]]]:
    """Split the uploads into those worth parsing and those refused outright, with a reason."""
    kept, refused = [], []
    for upload in files:
        name = Path(upload.name or "").name or "（无名文件）"
        limit = MAX_SCAN_BYTES if scans.is_scan(name) else MAX_FILE_BYTES
        if upload.size == 0:
            refused.append({"source": name, "reason": "文件是空的"})
        elif upload.size > limit:
            refused.append({"source": name, "reason": f"文件太大（超过 {_too_large_label(limit)}）"})
        else:
            kept.append(upload)
    return kept, refused


def upload_view(model_admin: Any, request: HttpRequest) -> HttpResponse:
    if not can_upload(request.user):
        raise PermissionDenied
    may_publish = request.user.has_perm(PUBLISH_PERMISSION)
    context: dict[str, Any] = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": "上传报纸",
        "may_publish": may_publish,
        "max_files": MAX_FILES,
        "max_size": _too_large_label(),
        "max_scan_size": _too_large_label(MAX_SCAN_BYTES),
    }
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm(request, may_publish=may_publish)
    if request.method == "POST":
        files = request.FILES.getlist("files")
        if not files:
            messages.error(request, "请选择至少一个 OCR 文本文件或扫描版面。")
        elif len(files) > MAX_FILES:
            messages.error(
                request, f"一次最多上传 {MAX_FILES} 个文件（这次选了 {len(files)} 个）。"
            )
        else:
            kept, refused = _screen(files)
            texts = [f for f in kept if not scans.is_scan(f.name or "")]
            images = [f for f in kept if scans.is_scan(f.name or "")]
            context.update(_preview(request, kept=texts, scanned=images, refused=refused))
    return TemplateResponse(request, "admin/articles/issue/upload.html", context)


def _date_label(date: str | None, precision: str | None) -> str:
    """The date with only the precision the file gives (an issue dated to the month has no day)."""
    if not date:
        return ""
    year, month, day = (int(part) for part in date.split("-"))
    if precision == "year":
        return f"{year}年"
    if precision == "month":
        return f"{year}年{month}月"
    return f"{year}年{month}月{day}日"


def _scan_previews(uploads: list[Any]) -> tuple[list[dict[str, Any]], list[dict[str, str]], list[str]]:
    """(issues of scans to import, refused files with a reason, the issues' stored paths).

    Only the pages are counted: an unreadable file is refused by name, and the rest of the
    images uploaded with it still make their issue."""
    bad: list[dict[str, str]] = []
    good: list[Path] = []
    for saved in importing.save_uploads(files=uploads):
        (source,) = find_sources([saved])
        if source.error:
            bad.append({"source": saved.name, "reason": source.error})
            saved.unlink()
        else:
            good.append(saved)
    paths = scans.group_scans(paths=good) if good else []
    reports = [
        {"source": source.name, "pages": len(source.pages), "files": [ref.label for ref in source.pages]}
        for source in find_sources(paths)
    ]
    return reports, bad, [str(p) for p in paths]


def _preview(
    request: HttpRequest, *, kept: list[Any], refused: list[dict[str, str]], scanned: list[Any] | None = None
) -> dict[str, Any]:
    remove_stale_uploads()  # previews nobody confirmed, from earlier days
    paths = importing.save_uploads(files=kept) if kept else []
    summary = run_import(paths=paths, dry_run=True, with_reports=True) if paths else None
    reports = summary.reports if summary else []
    # A file that could not be read has no parse (and so no outcome) in its report.
    good = [r for r in reports if r.get("outcome") not in (None, "failed")]
    bad = refused + [
        {"source": r["source"], "reason": "；".join(r["errors"]) or "无法读取"}
        for r in reports
        if r not in good
    ]
    for report in good:
        report["date_label"] = _date_label(report["date"], report["date_precision"])
    good_names = {r["source"] for r in good}
    keep_paths = [str(p) for p in paths if p.name in good_names]
    for path in paths:
        if str(path) not in keep_paths:
            path.unlink(missing_ok=True)  # a bad file is never imported: don't keep it around
    scan_reports, scan_bad, scan_paths = _scan_previews(scanned) if scanned else ([], [], [])
    bad += scan_bad
    token = ""
    if keep_paths or scan_paths:
        token = uuid.uuid4().hex
        uploads = dict(request.session.get(SESSION_KEY, {}))
        uploads[token] = {"user": request.user.pk, "paths": keep_paths, "scans": scan_paths}
        request.session[SESSION_KEY] = uploads
    parts = [f"{len(good)} 个文件"] if good else []
    if scan_reports:
        parts.append(f"{len(scan_reports)} 期扫描版面（共 {sum(r['pages'] for r in scan_reports)} 版）")
    return {
        "reports": good, "scan_reports": scan_reports, "bad_files": bad, "token": token,
        "confirm_label": f"确认导入 {'和'.join(parts)}",
    }


def _confirm(request: HttpRequest, *, may_publish: bool) -> HttpResponse:
    token = request.POST.get("token", "")
    uploads = dict(request.session.get(SESSION_KEY, {}))
    upload = uploads.get(token)
    if (
        not upload or upload.get("user") != request.user.pk
        # stored files removed meanwhile: a preview nobody confirmed for a day
        or not all(Path(p).exists() for p in [*upload.get("paths", []), *upload.get("scans", [])])
    ):
        messages.error(request, "找不到这次上传（可能已经导入过，或已过期），请重新上传。")
        return HttpResponseRedirect(reverse("admin:articles_issue_upload"))
    publish = request.POST.get("publish") == "1"
    if publish and not may_publish:
        raise PermissionDenied("只有主编可以在导入时直接发布")
    jobs = []
    if upload.get("paths"):
        jobs.append(importing.enqueue_import(paths=upload["paths"], publish=publish, started_by=request.user))
    if upload.get("scans"):
        jobs.append(scans.enqueue_scans(paths=upload["scans"], publish=publish, started_by=request.user))
    del uploads[token]
    request.session[SESSION_KEY] = uploads
    for job in jobs:
        announce_job(request, job)
    return HttpResponseRedirect(job_url(jobs[0]))
