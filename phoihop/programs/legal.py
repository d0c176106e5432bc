"""Vietnamese legal citations: the ways documents are cited, turned into structured references.

A programme's legal bases (*căn cứ*) cite documents in three shapes:

* **Party style** (Hướng dẫn 36-HD/VPTW): ``number-TYPE/ISSUER`` —
  "Quyết định số 238-QĐ/TW, ngày 30/9/2020 của Ban Bí thư (khóa XII)".
* **State style** (Nghị định 30/2020/NĐ-CP): ``number/year/TYPE-ISSUER`` for normative documents,
  ``number/TYPE-ISSUER`` for the others — "Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ",
  "Kế hoạch số 12/KH-UBND". Laws and resolutions of the National Assembly carry no type code
  ("202/2025/QH15"); nor does a state *công văn*, whose symbol is issuer and drafting unit
  ("1234/UBND-KGVX").
* **By name** — "Luật Báo chí 2016", "Hiến pháp năm 2013",
  "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng".

and a fourth, incomplete one seen in the seeds, **number only** — "Quy chế số 238 của Ban Bí thư".

`parse_citation` reads one citation (the whole string must be a citation) and `find_citations`
picks every citation out of running text. Both normalise what they read, so that parsing the
canonical text gives back the very same `Citation` (``parse(c.canonical()) == c``).

Canonical rules (`Citation.canonical`):

* ``<Type> [<name>] số <symbol>[, ]ngày <date> của <body> (<term>) về <title>`` — a comma before
  "ngày" in Party style and for a bare number (as the Party writes it), none in State style
  (as Nghị định 30/2020/NĐ-CP writes it).
* Dates follow the rule both the Party (Hướng dẫn 36-HD/VPTW) and the State (Nghị định
  30/2020/NĐ-CP, Phụ lục I) apply to document dates: a day below 10 and the months 1 and 2 take
  a leading zero, the other months do not — "05/3/2020", "26/01/2021", "30/9/2020". This is how
  every date in the seeds and in the issue is written, so their citations are already canonical.
  (Pages still show bare dates as dd/mm/yyyy; this rule is for citation text only.)
* Codes are written the proper Vietnamese way: "QĐ", "NĐ", "CTr", "QyĐ", "TTr", "ĐA"; a missing
  slash is restored ("238-QĐTW" → "238-QĐ/TW"); an all-lower-case issuer is upper-cased.
* Terms are "khóa" + Roman numerals ("khoá 12" → "khóa XII") in parentheses, or
  ", nhiệm kỳ 2020 - 2025" after a congress resolution.
* Documents cited by name take "năm": "Luật Báo chí năm 2016", "Hiến pháp năm 2013". For laws,
  codes, ordinances, the Constitution and the Party Statute the name is the title and comes
  straight after the type even when a symbol follows ("Luật Báo chí số 103/2016/QH13"); they take
  no "về …" subject. A named resolution keeps its subject after its name:
  title "Trung ương 4 về …" → "Nghị quyết Trung ương 4 (khóa XII) về …".
* A few issuing bodies have a canonical spelling: "Ban Bí thư Trung ương Đảng" → "Ban Bí thư",
  "Thủ tướng" → "Thủ tướng Chính phủ" (see `_BODY_ALIASES`); the others are kept as written.
* A subject introduced by "về" / "về việc" is kept without it; one introduced by a verb that
  opens a title ("ban hành", "phê duyệt", "quy định", "hướng dẫn", "sửa đổi") is kept with the
  verb and rendered without "về"; so "về việc ban hành Quy chế" becomes "ban hành Quy chế".
  Surrounding quotes are dropped.

What is accepted: the type word in any case and with or without diacritics ("quyết định",
"QUYẾT ĐỊNH", "Quyet dinh"); "số", "Số:" or nothing before the symbol; spaces and any dash
(-, –, —) inside the symbol; "QD", "Qđ", "QĐ" alike; dates as d/m/yyyy, d-m-yyyy, d.m.yyyy or
"ngày 30 tháng 9 năm 2020", with or without a comma before "ngày", before or after "của …";
"(khóa XII)", "khóa XII", "khoá XII", "(khóa 12)"; "của Ban Bí thư Trung ương Đảng"; a trailing
"về …"; old-style tone marks ("Tỉnh uỷ", "khoá" → "Tỉnh ủy", "khóa"). `parse_citation` also reads
a bare symbol ("238-QĐ/TW", "Số: 30/2020/NĐ-CP") and infers the type from the code.

What is refused (`CitationError`, a `ValueError` with a Vietnamese message): an empty text, a
text that does not start with a known document type or a symbol, a type with neither number nor
name ("Quyết định", "Quyết định số"), a type with only a lower-case description ("Kế hoạch thực
hiện chương trình"), a symbol that is not a symbol ("12/3/2021"), a code that is not the type's
("Quyết định số 35-NQ/TW") or is unknown ("238-XY/TW"), a symbol without issuer ("64/QĐ"), an
impossible date (31/02/2021), a year outside 1900–2100, a year in the symbol (or the name) that
differs from the date's, an invalid term ("khóa ABC"), a bare symbol without a type code
("1234/UBND-KGVX": say "Công văn số …"), a text over 2,000 characters, and unexplained text after
the citation (including "về …" after a law).

`find_citations` is stricter about what starts a citation, because running text is full of
"nghị quyết", "quy định" and "pháp luật" that cite nothing: it wants a number ("số 238" or a
symbol), a law's name followed by its year or number, or a Party resolution named after its
congress or plenum ("Nghị quyết Đại hội … lần thứ XIII", "Nghị quyết Trung ương 4"). It keeps
the issuing body to words that can belong to an organisation's name, and ends a subject at the
end of the sentence, or at the first comma after a citation nested inside it.
"""

