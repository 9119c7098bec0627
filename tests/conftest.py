import pytest
from PIL import ImageFile


@pytest.fixture(scope="session")
def django_db_modify_db_settings(request, tmp_path_factory, django_db_modify_db_settings_parallel_suffix):
    """With worker tests in the run, the SQLite test database is a file, which a worker process can open too."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    wanted = any(item.get_closest_marker("worker") for item in request.session.items)
    if wanted and database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("database") / "test.sqlite3")


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Accounts are made and signed in to all through the suite; the production hasher takes a third of a second.

    The production hashers stay listed after it, so a password hashed by them still checks.
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *settings.PASSWORD_HASHERS]


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


@pytest.fixture(autouse=True)
def role_groups(request):
    """The role groups the migrations create, made again when a live-server test's flush removed them.

    pytest-django runs transactional tests (live_server) before the database tests it
    does not recognise as such, and the flush after each one deletes rows that data
    migrations made; a serialized rollback cannot always put them back.
    """
    if not request.node.get_closest_marker("django_db"):
        return
    request.getfixturevalue("_django_db_helper")
    from django.apps import apps
    from django.contrib.auth.models import Group

    from articles import roles

    if Group.objects.filter(name__in=roles.ROLES).count() < len(roles.ROLES):
        roles.sync_groups(apps)


@pytest.fixture
def editor(client):
    """A signed-in member of the Editor group (the client is logged in as them)."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user("editor", password="pw-for-tests-only", is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    client.force_login(user)
    return user


@pytest.fixture
def decoded_images(monkeypatch):
    """The sizes of the images whose pixels Pillow decodes during the test (it still decodes them).

    "Refused from its header" is checked on what is decoded, not on how long it took.
    """
    sizes = []
    load = ImageFile.ImageFile.load

    def counted_load(image):
        sizes.append(image.size)
        return load(image)

    monkeypatch.setattr(ImageFile.ImageFile, "load", counted_load)
    return sizes


def pytest_collection_modifyitems(config, items):
    """Browser tests last: they share the test database with a live server thread, and run slowest."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
