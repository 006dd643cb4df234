from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.ingest.files import ImportFileError, read_issue_file
from articles.scans.compose import PAPERS, PageSpec
from articles.scans.fonts import FontMissing
from articles.scans.testpages import FORMATS, render_issue, save_rendering


class Command(BaseCommand):
    help = (
        "把 OCR 文本报纸渲染成报纸版面图像（多栏、大号标题、图片框和图片说明，可加扫描噪声），"
        "同时写出每行文字及其位置的标准答案（*.truth.json），供 OCR 测试、性能测试和演示使用。"
        "渲染结果是测试版面，不是真实扫描件。同一 --seed 总是得到同样的图像。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="*", type=Path, help="OCR 文本文件；默认 seeds/*.txt")
        parser.add_argument("--out", type=Path, required=True, help="输出目录（不存在则创建）")
        parser.add_argument("--paper", choices=sorted(PAPERS), default="A3", help="纸张（默认 A3）")
        parser.add_argument("--dpi", type=int, default=300, help="分辨率（默认 300）")
        parser.add_argument("--columns", type=int, help="栏数（默认 A3 六栏、A4 四栏、A5 三栏）")
        parser.add_argument("--seed", type=int, default=0, help="随机种子（默认 0）")
        parser.add_argument("--noise", action="store_true", help="加扫描噪声：模糊、0.5–1° 倾斜、JPEG 压缩、噪点")
        parser.add_argument("--format", choices=FORMATS, default="png", help="图像格式（默认 png；tiff/pdf 每期一个文件）")

    def handle(self, *args, **options) -> None:
        paths: list[Path] = options["paths"] or sorted(Path(settings.SEEDS_DIR).glob("*.txt"))
        if not 50 <= options["dpi"] <= 600:
            raise CommandError("--dpi 应在 50 到 600 之间")
        if options["columns"] is not None and not 1 <= options["columns"] <= 12:
            raise CommandError("--columns 应在 1 到 12 之间")
        spec = PageSpec.paper(options["paper"], dpi=options["dpi"], columns=options["columns"])
        failed = []
        for path in paths:
            try:
                _, text, _, _ = read_issue_file(path)
                rendering = render_issue(text, spec=spec, seed=options["seed"], noisy=options["noise"])
                written = save_rendering(rendering, options["out"], name=path.stem, fmt=options["format"])
            except ImportFileError as exc:
                self.stderr.write(f"{path}: {exc}")
                failed.append(path)
                continue
            except FontMissing as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(f"{path.name}: {len(rendering.pages)} 版 → {', '.join(p.name for p in written)}")
        if failed:
            raise CommandError(f"{len(failed)} 个文件无法渲染：" + "；".join(str(p) for p in failed))
