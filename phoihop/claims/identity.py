"""A cheap guard against obvious personal identifiers in free text (issue 5: "aggregate,
not people"). A false claim records *what* circulates and *where* (an outlet, a page, a
group, a platform), never who posted or shared it.

What it catches, in `claim` and `seen_where`:

* e-mail addresses;
* Vietnamese phone numbers: 0 or +84/84 followed by 9 or 10 digits, with or without
  spaces, dots or dashes between groups (0912 345 678, +84 912.345.678, 0236-3822-123);
* identity-card numbers: a run of exactly 9 (CMND) or 12 (CCCD) digits;
* links to a personal social-media profile (facebook.com/profile.php?id=…,
  zalo.me/<phone number>).

What it cannot catch — people's names ("ông Nguyễn Văn A"), nicknames, a page named
after a person, an account handle (@…), a house address: no pattern tells a person's name
from a place's or an outlet's. Those rely on the help text of the fields and on the
officer who enters the claim. Official hotlines in the *response* are not checked: the
response is the authority's own published text.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# 0 or (+)84, then 9–10 more digits, single spaces/dots/dashes allowed between them.
PHONE = re.compile(r"(?<![\w+])(?:\+?84|0)(?:[ .\-]?\d){9,10}(?!\d)")
IDENTITY_NUMBER = re.compile(r"(?<!\d)(?:\d{12}|\d{9})(?!\d)")
PROFILE_LINK = re.compile(r"facebook\.com/profile\.php\?id=|zalo\.me/\+?\d{9,}", re.IGNORECASE)


def personal_identifiers(text: str | None) -> list[str]:
    """The kinds of personal identifier found in `text` (Vietnamese labels, in a fixed
    order, each once); empty when none is found."""
    text = text or ""
    found = []
    if EMAIL.search(text):
        found.append(_("địa chỉ thư điện tử"))
    if PHONE.search(text):
        found.append(_("số điện thoại"))
    if IDENTITY_NUMBER.search(PHONE.sub(" ", text)):
        found.append(_("số giấy tờ tùy thân"))
    if PROFILE_LINK.search(text):
        found.append(_("đường dẫn tới trang cá nhân"))
    return found


def message(kinds: list[str]) -> str:
    return _(
        "Có vẻ có thông tin cá nhân (%(kinds)s). Chỉ ghi nội dung và kênh, trang, nhóm, cơ quan báo chí — "
        "không ghi tên, số điện thoại, thư điện tử, giấy tờ hay tài khoản của người đăng, người chia sẻ."
    ) % {"kinds": ", ".join(kinds)}
