"""The editors' admin, one module a part; Django's autodiscovery imports this package, which registers them all."""

from editorial import users_admin  # noqa: F401  (registers the accounts' admin: chief editors manage accounts)
from editorial.admin import articles, digests, front_page, glossary, inbox, jobs, library, taxonomy  # noqa: F401  (each registers its admins)
