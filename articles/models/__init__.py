"""The archive: issues of the paper, their articles and photos, and tags."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from articles.ocr.types import DatePrecision, DateSource, Role


class Issue(models.Model):
    """One OCR'd issue (or page) of the newspaper, imported from one source file."""

    class DateSourceChoices(models.TextChoices):
        MASTHEAD = DateSource.MASTHEAD.value, "刊头印刷"
        INFERRED = DateSource.INFERRED.value, "从正文推断"
        EDITOR = DateSource.EDITOR.value, "编辑设定"

    class PrecisionChoices(models.TextChoices):
        DAY = DatePrecision.DAY.value, "日"
        MONTH = DatePrecision.MONTH.value, "月"
        YEAR = DatePrecision.YEAR.value, "年"

    masthead = models.CharField(
        "报头", max_length=100, blank=True, help_text="刊头上印的报名，按原样保存（可能含 OCR 错误）。"
    )
    issue_date = models.DateField(
        "出版日期",
        null=True,
        blank=True,
        help_text="精度为“月”或“年”时，日期取该月或该年的第一天。",
    )
    date_source = models.CharField(
        "日期来源", max_length=10, choices=DateSourceChoices.choices, blank=True
    )
    date_precision = models.CharField(
        "日期精度", max_length=5, choices=PrecisionChoices.choices, blank=True
    )
    lunar_date = models.CharField("农历日期", max_length=30, blank=True, help_text="刊头所印农历日期原文。")
    number = models.CharField("期号", max_length=50, blank=True)
    page = models.CharField("版次", max_length=20, blank=True)
    source_name = models.CharField(
        "源文件", max_length=255, help_text="导入时的 OCR 文件名。"
    )
    source_version = models.PositiveIntegerField(
        "导入版本",
        default=1,
        help_text="同一文件内容改变后再次导入、且旧版已被编辑修改时，作为新版本导入。",
    )
    content_hash = models.CharField("内容指纹", max_length=64, editable=False)
    source_encoding = models.CharField("原文编码", max_length=20, default="utf-8", editable=False)
    ocr_text = models.TextField("OCR 原文", editable=False, help_text="整份文件的 OCR 原文，永不修改。")
    unplaced = models.JSONField(
        "未归位文本", default=list, blank=True, help_text="导入时无法归入任何文章或图片的片段。"
    )
    import_errors = models.JSONField("导入提示", default=list, blank=True)
    imported_at = models.DateTimeField("导入时间", default=timezone.now, editable=False)

    class Meta:
        verbose_name = "期"
        verbose_name_plural = "期"
        ordering = ["-issue_date", "source_name", "-source_version"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_name", "source_version"], name="issue_unique_source_version"
            ),
            # One issue per text, however many files carry it: of two imports running at once
            # (job parts on two workers) the second waits for the first, then finds its issue.
            models.UniqueConstraint(
                fields=["content_hash"], condition=~models.Q(content_hash=""), name="issue_unique_content"
            ),
        ]
        indexes = [
            models.Index(fields=["issue_date", "source_name"], name="issue_date_idx"),
            models.Index(fields=["content_hash"], name="issue_hash_idx"),
        ]

    def __str__(self) -> str:
        title = self.masthead or "荆州区新闻"
        return f"{title} {self.date_label}".strip()

    def get_absolute_url(self) -> str:
        return reverse("articles:issue_detail", args=[self.pk])

    @property
    def date_label(self) -> str:
        """The date as precisely as it is known, in Chinese: 2025年8月26日 / 2025年8月 / 2025年."""
        if not self.issue_date:
            return f"（日期不详 · {self.source_name}）"
        d = self.issue_date
        if self.date_precision == DatePrecision.YEAR:
            return f"{d.year}年"
        if self.date_precision == DatePrecision.MONTH:
            return f"{d.year}年{d.month}月"
        return f"{d.year}年{d.month}月{d.day}日"


class Tag(models.Model):
    name = models.CharField("标签", max_length=50, unique=True)
    slug = models.SlugField(
        "网址名", max_length=80, unique=True, allow_unicode=True, help_text="用于网址，可用中文。"
    )

    class Meta:
        verbose_name = "标签"
        verbose_name_plural = "标签"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:tag_detail", args=[self.slug])


