"""Vietnamese text: the one place where text is folded for search and keyed for sorting.

`fold` is what search compares: "TUYÊN GIÁO", "tuyen giao" and "Tuyên  giáo" all fold to
"tuyen giao", and unlike Unicode decomposition alone it maps đ/Đ to d ("dak lak" finds
"Đắk Lắk"). Stored folded columns and queries both go through it, so SQLite and
PostgreSQL behave the same.

`sort_key` orders strings the way a Vietnamese dictionary does: letters first in the
alphabet a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, then tones
(none, huyền, hỏi, ngã, sắc, nặng) to break ties. The key is a string of digits so a
database orders it correctly under any collation.
"""

from __future__ import annotations

import re
import unicodedata

_WHITESPACE = re.compile(r"\s+")
_COMBINING_TONES = {
    "\u0300": 1,  # huyền (grave)
    "\u0309": 2,  # hỏi (hook above)
    "\u0303": 3,  # ngã (tilde)
    "\u0301": 4,  # sắc (acute)
    "\u0323": 5,  # nặng (dot below)
}
# Marks that make a different letter, not a tone: ă (breve), â ê ô (circumflex), ơ ư (horn).
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}

ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
_RANK = {letter: index for index, letter in enumerate(ALPHABET)}
_OTHER = 99


def fold(text: str | None) -> str:
    """Lower-case, strip diacritics (đ → d), collapse whitespace."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _WHITESPACE.sub(" ", stripped.casefold()).strip()


def fold_words(text: str | None) -> list[str]:
    """The folded words of a search query, in order, without empties."""
    return [word for word in fold(text).split(" ") if word]


def _letters_and_tones(text: str) -> list[tuple[str, int]]:
    """Split text into (base letter with its letter marks, tone) pairs."""
    result: list[tuple[str, int]] = []
    for char in unicodedata.normalize("NFC", text.casefold()):
        decomposed = unicodedata.normalize("NFD", char)
        base, tone, marks = decomposed[0], 0, ""
        for mark in decomposed[1:]:
            if mark in _COMBINING_TONES:
                tone = _COMBINING_TONES[mark]
            elif mark in _LETTER_MARKS:
                marks += mark
        result.append((unicodedata.normalize("NFC", base + marks), tone))
    return result


def _rank(letter: str) -> int:
    if letter in _RANK:
        return _RANK[letter] + 20
    if letter.isspace():
        return 1  # above the 00 that ends the letters, so "Ban" sorts before "Ban A"
    if letter in "0123456789":
        return 10 + int(letter)
    return _OTHER if letter.isalnum() else 2


def sort_key(text: str | None) -> str:
    """A digits-only key that sorts `text` in Vietnamese dictionary order."""
    pairs = _letters_and_tones(_WHITESPACE.sub(" ", (text or "").strip()))
    primary = "".join(f"{_rank(letter):02d}" for letter, _ in pairs)
    tones = "".join(str(tone) for _, tone in pairs)
    return f"{primary}00{tones}"


def vi_sorted(items, key=lambda item: str(item)):
    """Sort Python objects in Vietnamese order (for short in-memory lists)."""
    return sorted(items, key=lambda item: sort_key(key(item)))


# --- full-text search: tokens and the way back to the original text ---------------------

_TOKEN = re.compile(r"[^\W_]+")


def fold_tokens(text: str | None) -> list[str]:
    """The folded words of `text` as the full-text indexes split them: runs of letters and
    digits, everything else a separator ("05-CTr/BTGTU" → ["05", "ctr", "btgtu"]). Stored
    columns and queries both go through it, so FTS5 and PostgreSQL see the same words and
    no punctuation of a query ever reaches a full-text expression."""
    return _TOKEN.findall(fold(text))


def _fold_char(char: str) -> str:
    if char in "đĐ":
        return "d"
    decomposed = unicodedata.normalize("NFD", char)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def fold_with_offsets(text: str | None) -> tuple[str, list[int]]:
    """`fold(text)` and, for each of its characters, the index in `text` of the character
    it came from — how a match found in folded text is marked in the original, with its
    diacritics ("dat dai" found in "đất đai": the marks go around "đất đai")."""
    if not text:
        return "", []
    chars: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        for folded in _fold_char(char):
            if folded.isspace():
                if not chars or chars[-1] == " ":
                    continue  # collapse runs of whitespace, drop it at the start
                folded = " "
            chars.append(folded)
            offsets.append(index)
    if chars and chars[-1] == " ":
        chars.pop()
        offsets.pop()
    return "".join(chars), offsets
