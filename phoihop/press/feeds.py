"""Fetching and reading RSS 2.0 and Atom feeds, safely.

* `fetch(url)` reads at most MAX_BYTES with a short timeout; it is the one function that
  touches the network (tests replace it, or point it at a local server).
* `parse(data)` reads RSS 2.0 or Atom with defusedxml: a document type declaration (and
  with it every entity, the "billion laughs" among them) is refused, never expanded.
  At most MAX_ITEMS entries are taken, the newest first; `ParsedFeed.total` says how
  many there were.
* Titles and summaries become plain text (`plain_text`): tags, scripts, styles and event
  handlers removed, entities decoded, whitespace collapsed, length bounded. Only http and
  https links are kept (`safe_link`). Dates are RFC 822 or ISO 8601; without one an entry
  is dated the day it was polled.

Every failure is a FeedError with a Vietnamese message, which the poll stores as the
source's last error.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import ipaddress
import re
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit
from xml.etree.ElementTree import Element, ParseError

import nh3
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.utils import timezone
from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024
TIMEOUT_SECONDS = 10
MAX_ITEMS = 500
TITLE_LENGTH = 1000
SUMMARY_LENGTH = 4000
LINK_LENGTH = 2000
USER_AGENT = "phoihop-press-monitor/1 (+https://phoihop.local)"

ATOM = "{http://www.w3.org/2005/Atom}"
_WHITESPACE = re.compile(r"\s+")
# Their content is code, never text a reader should see.
_DROP_CONTENT = {"script", "style", "noscript", "template", "iframe", "object", "svg", "math", "head", "title"}


class FeedError(Exception):
    """Why a feed could not be read (a Vietnamese message for the sources page)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Entry:
    title: str
    link: str
    summary: str
    published_on: dt.date


@dataclass
class ParsedFeed:
    kind: str  # "rss" or "atom"
    entries: list[Entry] = field(default_factory=list)
    total: int = 0  # entries in the document, before the cap

    @property
    def truncated(self) -> bool:
        return self.total > len(self.entries)


# --- fetching -----------------------------------------------------------------------


def check_address(url: str) -> None:
    """Refuse a feed whose host resolves to a non-public address — loopback, link-local
    (169.254.169.254, cloud metadata), private, reserved, multicast — unless it lies in
    one of settings.PHOIHOP_PRESS_FEED_NETWORKS: a department's editor must not make the
    server read its own intranet. Checked before the request and at every redirect (the
    address can still change between the check and the connection: DNS rebinding is out
    of reach here; an egress proxy is the defence for that)."""
    from django.conf import settings

    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        infos = socket.getaddrinfo(
            host, parts.port or (443 if parts.scheme == "https" else 80), proto=socket.IPPROTO_TCP
        )
    except (socket.gaierror, UnicodeError, ValueError) as error:
        raise FeedError(_("Không tìm thấy máy chủ %(host)s.") % {"host": host}) from error
    allowed = [ipaddress.ip_network(network, strict=False) for network in settings.PHOIHOP_PRESS_FEED_NETWORKS]
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if any(address in network for network in allowed):
            continue
        if not address.is_global or address.is_multicast:
            raise FeedError(
                _(
                    "Địa chỉ nguồn tin trỏ vào mạng nội bộ (%(address)s) nên không được đọc. Quản trị viên có thể "
                    "cho phép mạng này trong PHOIHOP_PRESS_FEED_NETWORKS."
                )
                % {"address": address}
            )


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to an http(s) address that passes `check_address`."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not safe_link(newurl):
            raise FeedError(_("Địa chỉ nguồn tin phải bắt đầu bằng http:// hoặc https://."))
        check_address(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_CheckedRedirects)


def fetch(url: str, *, timeout: float = TIMEOUT_SECONDS, max_bytes: int = MAX_BYTES) -> bytes:
    """The body at `url` (http or https, a public address), read in chunks and cut off
    past `max_bytes`."""
    if not safe_link(url):
        raise FeedError(_("Địa chỉ nguồn tin phải bắt đầu bằng http:// hoặc https://."))
    check_address(url)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "application/rss+xml, */*"})  # noqa: S310
    try:
        with _OPENER.open(request, timeout=timeout) as response:  # scheme and address checked above
            chunks, size = [], 0
            while True:
                chunk = response.read(64 * 1024)
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    raise FeedError(
                        _("Nguồn tin lớn hơn %(mb)s MB nên không được đọc.") % {"mb": max_bytes // (1024 * 1024)}
                    )
                chunks.append(chunk)
            return b"".join(chunks)
    except urllib.error.HTTPError as error:
        raise FeedError(_("Máy chủ trả lời lỗi HTTP %(code)s.") % {"code": error.code}) from error
    except TimeoutError as error:
        raise FeedError(_("Quá %(s)s giây mà máy chủ chưa trả lời.") % {"s": int(timeout)}) from error
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError | socket.timeout):
            raise FeedError(_("Quá %(s)s giây mà máy chủ chưa trả lời.") % {"s": int(timeout)}) from error
        raise FeedError(
            _("Không kết nối được tới máy chủ của nguồn tin (%(reason)s).") % {"reason": error.reason}
        ) from error
    except (OSError, ValueError) as error:
        raise FeedError(_("Không đọc được nguồn tin (%(reason)s).") % {"reason": error}) from error


# --- plain text, links and dates -------------------------------------------------------


