import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[3]


def test_passwords_are_hashed_with_argon2_outside_tests() -> None:
    from config.settings import base

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_production_settings_pass_the_deployment_checklist(tmp_path: Path) -> None:
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 64 + "production-like-secret-for-the-check",
        "FIELD_ENCRYPTION_KEY": "y" * 40,
        "ALLOWED_HOSTS": "home.example.gov.cn",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_default_language_is_simplified_chinese() -> None:
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert [code for code, _ in settings.LANGUAGES] == ["zh-hans", "en"]


def test_unknown_api_address_answers_json_404(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/api/v1/no-such-endpoint")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.django_db
def test_public_page_cache_is_invalidated_by_a_public_change(  # type: ignore[no-untyped-def]
    client, django_capture_on_commit_callbacks
) -> None:
    from returnee_home.core.cache import public_pages_changed

    assert client.get("/en/homes/")["X-Page-Cache"] == "miss"
    assert client.get("/en/homes/")["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        public_pages_changed()
    assert client.get("/en/homes/")["X-Page-Cache"] == "miss"
