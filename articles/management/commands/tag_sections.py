from django.core.management.base import BaseCommand

from articles.desk.editing.bulk import tag_by_section
from articles.models import Article


class Command(BaseCommand):
    help = (
        "按栏目生成标签：每篇文章以其印刷的栏目名（如“乡村振兴”）为标签，读者可按栏目跨期浏览。"
        "可重复运行；与后台“由栏目生成标签”操作相同。"
    )

    def handle(self, *args, **options) -> None:
        ids = Article.objects.exclude(section="").values_list("pk", flat=True)
        tagged = tag_by_section(article_ids=ids, user=None)
        if not tagged:
            self.stdout.write("没有带栏目的文章。")
        for label, count in tagged.items():
            self.stdout.write(f"{label}：{count} 篇")
