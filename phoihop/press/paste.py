"""Reading pasted lines of press items (copied from Excel, or typed).

One item per line, four columns separated by a tab (what Excel copies) or by "|":

    ngày | cơ quan báo chí | tiêu đề | đường dẫn

The date is dd/mm/yyyy (or yyyy-mm-dd); the link may be left empty. Empty lines and a
heading line (one that starts with "Ngày") are skipped. Pure functions: the service
checks duplicates against the database and saves.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from phoihop.core.text import fold
from phoihop.press.feeds import LINK_LENGTH, safe_link

MAX_LINES = 1000
OUTLET_LENGTH = 255
TITLE_LENGTH = 1000
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


@dataclass
class PastedLine:
    number: int
    text: str
    published_on: dt.date | None = None
    outlet: str = ""
    title: str = ""
    link: str = ""
    error: str = ""
    duplicate: bool = False

    @property
    def ok(self) -> bool:
        return not self.error


def fingerprint(*, link: str, outlet: str, title: str, published_on: dt.date) -> str:
    """The same article, whichever way it arrives: its link if it has one (scheme and host
    lower-cased, no fragment), else its outlet, title and day folded."""
    key = safe_link(link) or "|".join((fold(outlet), fold(title), published_on.isoformat()))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def parse_day(text: str) -> dt.date | None:
    text = text.strip()
    for pattern, order in ((_DMY, (2, 1, 0)), (_ISO, (0, 1, 2))):
        match = pattern.match(text)
        if match:
            parts = [int(part) for part in match.groups()]
            try:
                return dt.date(parts[order[0]], parts[order[1]], parts[order[2]])
            except ValueError:
                return None
    return None


def _columns(line: str) -> list[str]:
    separator = "\t" if "\t" in line else "|"
    return [column.strip() for column in line.split(separator)]


def parse_lines(text: str, *, today: dt.date) -> list[PastedLine]:
    """Every non-empty line, numbered as in the textarea, with its error if it has one."""
    result: list[PastedLine] = []
    for number, raw in enumerate((text or "").splitlines(), start=1):
        if not raw.strip():
            continue
        columns = _columns(raw.strip())
        if not result and columns and fold(columns[0]).startswith("ngay") and parse_day(columns[0]) is None:
            continue  # the heading row copied with the table
        line = PastedLine(number=number, text=raw.strip())
        result.append(line)
        while len(columns) > 4 and not columns[-1]:
            columns.pop()  # trailing empty cells from Excel
        if len(columns) == 3:
            columns.append("")
        if len(columns) != 4:
            line.error = _("Có %(n)s cột; cần 4 cột: ngày | cơ quan báo chí | tiêu đề | đường dẫn.") % {
                "n": len(columns)
            }
            continue
        day, outlet, title, link = columns
        line.published_on = parse_day(day)
        line.outlet, line.title = " ".join(outlet.split()), " ".join(title.split())
        if line.published_on is None:
            line.error = _("Ngày “%(value)s” không hợp lệ; hãy viết dd/mm/yyyy, ví dụ 21/11/2026.") % {"value": day}
        elif line.published_on > today:
            line.error = _("Ngày đăng %(date)s ở tương lai.") % {"date": line.published_on.strftime("%d/%m/%Y")}
        elif not line.outlet:
            line.error = _("Thiếu tên cơ quan báo chí.")
        elif len(line.outlet) > OUTLET_LENGTH:
            line.error = _("Tên cơ quan báo chí dài quá %(n)s ký tự.") % {"n": OUTLET_LENGTH}
        elif not line.title:
            line.error = _("Thiếu tiêu đề.")
        elif len(line.title) > TITLE_LENGTH:
            line.error = _("Tiêu đề dài quá %(n)s ký tự.") % {"n": TITLE_LENGTH}
        elif link and (len(link) > LINK_LENGTH or not safe_link(link)):
            line.error = _("Đường dẫn phải bắt đầu bằng http:// hoặc https://.")
        else:
            line.link = safe_link(link)
    return result
