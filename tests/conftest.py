import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test stores uploads in its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
