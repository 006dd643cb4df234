import pytest

from tests.site.sample import make_sample_archive


@pytest.fixture
def archive(db):
    return make_sample_archive()
