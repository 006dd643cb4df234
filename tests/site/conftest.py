import pytest

from tests.site.sample import make_sample_archive


@pytest.fixture
def archive(db):
    return make_sample_archive()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The home page caches archive statistics; every test starts from an empty cache."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
