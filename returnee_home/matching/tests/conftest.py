from typing import Any

import pytest

from returnee_home.orgs.tests.conftest import world  # noqa: F401  (the shared fixture)


@pytest.fixture(autouse=True)
def taxonomy(db: Any, settings: Any) -> Any:
    """The shipped taxonomy, and indexes that read every change at once."""
    from returnee_home.matching import engine
    from returnee_home.matching.taxonomy import load_taxonomy

    settings.MATCHING_SYNC_SECONDS = 0
    settings.MATCHING_CATCH_UP_SECONDS = 0
    load_taxonomy()
    engine.forget_indexes()
    yield
    engine.forget_indexes()


@pytest.fixture(autouse=True)
def _default_language() -> Any:
    from django.utils import translation

    with translation.override("zh-hans"):
        yield