from __future__ import annotations

import datetime
import enum
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from phoihop.core.text import fold

__all__ = [
    "Citation",
    "CitationError",
    "CitationStyle",
    "DocumentType",
    "find_citations",
    "format_citation_date",
    "parse_citation",
]

MAX_LENGTH = 2000
MIN_YEAR = 1900
MAX_YEAR = 2100


class CitationError(ValueError):
    """A text that cannot be read as a citation; the message is Vietnamese, for the user."""


class CitationStyle(enum.StrEnum):
    PARTY = "party"  # 238-QĐ/TW
    STATE = "state"  # 30/2020/NĐ-CP, 12/KH-UBND, 202/2025/QH15
    NAME = "name"  # Luật Báo chí 2016, Nghị quyết Đại hội … lần thứ XIII
    NUMBER = "number"  # Quy chế số 238 (number without type code or issuer)


class DocumentType(enum.StrEnum):
    """Kinds of document. The value is a stable ASCII key (for storage); `label` is the Vietnamese
    name, `party_codes` / `state_codes` the abbreviations used in symbols, the first being the
    proper one. Two types may share a code (Quyết định and Quy định both write "QĐ" in Party
    symbols); the first type listed wins when only the code is known.
    """

    label: str
    party_codes: tuple[str, ...]
    state_codes: tuple[str, ...]
    law_like: bool

    def __new__(
        cls,
        value: str,
        label: str,
        party_codes: tuple[str, ...] = (),
        state_codes: tuple[str, ...] = (),
        law_like: bool = False,
    ):
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        member.party_codes = party_codes
        member.state_codes = state_codes
        member.law_like = law_like
        return member

    QD = "QD", "Quyết định", ("QĐ",), ("QĐ",)
    QYD = "QYD", "Quy định", ("QĐ",), ("QyĐ", "QĐ")
    NQ = "NQ", "Nghị quyết", ("NQ",), ("NQ",)
    NQLT = "NQLT", "Nghị quyết liên tịch", ("NQLT",), ("NQLT",)
    CT = "CT", "Chỉ thị", ("CT",), ("CT",)
    KL = "KL", "Kết luận", ("KL",), ("KL",)
    HD = "HD", "Hướng dẫn", ("HD",), ("HD",)
    QC = "QC", "Quy chế", ("QC",), ("QC",)
    QCPH = "QCPH", "Quy chế phối hợp", ("QC", "QCPH"), ("QC", "QCPH")
    CTR = "CTR", "Chương trình", ("CTr",), ("CTr",)
    CTRHD = "CTRHD", "Chương trình hành động", ("CTr", "CTrHĐ"), ("CTr", "CTrHĐ")
    CTRPH = "CTRPH", "Chương trình phối hợp", ("CTr", "CTrPH"), ("CTr", "CTrPH")
    KH = "KH", "Kế hoạch", ("KH",), ("KH",)
    KHPH = "KHPH", "Kế hoạch phối hợp", ("KH", "KHPH"), ("KH", "KHPH")
    TB = "TB", "Thông báo", ("TB",), ("TB",)
    TBKL = "TBKL", "Thông báo kết luận", ("TB",), ("TB",)
    TTRI = "TTRI", "Thông tri", ("TT",), ()
    BC = "BC", "Báo cáo", ("BC",), ("BC",)
    CV = "CV", "Công văn", ("CV",), ("CV",)
    CD = "CD", "Công điện", ("CĐ",), ("CĐ",)
    TTR = "TTR", "Tờ trình", ("TTr",), ("TTr",)
    DA = "DA", "Đề án", ("ĐA",), ("ĐA",)
    PA = "PA", "Phương án", ("PA",), ("PA",)
    ND = "ND", "Nghị định", (), ("NĐ",)
    TT = "TT", "Thông tư", (), ("TT",)
    TTLT = "TTLT", "Thông tư liên tịch", (), ("TTLT",)
    L = "L", "Luật", (), (), True
    BL = "BL", "Bộ luật", (), (), True
    PL = "PL", "Pháp lệnh", (), (), True
    HP = "HP", "Hiến pháp", (), (), True
    DL = "DL", "Điều lệ", (), (), True

    @property
    def codes(self) -> tuple[str, ...]:
        """Every code this type may carry in a symbol, Party codes first."""
        return tuple(dict.fromkeys(self.party_codes + self.state_codes))

    @classmethod
    def from_label(cls, label: str) -> DocumentType:
        """The type named `label` ("Quyết định", "quyet dinh"); KeyError when there is none."""
        return _TYPE_BY_FOLD[fold(label)]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(member.value, member.label) for member in cls]


_TYPE_BY_FOLD = {fold(member.label): member for member in DocumentType}
_CODE_BY_FOLD: dict[str, str] = {}
for _member in DocumentType:
    for _code in _member.codes:
        _CODE_BY_FOLD.setdefault(fold(_code).upper(), _code)

