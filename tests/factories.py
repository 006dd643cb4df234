"""factory_boy factories for the archive's models."""

import datetime as dt

import factory
from django.contrib.auth import get_user_model

from articles.models import Article, ArticlePerson, Issue, Photo, Tag
from people.models import Person, PersonAlias


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"editor{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.django.Password("correct-horse-battery")
    is_staff = True


class IssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Issue

    masthead = "荆州区新闻"
    issue_date = factory.Sequence(lambda n: dt.date(2025, 1, 1) + dt.timedelta(days=n))
    date_source = Issue.DateSourceChoices.MASTHEAD
    date_precision = Issue.PrecisionChoices.DAY
    source_name = factory.Sequence(lambda n: f"issue_{n:04d}.txt")
    content_hash = factory.Sequence(lambda n: f"{n:064x}")
    ocr_text = "荆州区新闻\n"


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"标签{n}")
    slug = factory.LazyAttribute(lambda t: t.name)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"王{'一二三四五六七八九十'[n % 10]}{'甲乙丙丁戊己庚辛壬癸'[n // 10 % 10]}")


class PersonAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonAlias

    person = factory.SubFactory(PersonFactory)
    name = factory.Sequence(lambda n: f"别名{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    issue = factory.SubFactory(IssueFactory)
    position = factory.Sequence(lambda n: n + 1)
    headline = factory.Sequence(lambda n: f"两区经济形势分析会召开之{n}")
    body = "本报讯（通讯员王思奇）近日，荆州区召开两区经济形势分析会议。\n\n会议强调，要推动经济持续健康发展。"
    ocr_text = factory.LazyAttribute(lambda a: a.body)
    date = factory.LazyAttribute(lambda a: a.issue.issue_date)
    is_published = True
    status = Article.Status.PUBLISHED


class ArticlePersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArticlePerson

    article = factory.SubFactory(ArticleFactory)
    person = factory.SubFactory(PersonFactory)
    role = ArticlePerson.Role.MENTIONED


class PhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Photo

    issue = factory.SubFactory(IssueFactory)
    position = factory.Sequence(lambda n: n + 1)
    caption = "荆州区组织开展防汛演练。（王芸 摄）"
