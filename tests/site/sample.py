import datetime as dt

from articles.models import ArticlePerson
from tests.factories import (
    ArticleFactory,
    ArticlePersonFactory,
    IssueFactory,
    PersonAliasFactory,
    PersonFactory,
    PhotoFactory,
    TagFactory,
)


def make_sample_archive() -> dict:
    """A small public archive across two years, with one draft that must never show."""
    issue_2024 = IssueFactory(issue_date=dt.date(2024, 12, 20), number="第100期")
    issue_2025 = IssueFactory(issue_date=dt.date(2025, 5, 12), number="第101期", lunar_date="乙巳年四月十五")
    wang = PersonFactory(name="王思奇")
    zhu = PersonFactory(name="朱翊")
    yun = PersonFactory(name="王芸")
    PersonAliasFactory(person=zhu, name="朱翎")
    economy_tag = TagFactory(name="经济", slug="经济")
    flood_tag = TagFactory(name="防汛", slug="防汛")

    economy = ArticleFactory(
        issue=issue_2025,
        position=1,
        kicker="聚焦高质量发展",
        headline="两区经济形势分析会召开",
        section="要闻",
        body="本报讯（通讯员王思奇）5月11日，荆州区召开两区经济形势分析会。\n\n区委书记朱翊出席会议并讲话。",
    )
    economy.tags.add(economy_tag)
    ArticlePersonFactory(article=economy, person=wang, role=ArticlePerson.Role.CORRESPONDENT, title="通讯员")
    ArticlePersonFactory(article=economy, person=zhu, role=ArticlePerson.Role.MENTIONED, title="区委书记")

    flood = ArticleFactory(
        issue=issue_2025,
        position=2,
        headline="荆州区开展防汛演练",
        section="要闻",
        body="5月11日上午，全区组织开展防汛应急演练，推动经济社会安全发展。",
    )
    flood.tags.add(flood_tag)
    ArticlePersonFactory(article=flood, person=zhu, role=ArticlePerson.Role.MENTIONED, title="区长")
    ArticlePersonFactory(article=flood, person=yun, role=ArticlePerson.Role.PHOTOGRAPHER)
    photo = PhotoFactory(issue=issue_2025, article=flood, caption="防汛演练现场。（王芸 摄）")
    photo.photographers.add(yun)

    old = ArticleFactory(
        issue=issue_2024,
        position=1,
        headline="冬季农田水利建设启动",
        section="乡村振兴",
        body="各乡镇冬修水利，经济作物种植面积扩大。",
    )
    old.tags.add(economy_tag)
    ArticlePersonFactory(article=old, person=wang, role=ArticlePerson.Role.CORRESPONDENT, title="记者")

    secret_person = PersonFactory(name="秘密人物")
    secret_tag = TagFactory(name="内部", slug="内部")
    draft_issue = IssueFactory(issue_date=dt.date(2025, 6, 1))
    draft = ArticleFactory(
        issue=draft_issue,
        position=1,
        headline="草稿经济新闻",
        section="内部栏目",
        body="尚未公开的经济稿件。",
        is_published=False,
        status="corrected",
    )
    draft.tags.add(secret_tag)
    ArticlePersonFactory(article=draft, person=secret_person, role=ArticlePerson.Role.CORRESPONDENT)
    draft_photo = PhotoFactory(issue=draft_issue, article=draft, caption="未公开的图片说明")
    draft_photo.photographers.add(secret_person)
    return {
        "issue_2024": issue_2024,
        "issue_2025": issue_2025,
        "draft_issue": draft_issue,
        "economy": economy,
        "flood": flood,
        "old": old,
        "draft": draft,
        "wang": wang,
        "zhu": zhu,
        "yun": yun,
        "secret_person": secret_person,
        "economy_tag": economy_tag,
        "flood_tag": flood_tag,
        "secret_tag": secret_tag,
        "photo": photo,
    }