class ArticleQuerySet(models.QuerySet):
    def published(self) -> ArticleQuerySet:
        """What readers may see. Every public page, feed, sitemap and API starts here."""
        return self.filter(is_published=True)


class Article(models.Model):
    class Status(models.TextChoices):
        """How far proofreading has got, whatever readers see (that is ``is_published`` alone).

        The desk shows these as 未校对 / 需复查 / 已校对 and never writes ``PUBLISHED``: it is
        left from when status and publication were one field, and is read as 未校对 (publishing
        never recorded that anyone had read the text).
        """

        IMPORTED = "imported", "已导入"
        NEEDS_REVIEW = "needs_review", "待审核"
        CORRECTED = "corrected", "已校对"
        PUBLISHED = "published", "已发布"

    issue = models.ForeignKey(
        Issue, on_delete=models.CASCADE, related_name="articles", verbose_name="所属期"
    )
    position = models.PositiveIntegerField("版内顺序", default=0)
    kicker = models.CharField("引题", max_length=300, blank=True)
    headline = models.CharField("标题", max_length=300, blank=True)
    subheadline = models.CharField("副题", max_length=300, blank=True)
    section = models.CharField("栏目", max_length=100, blank=True, help_text="例如：清廉荆州区")
    byline = models.CharField("署名原文", max_length=300, blank=True, help_text="OCR 中的署名原文，例如 本报讯（通讯员王思奇）")
    dateline = models.CharField("消息日期", max_length=50, blank=True, help_text="正文开头的日期原文，例如 5月11日")
    dateline_date = models.DateField("消息日期（公历）", null=True, blank=True)
    date = models.DateField(
        "日期",
        null=True,
        blank=True,
        help_text="用于排序和筛选：消息日期已知时取消息日期，否则取出版日期。",
    )
    ocr_text = models.TextField("OCR 原文", help_text="本文对应的 OCR 原文行，永不修改。")
    body = models.TextField("正文", help_text="编辑校对后的正文；段落之间空一行。")
    status = models.CharField(
        "状态", max_length=20, choices=Status.choices, default=Status.IMPORTED
    )
    is_published = models.BooleanField(
        "公开", default=False, help_text="勾选后读者可见。只有主编可以发布或撤回。"
    )
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    version = models.PositiveIntegerField(
        "版本号", default=1, editable=False, help_text="每次保存加一，用于防止两人同时编辑时互相覆盖。"
    )
    ocr_hint_count = models.PositiveIntegerField(
        "疑似错误数", default=0, editable=False, help_text="OCR 提示检测到的疑似错误数量。"
    )
    people = models.ManyToManyField(
        "people.Person", through="ArticlePerson", related_name="articles", verbose_name="人物", blank=True
    )
    tags = models.ManyToManyField(Tag, related_name="articles", verbose_name="标签", blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = "文章"
        verbose_name_plural = "文章"
        ordering = ["-date", "issue_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "position"], name="article_unique_position"),
        ]
        indexes = [
            models.Index(fields=["is_published", "date"], name="article_pub_date_idx"),
            models.Index(fields=["date"], name="article_date_idx"),
            models.Index(fields=["status", "date"], name="article_status_idx"),
            models.Index(fields=["section"], name="article_section_idx"),
            models.Index(fields=["ocr_hint_count"], name="article_hints_idx"),
            models.Index(fields=["updated_at"], name="article_updated_idx"),
        ]

    def __str__(self) -> str:
        return self.title or f"（无标题）{self.body[:20]}"

    def get_absolute_url(self) -> str:
        return reverse("articles:article_detail", args=[self.pk])

    @property
    def title(self) -> str:
        return self.headline or self.kicker or self.subheadline


class ArticlePerson(models.Model):
    """A person's part in an article, with the title the text gives them there."""

    class Role(models.TextChoices):
        CORRESPONDENT = Role.CORRESPONDENT.value, "作者（记者/通讯员）"
        PHOTOGRAPHER = Role.PHOTOGRAPHER.value, "摄影"
        MENTIONED = Role.MENTIONED.value, "提及"

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="credits", verbose_name="文章"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="credits", verbose_name="人物"
    )
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    title = models.CharField(
        "职务/身份", max_length=100, blank=True, help_text="文中给出的职务或身份，例如 区委书记、通讯员。"
    )
    position = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        verbose_name = "文章人物"
        verbose_name_plural = "文章人物"
        ordering = ["article", "role", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "person", "role"], name="articleperson_unique_role"
            ),
        ]
        indexes = [models.Index(fields=["person", "role"], name="articleperson_person_role")]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_role_display()}"


