import pytest
from django.core.exceptions import ValidationError

from returnee_home.accounts.validators import (
    mask_number,
    resident_id_check_digit,
    validate_passport,
    validate_resident_id,
)


def test_valid_resident_id_with_x_checksum_is_accepted_and_normalised() -> None:
    assert validate_resident_id("110105 19491231 002x") == "11010519491231002X"


def test_check_digit_is_computed_by_gb_11643() -> None:
    assert resident_id_check_digit("32010219900101123") == "2"
    assert validate_resident_id("320102199001011232") == "320102199001011232"


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("320102199001011234", "id_checksum"),  # last digit should be 2
        ("32010219900101123", "id_format"),  # 17 characters
        ("3201021990010112A2", "id_format"),  # letter inside
        ("990102199001011232", "id_region"),  # no province 99
        ("320102199002301235", "id_birth_date"),  # 30 February
        ("320102209901011234", "id_birth_date"),  # born in 2099
    ],
)
def test_invalid_resident_ids_are_refused_with_the_reason(number: str, code: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validate_resident_id(number)
    assert caught.value.code == code


@pytest.mark.parametrize("number", ["E12345678", "EA1234567", "G12345678", "e 1234 5678"])
def test_chinese_passport_formats(number: str) -> None:
    assert validate_passport(number, nationality_code="CN")


@pytest.mark.parametrize("number", ["E1234567", "EI1234567", "P12345678", "123456789"])
def test_chinese_passport_bad_formats(number: str) -> None:
    with pytest.raises(ValidationError):
        validate_passport(number, nationality_code="CN")


@pytest.mark.parametrize(
    ("number", "ok"),
    [
        ("123456789", True),
        ("AB12345", True),
        ("AB1", False),
        ("AB12345678", False),
        ("AB-12$45", False),
    ],
)
def test_foreign_passport_formats(number: str, ok: bool) -> None:
    if ok:
        assert validate_passport(number, nationality_code="GB")
    else:
        with pytest.raises(ValidationError):
            validate_passport(number, nationality_code="GB")


def test_masks() -> None:
    assert mask_number("32010219900101123X") == "3201**********123X"
    assert mask_number("E12345678") == "E*****678"
