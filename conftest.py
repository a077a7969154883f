"""Shared pytest fixtures, chained the way the domain is: city → Home → staff → signed-in client."""

from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    """Every test database starts with the shipped reference data, as a deployment does."""
    with django_db_blocker.unblock():
        call_command("load_reference", verbosity=0)


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    from django.conf import settings

    on_postgres = "postgresql" in settings.DATABASES["default"]["ENGINE"]
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL (run by `make test` with DATABASE_URL)")
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(skip_pg)


@pytest.fixture
def on_postgres() -> bool:
    return connection.vendor == "postgresql"


@pytest.fixture(autouse=True)
def _clean_sms_outbox() -> None:
    from returnee_home.accounts.sms import OutboxSmsBackend

    OutboxSmsBackend.outbox.clear()


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    from django.core.cache import cache

    from returnee_home.core.cache import forget_local_pages

    cache.clear()
    forget_local_pages()
