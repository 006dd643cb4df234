import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.bench.quality.score import score_files

# The bars the importer must hold on text it has never seen (docs/import-quality.md).
_LABELS = (
    ("found", "找到的文章", "≥ 0.95"),
    ("complete", "起止完整", "≥ 0.85"),
    ("titles", "主题正确", ""),
    ("headline_group", "标题组归属正确", "≥ 0.85"),
    ("correspondents_f1", "作者（通讯员/记者）F1", "≥ 0.90"),
    ("photos_found", "找到的图片", "≥ 0.90"),
    ("photographers_f1", "摄影者 F1", "≥ 0.90"),
    ("people_f1", "正文人物 F1", "≥ 0.80"),
    ("spurious_per_40", "每 40 篇多出的条目", "≤ 3"),
    ("misread_names", "形近字误识的人名（找到并提示）", ""),
    ("dates", "出版日期正确的期", ""),
)


class Command(BaseCommand):
    help = (
        "导入质量评分：解析 OCR 文件，与 GOLD_DIR 中同名的标注（<文件名>.json）比较，"
        "输出找到率、完整率、标题组、作者/摄影者/人物 F1、多出条目数。只读，不写数据库。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("gold_dir", type=Path, help="标注目录（每个文件一个 <文件名>.json）")
        parser.add_argument("files", nargs="+", type=Path, help="要解析的 OCR 文本文件")
        parser.add_argument("--by", action="store_true", help="另按版式、噪声、署名位置分组输出")
        parser.add_argument("--misses", action="store_true", help="列出每期漏掉或出错的条目")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args, **options) -> None:
        gold_dir: Path = options["gold_dir"]
        missing = [f for f in options["files"] if not (gold_dir / f"{f.stem}.json").is_file()]
        if missing:
            raise CommandError(f"缺少标注文件：{gold_dir / (missing[0].stem + '.json')}")
        report = score_files(gold_dir, options["files"])
        figures = report.total.figures()
        if options["json"]:
            out = {"total": figures, "articles": report.total.articles,
                   "photos": report.total.photos, "issues": report.total.issues}
            if options["by"]:
                out["by"] = {tag: t.figures() for tag, t in sorted(report.by_tag.items())}
            self.stdout.write(json.dumps(out, ensure_ascii=False, indent=2))
            return
        total = report.total
        self.stdout.write(f"{total.issues} 期，{total.articles} 篇文章，{total.photos} 幅图片")
        for key, label, bar in _LABELS:
            self.stdout.write(f"{key:<18} {figures[key]:>7.3f}  {label}  {bar}".rstrip())
        if options["by"]:
            self.stdout.write("")
            self.stdout.write(f"{'group':<16} {'n':>4} " + " ".join(f"{k[:9]:>9}" for k, _, _ in _LABELS[:-1]))
            for tag, tally in sorted(report.by_tag.items()):
                row = tally.figures()
                self.stdout.write(
                    f"{tag:<16} {tally.articles:>4} "
                    + " ".join(f"{row[k]:>9.3f}" for k, _, _ in _LABELS[:-1])
                )
        if options["misses"]:
            for issue in report.issues:
                for miss in issue.misses:
                    self.stdout.write(f"{issue.name}: {miss}")
