import pytest

from core import resilience


@pytest.fixture(autouse=True)
def closed_breaker():
    """Each test starts with the database breaker closed (it is per process)."""
    resilience.breaker.reset()
    yield
    resilience.breaker.reset()

