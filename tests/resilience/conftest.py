import pytest

from core import resilience


@pytest.fixture(autouse=True)
def closed_breaker():
    """Each test starts with the database breaker closed (it is per process)."""
    resilience.breaker.reset()
    yield
    resilience.breaker.reset()


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