class Photo(models.Model):
    issue = models.ForeignKey(
        Issue, on_delete=models.CASCADE, related_name="photos", verbose_name="所属期"
    )
    article = models.ForeignKey(
        Article,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="photos",
        verbose_name="所配文章",
        help_text="图片所配的文章；不确定时留空。",
    )
    position = models.PositiveIntegerField("版内顺序", default=0)
    title = models.CharField("图片标题", max_length=200, blank=True)
    caption = models.TextField("图片说明")
    ocr_text = models.TextField("OCR 原文", blank=True, editable=False)
    photographers = models.ManyToManyField(
        "people.Person", related_name="photos", verbose_name="摄影", blank=True
    )
    image = models.ImageField("图片文件", upload_to="photos/%Y/", blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "图片"
        verbose_name_plural = "图片"
        ordering = ["issue", "position"]
        indexes = [models.Index(fields=["issue", "position"], name="photo_issue_pos_idx")]

    def __str__(self) -> str:
        return self.title or self.caption[:30]


class ArticleRevision(models.Model):
    """A snapshot of an article (text, headlines, people, tags, status) after a change.

    Written by the service functions in ``articles.revisions`` — never by signals — so every
    write path (admin, find/replace, restructure, spreadsheet import) records who did what.
    """

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="revisions", verbose_name="文章"
    )
    version = models.PositiveIntegerField("版本号")
    created_at = models.DateTimeField("时间", default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="article_revisions",
        verbose_name="修改人",
    )
    comment = models.CharField("说明", max_length=300, blank=True)
    batch = models.CharField(
        "批次", max_length=40, blank=True, help_text="同一次批量操作（查找替换、表格导入）的标识，用于整体撤销。"
    )
    snapshot = models.JSONField("快照")

    class Review(models.TextChoices):
        """Whether the snapshot is what readers see, or a correction waiting for a chief."""

        LIVE = "", "直接生效"
        PENDING = "pending", "待主编审核"
        APPROVED = "approved", "已批准"
        RETURNED = "returned", "已退回"
        SUPERSEDED = "superseded", "已被后来的修改取代"
        WITHDRAWN = "withdrawn", "已撤回"

    review = models.CharField(
        "审核",
        max_length=12,
        choices=Review.choices,
        default=Review.LIVE,
        blank=True,
        help_text="编辑对已发布文章的文字修改先存为“待主编审核”，主编批准后读者才看到。",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_revisions",
        verbose_name="审核人",
    )
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    review_note = models.TextField("审核意见", blank=True, help_text="主编退回修改时写给编辑的说明。")

    class Meta:
        verbose_name = "修改记录"
        verbose_name_plural = "修改记录"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["article", "-created_at"], name="revision_article_idx"),
            models.Index(fields=["batch"], name="revision_batch_idx"),
            # The review queue reads the few pending revisions, never the whole history.
            models.Index(
                fields=["created_at"], name="revision_pending_idx", condition=models.Q(review="pending")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} v{self.version} {self.created_at:%Y-%m-%d %H:%M}"


