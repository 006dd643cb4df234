import signal
import threading
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from articles.jobs import kinds, records, worker
from articles.models import Job

BAR_WIDTH = 20


def _bar(job: Job) -> str:
    filled = BAR_WIDTH * job.percent // 100
    return "[" + "#" * filled + "-" * (BAR_WIDTH - filled) + "]"


def _line(job: Job) -> str:
    who = job.started_by.get_username() if job.started_by else "命令行"
    state = job.get_state_display() + ("（正在取消）" if job.cancel_requested and not job.finished else "")
    parts = [
        f"#{job.pk}", state, _bar(job), f"{job.percent:3d}%", f"{job.done}/{job.total}",
    ]
    if job.failed:
        parts.append(f"出错 {job.failed}")
    parts += [job.title, who, timezone.localtime(job.created_at).strftime("%m-%d %H:%M")]
    if job.current and not job.finished:
        parts.append(f"正在处理：{job.current}")
    return "  ".join(parts)


class Command(BaseCommand):
    help = (
        "后台任务：列出任务及进度；--watch 持续刷新直到结束；给出任务号则显示每一项的结果；"
        "--cancel 取消；--work 在本机运行任务（未配置 CELERY_BROKER_URL 时由它执行任务）。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("job", nargs="?", type=int, help="任务号：只看这个任务")
        parser.add_argument("--watch", action="store_true", help="每隔几秒刷新，直到任务都结束")
        parser.add_argument("--interval", type=float, default=2.0, help="--watch 的刷新间隔（秒）")
        parser.add_argument("--limit", type=int, default=20, help="列出最近多少个任务")
        parser.add_argument("--cancel", action="store_true", help="取消给出的任务")
        parser.add_argument("--work", action="store_true", help="运行本机任务进程（Ctrl-C 停止）")
        parser.add_argument(
            "--until-idle", action="store_true", help="配合 --work：队列空了就退出"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        job_id = options["job"]
        if options["work"]:
            self._work(until_idle=options["until_idle"])
        elif options["cancel"]:
            if job_id is None:
                raise CommandError("--cancel 需要任务号")
            state = records.request_cancel(job_id=job_id)
            if state is None:
                raise CommandError(f"没有任务 #{job_id}")
            self.stdout.write(f"#{job_id}：{Job.State(state).label}")
        elif job_id is not None:
            self._one(job_id, watch=options["watch"], interval=options["interval"])
        else:
            self._list(limit=options["limit"], watch=options["watch"], interval=options["interval"])

    def _list(self, *, limit: int, watch: bool, interval: float) -> None:
        while True:
            jobs = records.recent_jobs(limit=limit)
            self.stdout.write("\n".join(_line(job) for job in jobs) if jobs else "没有任务。")
            if not watch or all(job.finished for job in jobs):
                return
            time.sleep(interval)
            self.stdout.write("")

    def _one(self, job_id: int, *, watch: bool, interval: float) -> None:
        while True:
            try:
                job, items, count = records.job_with_items(job_id=job_id, limit=1000)
            except Job.DoesNotExist:
                raise CommandError(f"没有任务 #{job_id}") from None
            self.stdout.write(_line(job))
            if job.finished or not watch:
                break
            time.sleep(interval)
        for item in items:
            mark = "  " if item.ok else "✗ "
            note = f"：{item.message}" if item.message else ""
            label = kinds.outcome_label(job.kind, item.outcome)
            self.stdout.write(f"{mark}{item.position + 1}. {item.name}  {label}{note}")
        if count > len(items):
            self.stdout.write(f"…共 {count} 项")
        if job.result:
            self.stdout.write(f"结果：{kinds.summary(job.kind, job.result)}")
        if job.error:
            self.stderr.write(f"失败原因：{job.error}")
        if watch and (job.state != Job.State.DONE or job.failed):
            raise CommandError(f"任务 #{job.pk}：{job.get_state_display()}，出错 {job.failed} 项")

    def _work(self, *, until_idle: bool) -> None:
        stop = threading.Event()

        def ask_to_stop(*_: Any) -> None:
            # Stop at once: the job interrupted resumes from its recorded items next time.
            stop.set()
            raise KeyboardInterrupt

        previous = signal.signal(signal.SIGTERM, ask_to_stop)
        self.stderr.write("本机任务进程已启动（Ctrl-C 停止）。")

        def report(job_id: int, state: str | None) -> None:
            self.stderr.write(f"任务 #{job_id}：{Job.State(state).label if state else '未运行'}")

        try:
            worker.work(stop=stop, until_idle=until_idle, on_job=report)
        except KeyboardInterrupt:
            self.stderr.write("本机任务进程已停止；未完成的任务下次启动时继续。")
        finally:
            signal.signal(signal.SIGTERM, previous)
