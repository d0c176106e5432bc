import pytest

from phoihop.core.params import parse_id


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12", 12),
        (" 7 ", 7),
        (5, 5),
        ("", None),
        (None, None),
        ("0", None),
        ("-3", None),
        ("²", None),
        ("١٢", None),
        ("12a", None),
        (str(2**63), None),
        (str(2**63 - 1), 2**63 - 1),
    ],
)
def test_parse_id(value, expected):
    assert parse_id(value) == expected