class ArticleNote(models.Model):
    """A note on an article for whoever works on it next (who, when, what)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="notes", verbose_name="文章")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="article_notes",
        verbose_name="留言人",
    )
    created_at = models.DateTimeField("时间", default=timezone.now)
    text = models.TextField("内容", max_length=2000)

    class Meta:
        verbose_name = "文章留言"
        verbose_name_plural = "文章留言"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["article", "-created_at"], name="articlenote_article_idx")]

    def __str__(self) -> str:
        return f"{self.article_id} {self.created_at:%Y-%m-%d %H:%M} {self.text[:20]}"


class Job(models.Model):
    """A long operation run in the background: on a Celery worker, or the local worker.

    The row is the job's single source of truth (the broker only carries "run job N"), so a
    lost message or a killed worker never loses a job: ``articles.jobs`` sends it again or
    resumes it. ``attempts`` doubles as the lease: only the runner of the latest attempt may
    write progress.
    """

    class State(models.TextChoices):
        QUEUED = "queued", "排队中"
        RUNNING = "running", "运行中"
        DONE = "done", "已完成"
        FAILED = "failed", "失败"
        CANCELLED = "cancelled", "已取消"

    kind = models.CharField("任务类型", max_length=50)
    title = models.CharField("内容", max_length=300, help_text="这个任务做什么，例如导入哪些文件。")
    params = models.JSONField("参数", default=dict, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="jobs",
        verbose_name="发起人",
    )
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.QUEUED)
    total = models.PositiveIntegerField("总项数", default=0)
    done = models.PositiveIntegerField("已完成项数", default=0)
    failed = models.PositiveIntegerField("出错项数", default=0)
    current = models.CharField("正在处理", max_length=300, blank=True)
    result = models.JSONField("结果", default=dict, blank=True)
    error = models.TextField("失败原因", blank=True)
    cancel_requested = models.BooleanField("已请求取消", default=False)
    attempts = models.PositiveIntegerField("运行次数", default=0)
    worker = models.CharField("执行进程", max_length=200, blank=True)
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    dispatched_at = models.DateTimeField("发送到队列时间", null=True, blank=True)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    heartbeat_at = models.DateTimeField("最近心跳", null=True, blank=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)

    class Meta:
        verbose_name = "后台任务"
        verbose_name_plural = "后台任务"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "created_at"], name="job_state_created_idx")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.title}"

    @property
    def finished(self) -> bool:
        return self.state in {self.State.DONE, self.State.FAILED, self.State.CANCELLED}

    @property
    def percent(self) -> int:
        if self.state == self.State.DONE:
            return 100
        return min(100, self.done * 100 // self.total) if self.total else 0


class JobItem(models.Model):
    """What happened to one item of a job (a file, a row…), with the reason when it failed.

    An item is written once its work is committed, so a resumed job skips the items it has.
    """

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="items", verbose_name="任务")
    position = models.PositiveIntegerField("序号")
    name = models.CharField("项目", max_length=500)
    outcome = models.CharField("结果", max_length=30)
    ok = models.BooleanField("成功", default=True)
    message = models.TextField("说明", blank=True)
    data = models.JSONField("数据", default=dict, blank=True)
    created_at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = "任务明细"
        verbose_name_plural = "任务明细"
        ordering = ["job", "position"]
        constraints = [
            models.UniqueConstraint(fields=["job", "position"], name="jobitem_job_position_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.outcome}"


class DeletedArticle(models.Model):
    """An article a chief editor deleted (alone, with its issue, or merged into another).

    Deleting an article deletes its revisions with it, so the desk's delete services first copy
    its last state and its whole history here: nothing an editor wrote is lost by a delete.
    """

    original_id = models.PositiveIntegerField("原文章编号", db_index=True)
    title = models.CharField("标题", max_length=300, blank=True)
    issue_label = models.CharField("所属期", max_length=300, blank=True)
    was_published = models.BooleanField("删除时公开", default=False)
    reason = models.CharField("说明", max_length=300, blank=True)
    deleted_at = models.DateTimeField("删除时间", default=timezone.now)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deleted_articles",
        verbose_name="删除人",
    )
    snapshot = models.JSONField("删除前的内容", help_text="正文、标题组、人物、标签、OCR 原文、所属期与配图。")
    revisions = models.JSONField("修改历史", default=list, help_text="删除前的全部修改记录（快照、修改人、时间、说明）。")

    class Meta:
        verbose_name = "已删除的文章"
        verbose_name_plural = "已删除的文章"
        ordering = ["-deleted_at", "-id"]

    def __str__(self) -> str:
        return f"#{self.original_id} {self.title or '（无标题）'}"
from .hints import HintRejection  # noqa: E402,F401
from .pages import ArticleRegion, Page, PageLine  # noqa: E402,F401
