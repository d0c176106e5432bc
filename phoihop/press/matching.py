"""Watch-list matching: which keyword of a list a press item's title and summary contain.

Pure functions, no database. The rules:

* Both sides are folded (`core.text.fold`): case and diacritics are ignored and đ/Đ is d,
  so "dat dai" finds "Đất đai", and "dak lak" and "Đắk Lắk" both find "Đắk Lắk".
* A keyword matches whole words only, and a phrase matches its words in a row:
  "dan" finds "dân" (the same word without diacritics) but not "đang" or "Dankook",
  "giai phong mat bang" finds "giải phóng mặt bằng" but not "giải phóng ... mặt bằng".
* Punctuation separates words like a space: "đất-đai" and "đất, đai" contain "đất đai".
"""

from __future__ import annotations

import re

from phoihop.core.text import fold

MAX_KEYWORDS = 200
MAX_KEYWORD_LENGTH = 255

_NON_WORD = re.compile(r"[\W_]+")


def normalise(text: str | None) -> str:
    """Folded words separated by single spaces, padded with a space at both ends."""
    words = _NON_WORD.sub(" ", fold(text)).split()
    return f" {' '.join(words)} " if words else ""


def keywords_of(text: str | None) -> list[str]:
    """The keywords of a list as typed, one per line: trimmed, empty lines and lines that
    fold to the same keyword dropped, in their order."""
    seen, result = set(), []
    for line in (text or "").splitlines():
        keyword = " ".join(line.split())
        key = normalise(keyword)
        if key and key not in seen:
            seen.add(key)
            result.append(keyword)
    return result


class Matcher:
    """The keywords of one list, folded once, matched against many texts."""

    def __init__(self, keywords: list[str]):
        self.keywords = [(keyword, normalise(keyword)) for keyword in keywords]
        self.keywords = [(keyword, key) for keyword, key in self.keywords if key]

    def first_match(self, *texts: str | None) -> str | None:
        """The first keyword (as typed) found in any of `texts` (each on its own: a phrase
        does not run from the end of a title into the summary), or None."""
        haystacks = [haystack for haystack in (normalise(text) for text in texts) if haystack]
        for keyword, key in self.keywords:
            if any(key in haystack for haystack in haystacks):
                return keyword
        return None


def first_match(keywords: list[str], *texts: str | None) -> str | None:
    return Matcher(keywords).first_match(*texts)
