"""Marks around the words found, in the ORIGINAL text with its diacritics.

Matching happens on folded text (`core.text.fold_with_offsets` gives, for each folded
character, where it came from), so "dat dai" marks "đất đai" and "dak la" marks "Đắk
Lắk" whole. Everything else is HTML-escaped; the result is safe to render as is.
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from phoihop.core.text import fold_with_offsets

SNIPPET_BEFORE = 80  # characters of context before the first word found
SNIPPET_LENGTH = 260
SCAN_CHUNK = 4000  # characters folded at a time while looking for the first word found


def _is_word_char(char: str) -> bool:
    return (char.isalnum() and char != "_") or unicodedata.combining(char) > 0


class Highlighter:
    def __init__(self, terms: list[str]):
        self.terms = terms
        if not terms:
            self.pattern = None
            return
        whole = "|".join(re.escape(term) for term in terms[:-1])
        prefix = re.escape(terms[-1])
        body = f"(?:{whole})(?![^\\W_])|{prefix}" if whole else prefix
        self.pattern = re.compile(f"(?<![^\\W_])(?:{body})")

    def _spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) in `text` of each word found, merged, in order."""
        if self.pattern is None or not text:
            return []
        folded, offsets = fold_with_offsets(text)
        spans: list[tuple[int, int]] = []
        for match in self.pattern.finditer(folded):
            start, end = offsets[match.start()], offsets[match.end() - 1] + 1
            while end < len(text) and _is_word_char(text[end]):  # the rest of the word, its marks
                end += 1
            if spans and start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
            else:
                spans.append((start, end))
        return spans

    def mark(self, text: str) -> SafeString:
        """`text` escaped, the words found wrapped in <mark>."""
        parts, position = [], 0
        for start, end in self._spans(text):
            parts.append(escape(text[position:start]))
            parts.append(f"<mark>{escape(text[start:end])}</mark>")
            position = end
        parts.append(escape(text[position:]))
        return mark_safe("".join(parts))  # noqa: S308 — every piece escaped above

    def _first_match(self, text: str, start_hint: int) -> int | None:
        """Index in `text` of the first word found at or after `start_hint` (then before
        it), folding SCAN_CHUNK characters at a time."""
        if self.pattern is None:
            return None
        for begin, stop in ((start_hint, len(text)), (0, min(start_hint + SCAN_CHUNK, len(text)))):
            position = begin
            while position < stop:
                chunk_end = min(position + SCAN_CHUNK, len(text))
                # Start the chunk at a word boundary, so no word is matched from its middle.
                while position > 0 and position < chunk_end and _is_word_char(text[position - 1]):
                    position -= 1
                spans = self._spans(text[position:chunk_end])
                if spans:
                    return position + spans[0][0]
                position = chunk_end - 64 if chunk_end < len(text) else chunk_end  # overlap: a word cut at the edge
        return None

    def snippet(self, text: str, *, folded_hint: str = "", title_words: int = 0) -> SafeString:
        """A piece of `text` around the first word found, marked; its beginning if no word
        is found in it (the record matched by its title)."""
        if not text:
            return mark_safe("")  # noqa: S308
        hint = 0
        if folded_hint and self.pattern is not None:
            words = folded_hint.split(" ")[title_words:]
            match = self.pattern.search(" ".join(words))
            if match is None:
                return self._window(text, 0)
            hint = max(0, match.start() - SNIPPET_BEFORE)  # folded words are hardly ever longer than the original
        first = self._first_match(text, hint)
        return self._window(text, max(0, first - SNIPPET_BEFORE) if first is not None else 0)

    def _window(self, text: str, start: int) -> SafeString:
        end = min(len(text), start + SNIPPET_LENGTH)
        while start > 0 and not text[start - 1].isspace() and start > end - SNIPPET_LENGTH - 20:
            start -= 1  # back to the start of a word
        while end < len(text) and not text[end].isspace() and end < start + SNIPPET_LENGTH + 20:
            end += 1  # on to the end of a word
        piece = " ".join(text[start:end].split())
        marked = self.mark(piece)
        before = "… " if start > 0 else ""
        after = " …" if end < len(text) else ""
        return mark_safe(f"{before}{marked}{after}")  # noqa: S308 — `marked` is escaped
