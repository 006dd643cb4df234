"""Jobs in the admin: a live progress bar, what happened to each item, and a cancel button.

Every staff member sees the jobs (an editor follows the import they started); the person who
started a job, a superuser or whoever may change jobs can cancel it. Jobs are never edited
here: they change only by running.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST

from articles.jobs import kinds, records
from articles.models import Job

ITEMS_SHOWN = 300


def job_url(job: Job) -> str:
    return reverse("admin:articles_job_change", args=[job.pk])


def announce_job(request: HttpRequest, job: Job) -> None:
    """For the page that started a job: a message linking to its progress."""
    messages.info(
        request,
        format_html('已在后台开始：<a href="{}">{}</a>（可查看进度、取消）', job_url(job), job.title),
    )


def can_cancel(user: Any, job: Job) -> bool:
    return not job.finished and (
        user.is_superuser or job.started_by_id == user.pk or user.has_perm("articles.change_job")
    )


def progress_bar(job: Job) -> str:
    return format_html(
        '<span class="job-progress" data-job="{}">'
        '<progress max="{}" value="{}">{}%</progress> <span class="job-count">{} / {}</span>'
        "</span>",
        job.pk, job.total or 1, job.done if job.total else 0, job.percent, job.done, job.total,
    )


def progress_payload(job: Job) -> dict[str, Any]:
    return {
        "id": job.pk, "state": job.state, "state_label": job.get_state_display(),
        "finished": job.finished, "done": job.done, "total": job.total, "failed": job.failed,
        "percent": job.percent, "current": job.current, "cancel_requested": job.cancel_requested,
    }


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = [
        "id", "title", "kind_label", "state_label", "progress", "failed_count", "starter",
        "created_at", "duration",
    ]
    list_display_links = ["id", "title"]
    list_filter = ["state", "kind"]
    search_fields = ["title"]
    list_select_related = ["started_by"]
    list_per_page = 50
    actions = ["cancel_selected"]
    change_form_template = "admin/articles/job/change_form.html"
    fieldsets = [
        (None, {"fields": ["title", "kind_label", "state_label", "progress", "current", "reason"]}),
        ("每一项", {"fields": ["items_table"]}),
        ("结果", {"fields": ["result_table"]}),
        (
            "运行情况",
            {"fields": [
                "starter", "created_at", "started_at", "finished_at", "duration", "attempts",
                "worker", "heartbeat_at",
            ]},
        ),
    ]
    readonly_fields = [
        "title", "kind_label", "state_label", "progress", "current", "reason", "items_table",
        "result_table", "starter", "created_at", "started_at", "finished_at", "duration",
        "attempts", "worker", "heartbeat_at",
    ]

    class Media:
        js = ["jobs/progress.js"]
        css = {"all": ["jobs/jobs.css"]}

    # -- permissions: staff may look, nobody edits, cancelling is checked per job

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request: HttpRequest, obj: Job | None = None) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Job | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Job | None = None) -> bool:
        return request.user.is_superuser and (obj is None or obj.finished)

    # -- columns and fields

    @admin.display(description="类型", ordering="kind")
    def kind_label(self, job: Job) -> str:
        return kinds.label(job.kind)

    @admin.display(description="状态", ordering="state")
    def state_label(self, job: Job) -> str:
        label = job.get_state_display()
        if job.cancel_requested and not job.finished:
            label += "（正在取消）"
        elif job.state == Job.State.QUEUED and job.attempts:
            label += "（上次运行中断，等待续跑）"
        return format_html('<span class="job-state job-{}" data-job-state="{}">{}</span>',
                           job.state, job.pk, label)

    @admin.display(description="进度")
    def progress(self, job: Job) -> str:
        return progress_bar(job)

    @admin.display(description="出错", ordering="failed")
    def failed_count(self, job: Job) -> str:
        if not job.failed:
            return "0"
        return format_html('<strong class="job-failed">{}</strong>', job.failed)

    @admin.display(description="发起人", ordering="started_by__username")
    def starter(self, job: Job) -> str:
        return job.started_by.get_username() if job.started_by else "命令行"

    @admin.display(description="用时")
    def duration(self, job: Job) -> str:
        if not job.started_at:
            return "—"
        seconds = int(((job.finished_at or timezone.now()) - job.started_at).total_seconds())
        return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"

    @admin.display(description="失败原因")
    def reason(self, job: Job) -> str:
        if not job.error:
            return "—"
        return format_html('<pre class="job-error">{}</pre>', job.error)

    @admin.display(description="明细（出错的在前）")
    def items_table(self, job: Job) -> str:
        _, items, count = records.job_with_items(job_id=job.pk, limit=ITEMS_SHOWN)
        if not items:
            return "还没有完成的项。"
        rows = format_html_join(
            "",
            '<tr class="{}"><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>',
            (
                (
                    "job-item-ok" if item.ok else "job-item-failed",
                    item.position + 1, item.name, kinds.outcome_label(job.kind, item.outcome),
                    item.message,
                )
                for item in items
            ),
        )
        more = f"共 {count} 项，此处列出 {len(items)} 项。" if count > len(items) else ""
        return format_html(
            '<table class="job-items"><thead><tr><th>序号</th><th>项目</th><th>结果</th>'
            "<th>说明</th></tr></thead><tbody>{}</tbody></table>{}",
            rows, more,
        )

    @admin.display(description="结果")
    def result_table(self, job: Job) -> str:
        return kinds.summary(job.kind, job.result) if job.result else "—"

    # -- cancel and the live progress feed

    @admin.action(description="取消所选任务")
    def cancel_selected(self, request: HttpRequest, queryset: QuerySet[Job]) -> None:
        cancelled = refused = 0
        for job in queryset:
            if can_cancel(request.user, job):
                records.request_cancel(job_id=job.pk)
                cancelled += 1
            elif not job.finished:
                refused += 1
        if cancelled:
            self.message_user(request, f"已请求取消 {cancelled} 个任务。", messages.SUCCESS)
        if refused:
            self.message_user(
                request, f"{refused} 个任务不是你发起的，不能取消。", messages.WARNING
            )

    def get_urls(self) -> list[Any]:
        view = self.admin_site.admin_view
        return [
            path("progress/", view(self.progress_view), name="articles_job_progress"),
            path("<int:job_id>/cancel/", view(require_POST(self.cancel_view)),
                 name="articles_job_cancel"),
            *super().get_urls(),
        ]

    def progress_view(self, request: HttpRequest) -> JsonResponse:
        if not self.has_view_permission(request):
            return JsonResponse({"detail": "forbidden"}, status=403)
        ids = [int(i) for i in request.GET.get("ids", "").split(",")[:100] if i.strip().isdigit()]
        jobs = Job.objects.filter(pk__in=ids)
        return JsonResponse({"jobs": [progress_payload(job) for job in jobs]})

    def cancel_view(self, request: HttpRequest, job_id: int) -> HttpResponse:
        job = get_object_or_404(Job, pk=job_id)
        if not can_cancel(request.user, job):
            self.message_user(request, "不能取消这个任务（已结束，或不是你发起的）。", messages.ERROR)
        else:
            state = records.request_cancel(job_id=job.pk)
            text = "任务已取消。" if state == Job.State.CANCELLED else "已请求取消：当前这一项完成后停止。"
            self.message_user(request, text, messages.SUCCESS)
        return HttpResponseRedirect(job_url(job))

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        job = self.get_object(request, object_id)
        extra = {"can_cancel": job is not None and can_cancel(request.user, job)}
        return super().change_view(request, object_id, form_url, {**(extra_context or {}), **extra})
