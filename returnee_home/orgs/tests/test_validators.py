import pytest
from django.core.exceptions import ValidationError

from returnee_home.orgs.validators import credit_code_check_character, normalize_credit_code


def valid_code(body: str = "91320100MA1P2Q3R4") -> str:
    return body + credit_code_check_character(body)


def test_published_code_is_valid() -> None:
    assert normalize_credit_code("91350100M000100Y43") == "91350100M000100Y43"


def test_lower_case_and_spaces_are_normalised() -> None:
    code = valid_code()
    assert normalize_credit_code(" " + code.lower()[:9] + " " + code.lower()[9:]) == code


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("91350100M000100Y4", "credit_code_length"),
        ("91350100M000100Y4I", "credit_code_charset"),
        ("9135A100M000100Y43", "credit_code_division"),
        ("91350100M000100Y44", "credit_code_checksum"),
    ],
)
def test_bad_codes_are_refused_with_a_reason(value: str, code: str) -> None:
    with pytest.raises(ValidationError) as info:
        normalize_credit_code(value)
    assert info.value.code == code


def test_every_single_character_change_is_caught() -> None:
    code = valid_code()
    changed = code[:5] + ("1" if code[5] != "1" else "2") + code[6:]
    with pytest.raises(ValidationError):
        normalize_credit_code(changed)
