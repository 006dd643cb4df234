import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.bench.import_bench import BenchmarkError
from articles.bench.scans_bench import run_store_benchmark, store_corpus
from articles.scans.benchmark import BARS, PageRun, rescore_kept, run_benchmark
from articles.scans.compose import PAPERS, PageSpec
from articles.scans.engines import OcrUnavailable


class Command(BaseCommand):
    help = (
        "OCR 性能与质量测试：把种子文件渲染成报纸版面（干净的和加噪声的），OCR 后排阅读顺序、"
        "再交给解析器，报告字符错误率、文章找到率、标题正确率（与种子本身的解析结果比较）、"
        "每版秒数和峰值内存。渲染的是测试版面，不是真实扫描件。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="*", type=Path, help="OCR 文本文件；默认 seeds/*.txt")
        parser.add_argument("--engine", choices=["rapidocr", "tesseract"], default="rapidocr")
        parser.add_argument("--paper", choices=sorted(PAPERS), default="A3")
        parser.add_argument("--dpi", type=int, default=300)
        parser.add_argument("--seed", type=int, default=1, help="版面与噪声的随机种子（默认 1）")
        parser.add_argument("--no-noise", action="store_true", help="只测干净版面")
        parser.add_argument("--pages", type=int, default=0, help="之后再连续识别 N 版，观察内存是否平稳")
        parser.add_argument("--memory-only", action="store_true", help="跳过质量评分，只连续识别 --pages 版（测速度和内存）")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出全部结果")
        parser.add_argument("--keep", type=Path, help="把每版的 OCR 结果（行、位置、文本）写到该目录，便于查看")
        parser.add_argument(
            "--from-kept", type=Path, metavar="DIR",
            help="不做 OCR：用 --keep 留下的各版 OCR 行重新排阅读顺序、解析、评分（几秒钟，用于调整阅读与解析；"
            "耗时与内存以当初那次完整运行为准）",
        )
        parser.add_argument(
            "--store", action="store_true",
            help="测整个导入（OCR、存图像与缩放瓦片、写数据库）：渲染 --pages 版（默认 22）导入临时数据库，"
            "报告每版秒数与每版后的内存",
        )
        parser.add_argument("--store-worker", type=Path, help="（内部使用）导入该目录中的版面并输出 JSON")
        parser.add_argument("--flush", action="store_true", help="（内部使用）与 --store-worker 一起：先清空临时数据库")

    def handle(self, *args, **options) -> None:
        if options["store_worker"] is not None:
            result = store_corpus(options["store_worker"], engine=options["engine"], flush=options["flush"])
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        paths: list[Path] = options["paths"] or sorted(Path(settings.SEEDS_DIR).glob("*.txt"))
        issues = [(p.stem, p.read_text(encoding="utf-8-sig")) for p in paths]
        spec = PageSpec.paper(options["paper"], dpi=options["dpi"])
        if options["store"]:
            self._store(issues, spec, options)
            return

        def progress(run: PageRun) -> None:
            kind = "噪声" if run.noisy else "干净"
            self.stderr.write(
                f"{run.issue} 第{run.page}版（{kind}）：CER {run.errors / max(1, run.chars):.2%}，"
                f"阅读顺序 {run.order:.2f}，{run.wall_seconds:.1f} 秒（CPU {run.cpu_seconds:.1f}），"
                f"RSS {run.rss_mb:.0f} MB"
            )

        try:
            if options["from_kept"] is not None:
                report = rescore_kept(
                    issues, options["from_kept"], spec=spec, seed=options["seed"],
                    noisy=not options["no_noise"], progress=progress,
                )
            else:
                report = run_benchmark(
                    issues, engine_name=options["engine"], spec=spec, seed=options["seed"],
                    noisy=not options["no_noise"], soak_pages=max(0, options["pages"]), progress=progress,
                    keep=options["keep"], accuracy=not options["memory_only"],
                )
        except (OcrUnavailable, FileNotFoundError) as exc:
            raise CommandError(str(exc)) from exc
        data = report.as_dict()
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        wall, cpu = report.seconds_per_page()
        pages = len(report.pages) + len(report.soak_seconds)
        out = [f"引擎 {report.engine}，{options['paper']} {spec.dpi} dpi（{spec.width}×{spec.height} 像素），{pages} 版"]
        for label, cond in (("干净", data["clean"]), ("噪声", data["noisy"])):
            if not cond["chars"]:
                continue
            out.append(
                f"{label}：CER {cond['cer']:.2%}（全半角合并 {cond['cer_width_folded']:.2%}，{cond['chars']} 字），"
                f"阅读顺序 {cond['reading_order']:.3f}，文章找到 {cond['articles_found']:.1%}，"
                f"标题正确 {cond['titles_right']:.1%}（共 {cond['articles_expected']} 篇；"
                f"渲染原文直接解析：{cond['ideal_articles_found']:.1%} / {cond['ideal_titles_right']:.1%}）"
            )
        if options["from_kept"] is not None:
            out.append(f"（由 {options['from_kept']} 中保存的 OCR 行重新评分：没有识别，不计耗时与内存）")
        else:
            out.append(f"每版 {wall:.1f} 秒（CPU {cpu:.1f} 秒），峰值内存 {report.peak_rss_mb:.0f} MB"
                       + (f"，子进程峰值 {report.child_peak_rss_mb:.0f} MB" if report.child_peak_rss_mb else ""))
        if report.rss_pages:
            rss = report.rss_pages
            out.append(f"连续 {len(rss)} 版后的内存：第 1 版 {rss[0]:.0f} MB，第 {len(rss) // 2 or 1} 版 "
                       f"{rss[len(rss) // 2 - 1 if len(rss) > 1 else 0]:.0f} MB，第 {len(rss)} 版 {rss[-1]:.0f} MB")
        if report.pages:
            passed = report.passed()
            out.append("达标：" + "，".join(f"{k} {'✓' if v else '✗'}（{BARS[k]}）" for k, v in passed.items()))
        self.stdout.write("\n".join(out))

    def _store(self, issues: list[tuple[str, str]], spec: PageSpec, options: dict) -> None:
        try:
            result = run_store_benchmark(
                texts=[text for _, text in issues], spec=spec, pages=options["pages"] or 22, seed=options["seed"],
                engine=options["engine"], report=self.stderr.write,
            )
        except BenchmarkError as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        rss = result["rss_mb_after_each_page"]
        self.stdout.write(
            f"导入 {result['pages']} 版（{result['issues']} 期，{options['paper']} {spec.dpi} dpi，{result['database']}）："
            f"每版 {result['seconds_per_page']} 秒（CPU {result['cpu_seconds_per_page']}），其中 OCR "
            f"{result['ocr_seconds_per_page']}、图像与瓦片 {result['files_seconds_per_page']}、数据库 "
            f"{result['database_seconds_per_page']}；内存第 1 版后 {rss[0] if rss else '-'} MB，"
            f"最后 {rss[-1] if rss else '-'} MB，峰值 {result['peak_rss_mb']} MB"
        )
        if result["failed"]:
            raise CommandError("导入失败：" + "；".join(result["failed"]))
