import shutil
from pathlib import Path

import pytest

# Plain paths, so the Django-free parser tests can share this conftest without settings.
REPO_DIR = Path(__file__).resolve().parent.parent
SEEDS_DIR = REPO_DIR / "seeds"


@pytest.fixture
def seed_paths() -> list[Path]:
    return sorted(SEEDS_DIR.glob("*.txt"))


@pytest.fixture
def seed_copy(tmp_path: Path, seed_paths: list[Path]) -> list[Path]:
    """The seeds copied to a temporary folder, so a test may change them."""
    copies = []
    for path in seed_paths:
        target = tmp_path / path.name
        shutil.copyfile(path, target)
        copies.append(target)
    return copies


@pytest.fixture
def issue(db):
    from tests.factories import IssueFactory

    return IssueFactory()


@pytest.fixture
def article(db):
    from tests.factories import ArticleFactory

    return ArticleFactory()


@pytest.fixture
def person(db):
    from tests.factories import PersonFactory

    return PersonFactory()


@pytest.fixture
def staff_user(db):
    from tests.factories import UserFactory

    return UserFactory(username="staff", is_staff=True)


@pytest.fixture
def superuser(db):
    from tests.factories import UserFactory

    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture(autouse=True, scope="session")
def _clean_test_media():
    yield
    shutil.rmtree(REPO_DIR / ".test-media", ignore_errors=True)
