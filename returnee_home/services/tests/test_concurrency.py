"""Case numbers under concurrent submissions (PostgreSQL: real row locks)."""

import threading
from typing import Any

import pytest
from django.db import connection

from returnee_home.services import actions
from returnee_home.services.models import ServiceRequest
from returnee_home.services.tests.conftest import pdf


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_get_distinct_sequential_numbers(svc: dict[str, Any]) -> None:
    talent, item, home, material = (
        svc["people"]["talent"],
        svc["item"],
        svc["home"],
        svc["required"],
    )
    barrier = threading.Barrier(8)
    errors: list[BaseException] = []

    def submit() -> None:
        try:
            barrier.wait()
            actions.request_create(
                applicant=talent, item=item, home=home, files={material.pk: pdf()}
            )
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    numbers = sorted(ServiceRequest.objects.values_list("case_number", flat=True))
    assert [n[-4:] for n in numbers] == [f"{i:04d}" for i in range(1, 9)]