def plain_text(value: str | None, max_length: int) -> str:
    """Hostile or harmless HTML → plain text of at most `max_length` characters."""
    if not value:
        return ""
    # A space before each tag keeps the words of adjacent blocks apart ("</p><p>").
    cleaned = nh3.clean(value.replace("<", " <"), tags=set(), clean_content_tags=_DROP_CONTENT, attributes={})
    text = _WHITESPACE.sub(" ", html.unescape(cleaned)).strip()
    if len(text) > max_length:
        text = text[: max_length - 1].rstrip() + "…"
    return text


def safe_link(value: str | None) -> str:
    """The link if it is an absolute http(s) address (fragment dropped), else ""."""
    text = (value or "").strip()
    if not text or len(text) > LINK_LENGTH or any(ch.isspace() or ord(ch) < 32 for ch in text):
        return ""
    try:
        parts = urlsplit(text)
    except ValueError:
        return ""
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return ""
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, parts.query, ""))


def parse_moment(value: str | None) -> dt.datetime | None:
    """RFC 822 ("Sat, 21 Nov 2026 08:30:00 +0700") or ISO 8601 ("2026-11-21T08:30:00Z",
    "2026-11-21") as an aware datetime (local time when none is given); None if neither."""
    text = (value or "").strip()
    if not text:
        return None
    try:
        moment = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        try:
            moment = dt.datetime.fromisoformat(text)
        except ValueError:
            return None
    if moment is None:
        return None
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def parse_date(value: str | None) -> dt.date | None:
    """The local day of `parse_moment(value)`."""
    moment = parse_moment(value)
    return timezone.localtime(moment).date() if moment is not None else None


# --- parsing ------------------------------------------------------------------------


def _text(element: Element | None) -> str:
    if element is None:
        return ""
    if element.get("type") == "xhtml":
        return " ".join(element.itertext())
    return element.text or ""


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child(element: Element, name: str) -> Element | None:
    """The first child named `name` in no namespace (RSS) or with any namespace."""
    for child in element:
        if _local(child.tag) == name:
            return child
    return None


def _atom_link(entry: Element) -> str:
    fallback = ""
    for link in entry.findall(f"{ATOM}link"):
        rel = link.get("rel", "alternate")
        if rel == "alternate":
            return link.get("href", "")
        fallback = fallback or link.get("href", "")
    return fallback


def _looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<?xml"):
        head = head[head.find(b"?>") + 2 :].lstrip()
    return head.startswith((b"<!doctype html", b"<html"))


def _root(data: bytes) -> Element:
    if not data.strip():
        raise FeedError(_("Nguồn tin trả về nội dung rỗng."))
    if _looks_like_html(data):
        raise FeedError(_("Địa chỉ này trả về một trang web (HTML), không phải nguồn tin RSS hoặc Atom."))
    try:
        return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise FeedError(_("Nguồn tin có khai báo DTD hoặc thực thể XML nên bị từ chối để bảo đảm an toàn.")) from error
    except ParseError as error:
        head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
        if head.startswith(b"<"):
            raise FeedError(_("Nguồn tin không phải XML hợp lệ (%(error)s).") % {"error": error}) from error
        raise FeedError(_("Nội dung trả về không phải XML nên không phải nguồn tin RSS hoặc Atom.")) from error


def parse(data: bytes, *, max_items: int = MAX_ITEMS, today: dt.date | None = None) -> ParsedFeed:
    """The newest `max_items` entries of an RSS 2.0 or Atom document."""
    today = today or timezone.localdate()
    root = _root(data)
    now = timezone.now()
    raw: list[tuple[dt.datetime, int, Element]] = []
    if _local(root.tag) == "rss":
        kind = "rss"
        channel = _child(root, "channel")
        elements = [] if channel is None else [child for child in channel if child.tag == "item"]
        for index, element in enumerate(elements):
            moment = parse_moment(_text(_child(element, "pubDate"))) or parse_moment(_text(_child(element, "date")))
            raw.append((moment or now, index, element))
    elif root.tag == f"{ATOM}feed":
        kind = "atom"
        for index, element in enumerate(root.findall(f"{ATOM}entry")):
            moment = parse_moment(_text(element.find(f"{ATOM}published"))) or parse_moment(
                _text(element.find(f"{ATOM}updated"))
            )
            raw.append((moment or now, index, element))
    elif _local(root.tag) == "html":
        raise FeedError(_("Địa chỉ này trả về một trang web (HTML), không phải nguồn tin RSS hoặc Atom."))
    else:
        raise FeedError(_("Tài liệu XML này không phải nguồn tin RSS 2.0 hoặc Atom."))
    # Newest first; the document's own order breaks ties.
    raw.sort(key=lambda row: (-row[0].timestamp(), row[1]))
    result = ParsedFeed(kind=kind, total=len(raw))
    for moment, _index, element in raw[:max_items]:
        day = timezone.localtime(moment).date() if moment is not now else today
        if kind == "rss":
            title = _text(_child(element, "title"))
            link = _text(_child(element, "link"))
            guid = _child(element, "guid")
            if not safe_link(link) and guid is not None and guid.get("isPermaLink", "true") == "true":
                link = _text(guid)
            summary = _text(_child(element, "description"))
        else:
            title = _text(element.find(f"{ATOM}title"))
            link = _atom_link(element)
            summary = _text(element.find(f"{ATOM}summary")) or _text(element.find(f"{ATOM}content"))
        entry = Entry(
            title=plain_text(title, TITLE_LENGTH),
            link=safe_link(link),
            summary=plain_text(summary, SUMMARY_LENGTH),
            published_on=min(day, today),
        )
        if entry.title:
            result.entries.append(entry)
    return result