# Issuing bodies with a canonical spelling, keyed by their folded form.
_BODY_ALIASES = {
    "ban bi thu": "Ban Bí thư",
    "ban bi thu trung uong": "Ban Bí thư",
    "ban bi thu trung uong dang": "Ban Bí thư",
    "bo chinh tri": "Bộ Chính trị",
    "ban chap hanh trung uong": "Ban Chấp hành Trung ương",
    "ban chap hanh trung uong dang": "Ban Chấp hành Trung ương",
    "bch trung uong": "Ban Chấp hành Trung ương",
    "bch trung uong dang": "Ban Chấp hành Trung ương",
    "thu tuong": "Thủ tướng Chính phủ",
    "thu tuong chinh phu": "Thủ tướng Chính phủ",
    "chinh phu": "Chính phủ",
    "quoc hoi": "Quốc hội",
    "ban tuyen giao trung uong": "Ban Tuyên giáo Trung ương",
    "van phong trung uong dang": "Văn phòng Trung ương Đảng",
}

# Verbs that open a subject without "về" ("… của Thủ tướng Chính phủ phê duyệt Đề án …").
# ("về thực hiện …", "về triển khai …" keep their "về": those verbs are not on the list.)
_SUBJECT_VERBS = ("ban hành", "phê duyệt", "quy định", "hướng dẫn", "sửa đổi")
# In running text only the unmistakable ones.
_SUBJECT_VERBS_IN_TEXT = ("ban hành", "phê duyệt")

# Lower-case words that may continue an organisation's name in running text
# ("Ủy ban nhân dân tỉnh", "Sở Nông nghiệp và Phát triển nông thôn").
_BODY_WORDS = frozenset(
    """nhân dân tỉnh thành phố huyện quận thị xã phường trấn và ủy ban thường vụ trực chấp hành chính trị phủ
    tướng thư giáo vận đồng hội quốc gia trung ương đảng nông nghiệp thôn phát triển an ninh tin truyền thông
    nội ngoại tư pháp kiểm sát tòa án tối cao mặt trận tổ chức liên hiệp phụ nữ cựu chiến binh thanh niên
    cộng sản công đoàn lao động thương tế dục đào tạo khoa học nghệ tài nguyên môi trường văn hóa thể thao du
    lịch giao tải xây dựng kế hoạch đầu tư phòng tra tuyên tộc tôn báo chí nhà nước cơ quan khối doanh
    biên đạo bộ cấp sở chỉ nghị lần thứ nhất hai ba tư sáu bảy tám chín mười mươi""".split()
)
# Of those, the ones that cannot end a name ("Bộ Chính trị và các …" keeps "Bộ Chính trị").
_BODY_WORDS_OPEN = frozenset(
    """và ban nhân thành thị chấp thường trung liên mặt cộng lao kế đầu xây giao thể du tài môi phát biên
    kiểm tòa tối đào nhà cơ lần thứ công tổ tư""".split()
)


# --------------------------------------------------------------------------------------------------
# Text normalisation and regular expressions


_DASHES = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\ufeff]")
_SPACES = re.compile(r"[^\S\n]+")
_NEWLINES = re.compile(r"\s*\n\s*")
# Tone marks placed the other way ("hoá", "khoá", "uỷ") are moved to where the seeds put them
# ("hóa", "khóa", "ủy"); only at the end of a word, where both placements occur ("toán" is left alone),
# and never in "quý".
_TONE_ON_A = re.compile(r"([oO])([áàảãạÁÀẢÃẠ])(?!\w)")
_TONE_ON_Y = re.compile(r"(?<![qQ])([uU])([ýỳỷỹỵÝỲỶỸỴ])(?!\w)")


def _move_tone(match: re.Match[str]) -> str:
    carrier, toned = match.group(1), match.group(2)
    decomposed = unicodedata.normalize("NFD", toned)
    bare, tone = decomposed[0], decomposed[1:]
    return unicodedata.normalize("NFC", carrier + tone) + bare


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = _DASHES.sub("-", text)
    text = _TONE_ON_A.sub(_move_tone, text)
    text = _TONE_ON_Y.sub(_move_tone, text)
    text = _SPACES.sub(" ", text)
    text = _NEWLINES.sub("\n", text)
    return text.strip()


def _kw(phrase: str) -> str:
    """A pattern for a Vietnamese phrase, with diacritics or without (use with re.IGNORECASE)."""
    parts = []
    for word in phrase.split():
        folded = fold(word)
        if folded == word.casefold():
            parts.append(re.escape(word))
        else:
            parts.append(f"(?:{re.escape(word)}|{re.escape(folded)})")
    return r"\s+".join(parts)


def _any(phrases) -> str:
    return "(?:" + "|".join(_kw(phrase) for phrase in sorted(phrases, key=len, reverse=True)) + ")"


_I = re.IGNORECASE
_W = r"[^\W_]"  # a letter or digit
_LETTER = r"[^\W\d_]"
_SEG = rf"{_LETTER}{_W}*"
_ROMAN = r"(?-i:[IVXLC]+)"
_SO, _NGAY, _THANG, _NAM, _CUA = (_kw(w) for w in ("số", "ngày", "tháng", "năm", "của"))
_VE, _KHOA, _NHIEM_KY = _kw("về"), _kw("khóa"), _kw("nhiệm kỳ")
_YEAR_AFTER = rf"\s+(?:{_NAM}\s+)?(?P<year>\d{{4}})(?![\d/-])"
_VERBS = _any(_SUBJECT_VERBS)
_VERBS_IN_TEXT = _any(_SUBJECT_VERBS_IN_TEXT)

_TYPE_WORDS = sorted((member.label for member in DocumentType), key=len, reverse=True)
_TYPE_RE = re.compile(rf"(?<!\w)(?:{'|'.join(_kw(label) for label in _TYPE_WORDS)})(?!\w)", _I)
_LAW_TYPE_IN_NAME = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(m.label) for m in DocumentType if m.law_like) + r")(?!\w)"
)

