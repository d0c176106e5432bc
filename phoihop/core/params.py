"""Ids read from query strings and form posts outside a form field: ASCII digits only
(`"²".isdigit()` is true, yet `int("²")` fails) and within a database integer."""

DATABASE_INT_MAX = 2**63 - 1


def parse_id(value) -> int | None:
    """The positive id `value` spells, or None."""
    text = str(value or "").strip()
    if not text or not text.isascii() or not text.isdigit():
        return None
    number = int(text)
    return number if 0 < number <= DATABASE_INT_MAX else None
