import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test stores uploads in its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def empty_cache():
    """Cached pages from one test must not answer another (Redis outlives the test process)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
