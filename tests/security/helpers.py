"""Users for the security tests."""

from django.contrib.auth.models import Group, User

PASSWORD = "a-long-test-password"


def staff_user(role: str | None, username: str | None = None, password: str = PASSWORD) -> User:
    """A staff member in `role` (a group name), or a superuser when role is "superuser"."""
    name = username or (role or "staff").lower().replace(" ", "_")
    if role == "superuser":
        return User.objects.create_superuser(name, f"{name}@news.example", password)
    user = User.objects.create_user(name, password=password, is_staff=True)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user