_NUMBER_INTRO = re.compile(rf"\s*,?\s*{_SO}(?!\w)\s*:?\s*", _I)
_PLAIN_INTRO = re.compile(r"\s*(?=\d)")
_SYMBOL_FORMS = (
    (
        "state_year",
        re.compile(rf"(?P<num>\d+)\s*/\s*(?P<year>\d{{4}})\s*/\s*(?P<rest>{_SEG}(?:-{_SEG})*)(?![\w/])"),
    ),
    (
        "party",
        re.compile(rf"(?P<num>\d+)\s*-\s*(?P<code>{_LETTER}+)\s*/\s*(?P<issuer>{_SEG}(?:-{_SEG})*)(?![\w/])"),
    ),
    ("state", re.compile(rf"(?P<num>\d+)\s*/\s*(?P<rest>{_SEG}(?:-{_SEG})*)(?![\w/])")),
    ("glued", re.compile(rf"(?P<num>\d+)\s*-\s*(?P<glued>{_LETTER}+{_W}*)(?![\w/-])")),
    ("number", re.compile(r"(?P<num>\d+)(?![\w/-])")),
)
_SYMBOL_TEXT = re.compile(r"\S+(?:\s*[-/]\s*\S+)*")

_YEAR_RE = re.compile(_YEAR_AFTER, _I)
_DATE_RE = re.compile(
    rf"\s*,?\s*{_NGAY}\s+(?:(?P<d>\d{{1,2}})\s*(?P<sep>[/.-])\s*(?P<m>\d{{1,2}})\s*(?P=sep)\s*(?P<y>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})\s+{_THANG}\s+(?P<m2>\d{{1,2}})\s*,?\s+{_NAM}\s+(?P<y2>\d{{4}}))(?![\d/.-]\d)",
    _I,
)
_OF_RE = re.compile(rf"\s*,?\s*{_CUA}\s+(?=\S)", _I)
_TERM_INNER = rf"(?:{_KHOA}\s+(?P<term>{_ROMAN}|\d{{1,2}})|{_NHIEM_KY}\s+(?P<y1>\d{{4}})\s*-\s*(?P<y2>\d{{4}}))"
_TERM_PAREN_RE = re.compile(rf"\s*,?\s*\(\s*{_TERM_INNER}\s*\)", _I)
_TERM_BARE_RE = re.compile(rf"\s*,?\s*{_TERM_INNER}(?!\w)", _I)
_TERM_STOP = (
    rf"\s*,?\s*\(\s*(?:{_KHOA}|{_NHIEM_KY})\s"
    rf"|\s*,?\s*{_KHOA}\s+(?:{_ROMAN}|\d{{1,2}})(?!\w)"
    rf"|\s*,?\s*{_NHIEM_KY}\s+\d{{4}}"
)
_ABOUT_RE = re.compile(rf"\s*,?\s*{_VE}(?:\s+{_kw('việc')})?\s+(?=\S)", _I)
_VERB_RE = re.compile(rf"\s*,?\s*(?={_VERBS}(?!\w))", _I)
_VERB_IN_TEXT_RE = re.compile(rf"\s*,?\s*(?={_VERBS_IN_TEXT}(?!\w))", _I)
_VERB_START_RE = re.compile(rf"{_VERBS}(?!\w)", _I)

