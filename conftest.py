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
    from returnee_home.matching.taxonomy import forget_taxonomy

    cache.clear()
    forget_local_pages()
    # Each test has its own database: a taxonomy built from another test's rows is stale.
    forget_taxonomy()


def _used_transactional_db(item: Any) -> bool:
    marker = item.get_closest_marker("django_db")
    names = set(getattr(item, "fixturenames", ()))
    return bool(
        names & {"transactional_db", "live_server"}
        or (marker is not None and marker.kwargs.get("transaction"))
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: Any, nextitem: Any) -> Any:
    """A transactional test ends by emptying every table; put the reference data back so that
    the tests after it on the same worker find the database as a deployment has it."""
    yield
    # After the last test the session's teardown has already dropped the test database.
    if nextitem is not None and _used_transactional_db(item):
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            call_command("load_reference", verbosity=0)