_END = r"[\s.;,:/]*\Z"  # what may trail a citation: the characters `_scan` strips from the rest
_BODY_WHOLE_RE = re.compile(
    rf"(?P<body>[^\W_].*?)(?={_TERM_STOP}|\s*,?\s*{_NGAY}\s+\d|\s*,?\s*{_VE}\s|\s*,?\s*{_VERBS}(?!\w)|{_END})", _I
)
_NAME_WHOLE_RE = re.compile(
    rf"\s+(?P<name>{_LETTER}.*?)(?={_YEAR_AFTER}|\s*,?\s*{_SO}\s*:?\s*\d|\s+\d+\s*[-/]|\s*,?\s*{_NGAY}\s+\d"
    rf"|\s+{_CUA}\s|{_TERM_STOP}|\s*,?\s*{_VE}\s|{_END})",
    _I,
)
_LAW_NAME_TEXT_RE = re.compile(
    rf"\s+(?P<name>{_LETTER}\w*(?:(?:\s+|,\s+){_LETTER}\w*){{0,14}}?)"
    rf"(?={_YEAR_AFTER}|\s*,?\s*{_SO}\s*:?\s*\d|\s+\d+\s*[-/])",
    _I,
)
_CONGRESS_TEXT_RE = re.compile(
    rf"\s+(?P<name>{_kw('Đại hội')}(?:\s+{_LETTER}\w*){{0,8}}?\s+{_kw('lần thứ')}\s+(?:{_ROMAN}|\d{{1,2}})"
    rf"|(?:{_kw('Hội nghị')}\s+)?{_kw('Trung ương')}\s+\d{{1,2}})(?!\w)",
    _I,
)
_BODY_WORD_RE = re.compile(r"(?P<sep>[ ]*-[ ]*|[ ]+)?(?P<word>[^\W_]+)")
_BODY_HARD_STOP_IN_TEXT = re.compile(
    rf"[ ]*(?:[^\w\s-]|\n|\Z)|\s+(?:{_VE}|{_VERBS_IN_TEXT}|{_KHOA}|{_NHIEM_KY})(?!\w)|\s+{_NGAY}\s+\d", _I
)
_SPACE_THEN_TYPE = re.compile(rf"\s+(?={_TYPE_RE.pattern})", _I)
_ROMAN_VALID = re.compile(r"^(?=[IVXLC])(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_QUOTES = {"“": "”", '"': '"', "‘": "’", "«": "»", "'": "'"}


# --------------------------------------------------------------------------------------------------
# The citation


def format_citation_date(value: datetime.date) -> str:
    """A date as documents write it: a leading zero for days below 10 and for months 1 and 2."""
    day = f"{value.day:02d}"
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"{day}/{month}/{value.year}"


@dataclass(frozen=True)
class Citation:
    """One cited document. `year` comes from the symbol, the name ("Luật Báo chí 2016") or the date;
    `year_in_symbol` says whether the symbol itself carries it ("30/2020/NĐ-CP" but "12/KH-UBND")."""

    doc_type: str
    number: str | None = None
    year: int | None = None
    type_code: str | None = None
    issuer_code: str | None = None
    date: datetime.date | None = None
    issuing_body: str | None = None
    term: str | None = None
    style: str = CitationStyle.NAME
    title: str | None = None
    year_in_symbol: bool = False

    @property
    def document_type(self) -> DocumentType:
        return DocumentType.from_label(self.doc_type)

    @property
    def symbol(self) -> str | None:
        """The number and symbol — "238-QĐ/TW", "30/2020/NĐ-CP", "12/KH-UBND" — or None when incomplete."""
        if self.number is None or self.issuer_code is None:
            return None
        if self.style == CitationStyle.PARTY:
            return f"{self.number}-{self.type_code}/{self.issuer_code}"
        if self.style == CitationStyle.STATE:
            year = f"/{self.year}" if self.year_in_symbol and self.year else ""
            code = f"{self.type_code}-" if self.type_code else ""
            return f"{self.number}{year}/{code}{self.issuer_code}"
        return None

    def _named(self) -> bool:
        return self.style == CitationStyle.NAME or self.document_type.law_like

    def canonical(self) -> str:
        """The citation as it should be written (see the module docstring for the rules)."""
        out = [self.doc_type]
        about = self.title
        if self._named() and self.title:
            name, _, rest = self.title.partition(" về ")
            out.append(f" {name}")
            about = rest or None
        if self._named() and self.year and not self.date and not self.year_in_symbol:
            out.append(f" năm {self.year}")
        symbol = self.symbol or (self.number if self.style == CitationStyle.NUMBER else None)
        if symbol:
            out.append(f" số {symbol}")
        if self.date:
            comma = "," if self.style in (CitationStyle.PARTY, CitationStyle.NUMBER) else ""
            out.append(f"{comma} ngày {format_citation_date(self.date)}")
        if self.issuing_body:
            out.append(f" của {self.issuing_body}")
        if self.term:
            out.append(f", {self.term}" if self.term.startswith("nhiệm kỳ") else f" ({self.term})")
        if about:
            out.append(f" {about}" if _VERB_START_RE.match(about) else f" về {about}")
        return "".join(out)

    def __str__(self) -> str:
        return self.canonical()

    def to_dict(self) -> dict[str, Any]:
        """The fields as JSON-ready values, with the symbol and the canonical text."""
        return {
            "doc_type": self.doc_type,
            "doc_type_key": self.document_type.value,
            "number": self.number,
            "year": self.year,
            "type_code": self.type_code,
            "issuer_code": self.issuer_code,
            "date": self.date.isoformat() if self.date else None,
            "issuing_body": self.issuing_body,
            "term": self.term,
            "style": str(self.style),
            "title": self.title,
            "symbol": self.symbol,
            "canonical": self.canonical(),
        }


# --------------------------------------------------------------------------------------------------
# Parsing


class _Parts:
    def __init__(self, doc_type: DocumentType | None):
        self.doc_type = doc_type
        self.name: str | None = None
        self.name_year: int | None = None
        self.number: str | None = None
        self.symbol_year: int | None = None
        self.type_code: str | None = None
        self.issuer_code: str | None = None
        self.style: CitationStyle | None = None
        self.date: datetime.date | None = None
        self.body: str | None = None
        self.term: str | None = None
        self.about: str | None = None


def parse_citation(text: str) -> Citation:
    """Read one citation; the whole text must be it. Raises CitationError."""
    if not isinstance(text, str) or not text.strip():
        raise CitationError("Chưa nhập trích dẫn văn bản.")
    if len(text) > MAX_LENGTH:
        raise CitationError(f"Trích dẫn quá dài (tối đa {MAX_LENGTH} ký tự).")
    normalised = _normalise(text).replace("\n", " ")
    citation, _core_end, _end = _scan(normalised, 0, in_text=False)
    # Only what can be written back faithfully is accepted: the canonical form must read
    # as the same citation (odd mixes such as a document type in place of the issuing
    # body fail here instead of being stored wrongly).
    try:
        again, _core_end, _end = _scan(_normalise(citation.canonical()), 0, in_text=False)
    except CitationError:
        again = None
    if again != citation:
        raise CitationError(
            "Không hiểu trích dẫn này. Hãy viết theo dạng: "
            "Quyết định số 238-QĐ/TW, ngày 30/9/2020 của Ban Bí thư (khóa XII)."
        )
    return citation


def find_citations(text: str) -> list[Citation]:
    """Every citation in a longer text, in order of appearance (nested ones included)."""
    if not text:
        return []
    normalised = _normalise(text)
    found: list[Citation] = []
    pos = 0
    while match := _TYPE_RE.search(normalised, pos):
        try:
            citation, core_end, _end = _scan(normalised, match.start(), in_text=True)
        except CitationError:
            pos = match.end()
            continue
        found.append(citation)
        pos = core_end
    return found


def _scan(text: str, start: int, *, in_text: bool) -> tuple[Citation, int, int]:
    """Read a citation starting at `start`. Returns it, where its core ends (before the subject,
    which may hold nested citations) and where it ends."""
    match = _TYPE_RE.match(text, start)
    if match is None:
        if in_text:
            raise CitationError("Không có trích dẫn ở đây.")
        parts = _Parts(None)
        pos = _scan_bare_symbol(text, start, parts)
    else:
        doc_type = _TYPE_BY_FOLD[fold(match.group())]
        if in_text and doc_type.law_like and not match.group()[0].isupper():
            raise CitationError("Không có trích dẫn ở đây.")
        parts = _Parts(doc_type)
        pos = _scan_designation(text, match.end(), parts, in_text=in_text)
    pos = _scan_clauses(text, pos, parts, in_text=in_text)
    core_end = pos
    pos = _scan_subject(text, pos, parts, in_text=in_text)
    if not in_text:
        rest = text[pos:].strip(" .;,:/")
        if rest:
            raise CitationError(f"Không hiểu phần “{rest}” trong trích dẫn.")
    return _build(parts), core_end, pos


def _label(parts: _Parts) -> str:
    return parts.doc_type.label if parts.doc_type else "văn bản"


def _scan_bare_symbol(text: str, pos: int, parts: _Parts) -> int:
    intro = _NUMBER_INTRO.match(text, pos) or _PLAIN_INTRO.match(text, pos)
    if intro is None or not text[intro.end() : intro.end() + 1].isdigit():
        start = text[pos:].split(" ")[0]
        raise CitationError(
            f"Không nhận ra loại văn bản ở đầu trích dẫn “{start}”: cần bắt đầu bằng loại văn bản "
            "(Quyết định, Nghị quyết, Luật…) hoặc số và ký hiệu (238-QĐ/TW)."
        )
    end = _scan_symbol(text, intro.end(), parts, in_text=False, with_so=True)
    if parts.doc_type is None:
        raise CitationError(
            f"Không xác định được loại văn bản từ ký hiệu “{text[intro.end() : end]}”: "
            "hãy ghi cả loại văn bản (ví dụ “Công văn số …”)."
        )
    return end


def _scan_designation(text: str, pos: int, parts: _Parts, *, in_text: bool) -> int:
    """What identifies the document after its type: a number and symbol, a name, a year."""
    doc_type = parts.doc_type
    assert doc_type is not None
    if doc_type.law_like:
        year_match = _YEAR_RE.match(text, pos)  # "Hiến pháp năm 2013", "Luật 2016"
        if year_match:
            parts.name_year = _check_year(int(year_match.group("year")))
            end = year_match.end()
            return _try_number(text, end, parts, in_text=in_text, require_so=True) or end
    number_end = _try_number(text, pos, parts, in_text=in_text)  # "Luật số 103/2016/QH13"
    if number_end is not None:
        return number_end
    if doc_type.law_like:
        name_match = (_LAW_NAME_TEXT_RE if in_text else _NAME_WHOLE_RE).match(text, pos)
        if name_match and (not in_text or _law_name_ok(name_match.group("name"))):
            parts.name = name_match.group("name").strip(" ,.;:")
            pos = name_match.end()
        year_match = _YEAR_RE.match(text, pos)
        if year_match:
            parts.name_year = _check_year(int(year_match.group("year")))
            pos = year_match.end()
        number_end = _try_number(text, pos, parts, in_text=in_text, require_so=parts.name_year is not None)
        if number_end is not None:
            pos = number_end
        if parts.number is None and parts.name_year is None and (in_text or parts.name is None):
            raise CitationError(f"Thiếu tên, năm ban hành hoặc số của {doc_type.label}.")
        return pos
    name_match = (_CONGRESS_TEXT_RE if in_text else _NAME_WHOLE_RE).match(text, pos)
    if name_match is None or not name_match.group("name")[0].isupper():
        raise CitationError(f"Thiếu số và ký hiệu của {doc_type.label} (ví dụ “{_example(doc_type)}”).")
    parts.name = name_match.group("name").strip(" ,.;:")
    pos = name_match.end()
    if not in_text and (year_match := _YEAR_RE.match(text, pos)):  # "Nghị quyết Đại hội XIII năm 2021"
        parts.name_year = _check_year(int(year_match.group("year")))
        pos = year_match.end()
    return pos


def _example(doc_type: DocumentType) -> str:
    if doc_type.party_codes:
        return f"{doc_type.label} số 05-{doc_type.party_codes[0]}/TU"
    return f"{doc_type.label} số 12/2021/{doc_type.state_codes[0]}-CP"


def _law_name_ok(name: str) -> bool:
    if not name[0].isupper() or _LAW_TYPE_IN_NAME.search(name):
        return False
    # "Luật Thi đua, khen thưởng": after a comma the name goes on in lower case.
    return all(not piece or piece[0].islower() for piece in (p.strip() for p in name.split(",")[1:]))


def _try_number(text: str, pos: int, parts: _Parts, *, in_text: bool, require_so: bool = False) -> int | None:
    intro = _NUMBER_INTRO.match(text, pos)
    if intro:
        if not text[intro.end() : intro.end() + 1].isdigit():
            if in_text:
                return None
            raise CitationError(f"Thiếu số và ký hiệu của {_label(parts)} sau chữ “số”.")
        return _scan_symbol(text, intro.end(), parts, in_text=in_text, with_so=True)
    intro = None if require_so else _PLAIN_INTRO.match(text, pos)
    if intro:
        return _scan_symbol(text, intro.end(), parts, in_text=in_text, with_so=False)
    return None


def _scan_symbol(text: str, pos: int, parts: _Parts, *, in_text: bool, with_so: bool) -> int:
    for kind, pattern in _SYMBOL_FORMS:
        match = pattern.match(text, pos)
        if match is None:
            continue
        if kind == "number" and in_text and not with_so:
            break
        parts.number = match.group("num")
        if kind == "state_year":
            parts.symbol_year = _check_year(int(match.group("year")))
            _resolve_state(match.group("rest"), parts)
        elif kind == "state":
            _resolve_state(match.group("rest"), parts)
        elif kind == "party":
            parts.style = CitationStyle.PARTY
            parts.type_code = _resolve_code(match.group("code"), parts, CitationStyle.PARTY)
            parts.issuer_code = _issuer(match.group("issuer"))
        elif kind == "glued":
            parts.style = CitationStyle.PARTY
            parts.type_code, parts.issuer_code = _split_glued(match.group("glued"), parts)
        else:
            parts.style = CitationStyle.NUMBER
        return match.end()
    shown = _SYMBOL_TEXT.match(text, pos)
    raise CitationError(
        f"Số và ký hiệu “{shown.group() if shown else text[pos:]}” không đúng dạng "
        "(ví dụ 238-QĐ/TW, 30/2020/NĐ-CP, 12/KH-UBND)."
    )


def _resolve_state(rest: str, parts: _Parts) -> None:
    parts.style = CitationStyle.STATE
    segments = rest.split("-")
    first = fold(segments[0]).upper()
    if first in _CODE_BY_FOLD:
        if len(segments) == 1:
            raise CitationError(f"Ký hiệu “{rest}” thiếu cơ quan ban hành (ví dụ {segments[0]}-UBND).")
        parts.type_code = _resolve_code(segments[0], parts, CitationStyle.STATE)
        parts.issuer_code = _issuer("-".join(segments[1:]))
    else:
        parts.issuer_code = _issuer(rest)


def _resolve_code(raw: str, parts: _Parts, style: CitationStyle) -> str:
    """The proper spelling of a type code, checked against the type (or giving it, when absent)."""
    folded = fold(raw).upper()
    doc_type = parts.doc_type
    if doc_type is not None:
        for code in doc_type.codes:
            if fold(code).upper() == folded:
                return code
        if folded in _CODE_BY_FOLD:
            raise CitationError(f"Ký hiệu “{raw}” không phải ký hiệu của {doc_type.label}.")
        raise CitationError(f"Không nhận ra ký hiệu loại văn bản “{raw}”.")
    for member in DocumentType:
        codes = member.party_codes if style == CitationStyle.PARTY else member.state_codes
        for code in codes:
            if fold(code).upper() == folded:
                parts.doc_type = member
                return code
    raise CitationError(f"Không nhận ra ký hiệu loại văn bản “{raw}”.")


def _split_glued(glued: str, parts: _Parts) -> tuple[str, str]:
    """Split a code and issuer written without the slash: "QĐTW" → ("QĐ", "TW")."""
    folded = fold(glued).upper()
    if parts.doc_type is not None:
        candidates = parts.doc_type.codes
    else:
        candidates = tuple(dict.fromkeys(c for m in DocumentType for c in m.party_codes))
    # The longest code that starts the text decides; what is left must be an issuer ("TW", "BTGTU").
    for code in sorted(candidates, key=len, reverse=True):
        code_folded = fold(code).upper()
        if folded.startswith(code_folded):
            if folded[len(code_folded) : len(code_folded) + 1].isalpha():
                code = _resolve_code(glued[: len(code)], parts, CitationStyle.PARTY)
                return code, _issuer(glued[len(code) :])
            break
    raise CitationError(
        f"Ký hiệu “{glued}” thiếu dấu “/” giữa loại văn bản và cơ quan ban hành và không tách được (ví dụ 238-QĐ/TW)."
    )


def _issuer(raw: str) -> str:
    return "-".join(seg.upper() if seg.islower() else seg for seg in raw.split("-"))


def _check_year(year: int) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise CitationError(f"Năm {year} không hợp lệ (phải từ {MIN_YEAR} đến {MAX_YEAR}).")
    return year


def _scan_clauses(text: str, pos: int, parts: _Parts, *, in_text: bool) -> int:
    """Date, issuing body and term, in any order, each at most once."""
    while True:
        progressed = False
        if parts.date is None and (match := _DATE_RE.match(text, pos)):
            parts.date = _date(match)
            pos, progressed = match.end(), True
        if parts.body is None and (match := _OF_RE.match(text, pos)):
            body_end = _body_end(text, match.end(), in_text=in_text)
            if body_end is not None:
                parts.body = _body(text[match.end() : body_end])
                pos, progressed = body_end, True
        if parts.term is None and (match := _TERM_PAREN_RE.match(text, pos) or _TERM_BARE_RE.match(text, pos)):
            parts.term = _term(match)
            pos, progressed = match.end(), True
        if not progressed:
            return pos


def _date(match: re.Match[str]) -> datetime.date:
    day = int(match.group("d") or match.group("d2"))
    month = int(match.group("m") or match.group("m2"))
    year = _check_year(int(match.group("y") or match.group("y2")))
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise CitationError(f"Ngày {day:02d}/{month:02d}/{year} không có thật.") from None


def _term(match: re.Match[str]) -> str:
    if match.group("term"):
        raw = match.group("term")
        roman = _to_roman(int(raw)) if raw.isdigit() else raw
        if not roman or not _ROMAN_VALID.match(roman):
            raise CitationError(f"Khóa “{raw}” không hợp lệ (ví dụ khóa XII).")
        return f"khóa {roman}"
    first, last = int(match.group("y1")), int(match.group("y2"))
    if not MIN_YEAR <= first < last <= MAX_YEAR:
        raise CitationError(f"Nhiệm kỳ {first} - {last} không hợp lệ.")
    return f"nhiệm kỳ {first} - {last}"


def _to_roman(number: int) -> str:
    if not 1 <= number <= 99:
        return ""
    out = ""
    for value, letters in ((90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while number >= value:
            out += letters
            number -= value
    return out


def _body_end(text: str, pos: int, *, in_text: bool) -> int | None:
    if not in_text:
        match = _BODY_WHOLE_RE.match(text, pos)
        return match.end() if match else None
    # Running text: words that can belong to an organisation's name. Lower-case words that cannot end
    # a name ("và", "công") and numbers are kept only when the name goes on with a capital or ends
    # cleanly (punctuation, "về", a date…): "của Bộ Chính trị công tác …" keeps "Bộ Chính trị".
    first = _BODY_WORD_RE.match(text, pos)
    if first is None or first.group("sep") or not first.group("word")[0].isupper():
        return None
    accepted = pending = first.end()
    while True:
        if _BODY_HARD_STOP_IN_TEXT.match(text, pending) or _starts_citation(text, pending):
            return pending
        match = _BODY_WORD_RE.match(text, pending)
        if match is None:
            return accepted
        word, sep = match.group("word"), match.group("sep") or ""
        if word[0].isupper():
            accepted = pending = match.end()
        elif "-" not in sep and (word.isdigit() or word.casefold() in _BODY_WORDS or _fifth(text, pending, word)):
            pending = match.end()
            if not word.isdigit() and word.casefold() not in _BODY_WORDS_OPEN:
                accepted = pending
        else:
            return accepted


def _fifth(text: str, pos: int, word: str) -> bool:
    """ "năm" continues a name only as an ordinal ("Hội nghị lần thứ năm"), never as "năm 2020"."""
    return word.casefold() == "năm" and text[:pos].casefold().endswith("thứ")


def _starts_citation(text: str, pos: int) -> bool:
    match = _SPACE_THEN_TYPE.match(text, pos)
    if match is None:
        return False
    try:
        _scan(text, match.end(), in_text=True)
    except CitationError:
        return False
    return True


def _body(raw: str) -> str:
    body = " ".join(raw.strip(" ,.;:").split())
    return _BODY_ALIASES.get(fold(body), body)


def _scan_subject(text: str, pos: int, parts: _Parts, *, in_text: bool) -> int:
    if parts.doc_type is not None and parts.doc_type.law_like:
        return pos  # laws are cited by their name, which is their title
    about = _ABOUT_RE.match(text, pos)
    if about:
        start = about.end()
    else:
        verb = (_VERB_IN_TEXT_RE if in_text else _VERB_RE).match(text, pos)
        if verb is None:
            return pos
        start = verb.end()
    end = _subject_end(text, start) if in_text else len(text)
    subject = _unquote(text[start:end].strip().rstrip(" ,.;:/"))
    if not subject:
        if in_text:
            return pos
        raise CitationError("Thiếu nội dung sau chữ “về”.")
    parts.about = subject
    return end


def _subject_end(text: str, pos: int) -> int:
    if text[pos : pos + 1] in _QUOTES:
        close = text.find(_QUOTES[text[pos]], pos + 1)
        if close != -1 and "\n" not in text[pos:close]:
            return close + 1
    p, after_nested = pos, False
    while p < len(text):
        char = text[p]
        if char in "\n;" or (char in ".!?" and (p + 1 == len(text) or text[p + 1] in " \n/")):
            break
        if char == "," and after_nested:
            break
        if char in _QUOTES and char not in "'\"":
            close = text.find(_QUOTES[char], p + 1)
            if close != -1 and "\n" not in text[p:close]:
                p = close + 1
                continue
        if (p == 0 or not text[p - 1].isalnum()) and _TYPE_RE.match(text, p):
            try:
                _nested, _core, nested_end = _scan(text, p, in_text=True)
            except CitationError:
                pass
            else:
                p, after_nested = nested_end, True
                continue
        p += 1
    return p


def _unquote(text: str) -> str:
    if len(text) >= 2 and text[0] in _QUOTES and text[-1] == _QUOTES[text[0]]:
        return text[1:-1].strip()
    return text


def _build(parts: _Parts) -> Citation:
    doc_type = parts.doc_type
    assert doc_type is not None
    years = {
        "số ký hiệu": parts.symbol_year,
        "tên văn bản": parts.name_year,
        "ngày ban hành": parts.date.year if parts.date else None,
    }
    known = {source: year for source, year in years.items() if year is not None}
    if len(set(known.values())) > 1:
        detail = ", ".join(f"{year} theo {source}" for source, year in known.items())
        raise CitationError(f"Năm ban hành không khớp: {detail}.")
    if parts.name and parts.about:
        joint = " " if _VERB_START_RE.match(parts.about) else " về "
        title = f"{parts.name}{joint}{parts.about}"
    else:
        title = parts.name or parts.about
    style = parts.style or CitationStyle.NAME
    return Citation(
        doc_type=doc_type.label,
        number=parts.number,
        year=next(iter(known.values()), None),
        type_code=parts.type_code,
        issuer_code=parts.issuer_code,
        date=parts.date,
        issuing_body=parts.body,
        term=parts.term,
        style=style,
        title=title,
        year_in_symbol=parts.symbol_year is not None,
    )
