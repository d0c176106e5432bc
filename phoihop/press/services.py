"""Every write of press monitoring: one keyword-only function per action, validated here
for every caller (pages, API, jobs, tests), in one transaction, with its audit row.

Permissions are checked by the callers through `phoihop.accounts.permissions`, except
where a record goes: a source, item or watch list is kept for a department the actor
edits for (`press_departments`), which the services check for every caller.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts import permissions
from phoihop.accounts.models import Role
from phoihop.audit import services as audit
from phoihop.audit.models import AuditEntry
from phoihop.core.concurrency import StaleVersionError, save_versioned
from phoihop.core.signals import bulk_created
from phoihop.notifications import kinds
from phoihop.notifications.services import NotificationInput, notify_many, organization_members
from phoihop.press import feeds, matching
from phoihop.press.models import PressDigest, PressItem, PressSource, Tone, WatchList, WatchMatch
from phoihop.press.paste import MAX_LINES, PastedLine, fingerprint, parse_lines
from phoihop.programs.models import Program, ProgramParty

logger = logging.getLogger(__name__)

NOTIFIED_ROLES = (Role.LEADER, Role.OFFICER, Role.FOCAL_POINT)
REMATCH_DAYS = 30
REMATCH_INLINE_LIMIT = 500  # more recent items than this: re-matched by a background job
POLL_JOB = "phoihop.press.jobs.poll_source"
REMATCH_JOB = "phoihop.press.jobs.rematch_watch_list"


def _error(field_name: str, message: str) -> ValidationError:
    return ValidationError({field_name: [message]})


def _check_department(actor, owner) -> None:
    if owner is None:
        raise _error("owner", _("Hãy chọn ban theo dõi."))
    if actor is not None and not permissions.may_keep_press_for(actor, owner):
        raise _error("owner", _("Bạn không theo dõi báo chí cho %(org)s.") % {"org": owner.name})


# --- sources ------------------------------------------------------------------------------


def _validate_source(*, owner, name: str, feed_url: str, kind: str, exclude_pk=None) -> None:
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = [_("Hãy nhập tên cơ quan báo chí.")]
    elif PressSource.objects.filter(owner=owner, name__iexact=name).exclude(pk=exclude_pk).exists():
        errors["name"] = [_("Ban đã có nguồn tin “%(name)s”.") % {"name": name}]
    if kind not in PressSource.Kind.values:
        errors["kind"] = [_("Loại nguồn không hợp lệ.")]
    elif kind != PressSource.Kind.MANUAL and not feed_url:
        errors["feed_url"] = [_("Nguồn RSS hoặc Atom cần địa chỉ nguồn tin.")]
    if feed_url and not feeds.safe_link(feed_url):
        errors["feed_url"] = [_("Địa chỉ nguồn tin phải bắt đầu bằng http:// hoặc https://.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def source_create(*, actor, owner, name: str, feed_url: str = "", kind: str = PressSource.Kind.RSS) -> PressSource:
    _check_department(actor, owner)
    name, feed_url = " ".join((name or "").split()), (feed_url or "").strip()
    _validate_source(owner=owner, name=name, feed_url=feed_url, kind=kind)
    source = PressSource.objects.create(owner=owner, name=name, feed_url=feed_url, kind=kind)
    audit.record_create(actor=actor, target=source)
    return source


@transaction.atomic
def source_update(*, actor, source: PressSource, expected_version: int, **values) -> PressSource:
    """Change name, feed URL, kind, or pause/resume (`is_active`)."""
    before = audit.snapshot(source)
    fields = [key for key in ("name", "feed_url", "kind", "is_active") if key in values]
    for key in fields:
        value = values[key]
        if key == "name":
            value = " ".join((value or "").split())
        elif key == "feed_url":
            value = (value or "").strip()
        setattr(source, key, value)
    _validate_source(
        owner=source.owner, name=source.name, feed_url=source.feed_url, kind=source.kind, exclude_pk=source.pk
    )
    save_versioned(source, expected_version=expected_version, fields=[*fields, "updated_at"])
    audit.record_update(actor=actor, target=source, before=before)
    return source


def source_request_poll(*, actor, source: PressSource) -> PressSource:
    """ "Poll now": queue the background job that polls this one source."""
    from django_q.tasks import async_task

    if not source.feed_url:
        raise _error("feed_url", _("Nguồn nhập tay không có địa chỉ để lấy tin."))
    if not source.is_active:
        raise _error("is_active", _("Nguồn tin đang tạm dừng; hãy tiếp tục theo dõi trước khi lấy tin."))
    with transaction.atomic():
        now = timezone.now()
        task_id = async_task(POLL_JOB, source.pk, task_name=f"press-poll-{source.pk}-{now:%Y%m%d%H%M%S%f}"[:100])
        PressSource.objects.filter(pk=source.pk).update(poll_requested_at=now, poll_task_id=str(task_id or ""))
        source.poll_requested_at, source.poll_task_id = now, str(task_id or "")
        audit.record(
            actor=actor, action=AuditEntry.Action.UPDATE, target=source, event="poll_requested", message=source.name
        )
    return source


@dataclass
class PollResult:
    source_id: int
    ok: bool
    new_items: int = 0
    taken: int = 0
    total: int = 0
    error: str = ""


def source_poll(
    *, source: PressSource, fetch: Callable[[str], bytes] | None = None, today: dt.date | None = None
) -> PollResult:
    """Poll one source in isolation: whatever goes wrong (network, HTTP, not XML, not a
    feed, a bug) marks THIS source unhealthy with a Vietnamese error and returns; new
    items are stored once per department and matched against its watch lists."""
    fetch = fetch or feeds.fetch
    today = today or timezone.localdate()
    now = timezone.now()
    try:
        parsed = feeds.parse(fetch(source.feed_url), today=today)
        with transaction.atomic():
            created = _store_entries(source, parsed.entries)
            note = ""
            if parsed.truncated:
                note = _("Nguồn có %(total)s tin; chỉ lấy %(taken)s tin mới nhất.") % {
                    "total": parsed.total,
                    "taken": len(parsed.entries),
                }
            PressSource.objects.filter(pk=source.pk).update(
                last_polled_at=now,
                last_success_at=now,
                consecutive_failures=0,
                items_count=PressItem.objects.filter(source=source).count(),
                last_new_items=len(created),
                last_poll_note=note,
            )
    except feeds.FeedError as error:
        return _poll_failed(source, now, error.message)
    except Exception as error:  # noqa: BLE001 — one source must never stop the others
        logger.exception("press: polling source %s failed", source.pk)
        return _poll_failed(source, now, _("Lỗi không mong đợi khi lấy tin: %(error)s") % {"error": error})
    source.refresh_from_db()
    return PollResult(source.pk, True, len(created), len(parsed.entries), parsed.total)


def _poll_failed(source: PressSource, now, message: str) -> PollResult:
    PressSource.objects.filter(pk=source.pk).update(
        last_polled_at=now,
        last_error=message[:2000],
        last_error_at=now,
        consecutive_failures=F("consecutive_failures") + 1,
        last_new_items=0,
    )
    source.refresh_from_db()
    return PollResult(source.pk, False, error=message)


def _store_entries(source: PressSource, entries: list[feeds.Entry]) -> list[PressItem]:
    """The entries not yet stored for the source's department, created in bulk."""
    candidates: dict[str, PressItem] = {}
    for entry in entries:
        key = fingerprint(link=entry.link, outlet=source.name, title=entry.title, published_on=entry.published_on)
        if key in candidates:
            continue
        item = PressItem(
            owner_id=source.owner_id,
            source=source,
            outlet=source.name,
            title=entry.title,
            link=entry.link,
            summary=entry.summary,
            published_on=entry.published_on,
            origin=PressItem.Origin.FEED,
            fingerprint=key,
        )
        item.refresh_search_columns()
        candidates[key] = item
    existing = set(
        PressItem.objects.filter(owner_id=source.owner_id, fingerprint__in=list(candidates)).values_list(
            "fingerprint", flat=True
        )
    )
    new = [item for key, item in candidates.items() if key not in existing]
    PressItem.objects.bulk_create(new, batch_size=200)
    created = list(PressItem.objects.filter(owner_id=source.owner_id, fingerprint__in=[i.fingerprint for i in new]))
    bulk_created.send(sender=PressItem, instances=created)  # bulk_create sends no post_save (search)
    match_items(created)
    return created


# --- items ------------------------------------------------------------------------------


def _validate_item(*, owner, outlet: str, title: str, link: str, published_on, tone: str, programs) -> None:
    errors: dict[str, list[str]] = {}
    if not outlet:
        errors["outlet"] = [_("Hãy nhập tên cơ quan báo chí.")]
    if not title:
        errors["title"] = [_("Hãy nhập tiêu đề.")]
    if link and not feeds.safe_link(link):
        errors["link"] = [_("Đường dẫn phải bắt đầu bằng http:// hoặc https://.")]
    if published_on is None:
        errors["published_on"] = [_("Hãy nhập ngày đăng.")]
    elif published_on > timezone.localdate():
        errors["published_on"] = [_("Ngày đăng không thể ở tương lai.")]
    if tone not in Tone.values:
        errors["tone"] = [_("Sắc thái không hợp lệ.")]
    if programs:
        _check_programs(owner, programs, errors)
    if errors:
        raise ValidationError(errors)


def _check_programs(owner, programs, errors: dict) -> None:
    party_of = set(
        ProgramParty.objects.filter(organization=owner, program__in=[p.pk for p in programs]).values_list(
            "program_id", flat=True
        )
    )
    foreign = [program.title for program in programs if program.pk not in party_of]
    if foreign:
        errors["programs"] = [
            _("%(org)s không phải là một bên của chương trình: %(titles)s.")
            % {"org": owner.name, "titles": "; ".join(foreign)}
        ]


@transaction.atomic
def item_create(
    *,
    actor,
    owner,
    outlet: str,
    title: str,
    published_on,
    link: str = "",
    summary: str = "",
    tone: str = Tone.NEUTRAL,
    area=None,
    topic=None,
    programs=(),
    source=None,
) -> PressItem:
    """One item entered by hand. The same article twice (same link, or same outlet, title
    and day without a link) is refused with a link to the one already there."""
    _check_department(actor, owner)
    outlet, title = " ".join((outlet or "").split()), " ".join((title or "").split())
    link, programs = (link or "").strip(), list(programs or [])
    _validate_item(
        owner=owner, outlet=outlet, title=title, link=link, published_on=published_on, tone=tone, programs=programs
    )
    if topic is not None and not topic.is_active:
        raise _error("topic", _("Chủ đề “%(name)s” không còn dùng.") % {"name": topic.name})
    if source is not None and source.owner_id != owner.pk:
        raise _error("source", _("Nguồn tin này thuộc ban khác."))
    key = fingerprint(link=link, outlet=outlet, title=title, published_on=published_on)
    if PressItem.objects.filter(owner=owner, fingerprint=key).exists():
        raise _error("link" if link else "title", _("Tin bài này đã có trong danh sách của ban."))
    item = PressItem(
        owner=owner,
        source=source,
        outlet=outlet,
        title=title,
        link=feeds.safe_link(link),
        published_on=published_on,
        summary=(summary or "").strip(),
        tone=tone,
        area=area,
        topic=topic,
        origin=PressItem.Origin.MANUAL,
        fingerprint=key,
        entered_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError as error:  # the same article saved by someone else a moment ago
        raise _error("link" if link else "title", _("Tin bài này đã có trong danh sách của ban.")) from error
    if programs:
        item.programs.set(programs)
    audit.record_create(actor=actor, target=item)
    match_items([item])
    return item


@dataclass
class PasteOutcome:
    lines: list[PastedLine] = field(default_factory=list)
    created: list[PressItem] = field(default_factory=list)

    @property
    def errors(self) -> list[PastedLine]:
        return [line for line in self.lines if line.error]

    @property
    def duplicates(self) -> list[PastedLine]:
        return [line for line in self.lines if line.ok and line.duplicate]

    @property
    def new(self) -> list[PastedLine]:
        return [line for line in self.lines if line.ok and not line.duplicate]


def items_paste_preview(*, owner, text: str, today: dt.date | None = None) -> PasteOutcome:
    """Read the pasted lines and mark the duplicates (already stored for the department,
    or repeated in the paste); nothing is written."""
    today = today or timezone.localdate()
    lines = parse_lines(text, today=today)
    if len(lines) > MAX_LINES:
        raise _error("text", _("Mỗi lần dán tối đa %(n)s dòng; hãy chia nhỏ.") % {"n": MAX_LINES})
    keys = {}
    for line in lines:
        if line.ok:
            keys[line.number] = fingerprint(
                link=line.link, outlet=line.outlet, title=line.title, published_on=line.published_on
            )
    stored = set(
        PressItem.objects.filter(owner=owner, fingerprint__in=list(set(keys.values()))).values_list(
            "fingerprint", flat=True
        )
    )
    seen: set[str] = set()
    for line in lines:
        key = keys.get(line.number)
        if key is None:
            continue
        line.duplicate = key in stored or key in seen
        seen.add(key)
    return PasteOutcome(lines=lines)


@transaction.atomic
def items_paste(*, actor, owner, text: str, tone: str = Tone.NEUTRAL, topic=None, area=None) -> PasteOutcome:
    """Save the pasted items, all or nothing: any bad line refuses the whole paste (the
    error names each line by its number); duplicates are skipped and reported."""
    _check_department(actor, owner)
    if not (text or "").strip():
        raise _error("text", _("Hãy dán ít nhất một dòng."))
    if tone not in Tone.values:
        raise _error("tone", _("Sắc thái không hợp lệ."))
    outcome = items_paste_preview(owner=owner, text=text)
    if outcome.errors:
        raise ValidationError(
            {
                "text": [
                    _("Dòng %(n)s: %(reason)s") % {"n": line.number, "reason": line.error} for line in outcome.errors
                ]
            }
        )
    entered_by = actor if getattr(actor, "is_authenticated", False) else None
    items = []
    for line in outcome.new:
        item = PressItem(
            owner=owner,
            outlet=line.outlet,
            title=line.title,
            link=line.link,
            published_on=line.published_on,
            tone=tone,
            topic=topic,
            area=area,
            origin=PressItem.Origin.PASTE,
            fingerprint=fingerprint(
                link=line.link, outlet=line.outlet, title=line.title, published_on=line.published_on
            ),
            entered_by=entered_by,
        )
        item.refresh_search_columns()
        items.append(item)
    PressItem.objects.bulk_create(items, batch_size=200)
    outcome.created = list(PressItem.objects.filter(owner=owner, fingerprint__in=[i.fingerprint for i in items]))
    bulk_created.send(sender=PressItem, instances=outcome.created)  # bulk_create sends no post_save (search)
    if outcome.created:
        audit.record(
            actor=actor,
            action=AuditEntry.Action.CREATE,
            target=owner,
            event="press_items_pasted",
            message=_("Dán %(n)s tin bài báo chí (bỏ qua %(d)s tin trùng).")
            % {"n": len(outcome.created), "d": len(outcome.duplicates)},
        )
    match_items(outcome.created)
    return outcome


@transaction.atomic
def item_set_hot(*, actor, item: PressItem, hot: bool) -> PressItem:
    if item.is_hot == hot:
        return item
    before = audit.snapshot(item, ["is_hot"])
    PressItem.objects.filter(pk=item.pk).update(is_hot=hot, updated_at=timezone.now())
    item.is_hot = hot
    audit.record_update(actor=actor, target=item, before=before)
    return item


@transaction.atomic
@transaction.atomic
def item_set_programs(*, actor, item: PressItem, programs, expected: set[int] | None = None) -> PressItem:
    """Link the item to programmes its department is a party to (and only those).
    `expected`: the links the editor saw; if someone changed them meanwhile, the change is
    refused (StaleVersionError), never overwritten — the links decide the weekly digests."""
    programs = list(programs or [])
    errors: dict[str, list[str]] = {}
    _check_programs(item.owner, programs, errors)
    if errors:
        raise ValidationError(errors)
    # Read under a lock on the item's row, so two editors' checks cannot interleave.
    PressItem.objects.select_for_update().filter(pk=item.pk).first()
    if expected is not None and set(item.programs.values_list("pk", flat=True)) != expected:
        raise StaleVersionError()
    before = sorted(item.programs.values_list("title", flat=True))
    item.programs.set(programs)
    after = sorted(program.title for program in programs)
    if before != after:
        audit.record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            target=item,
            changes={"programs": {"before": "; ".join(before), "after": "; ".join(after)}},
        )
    return item


# --- watch lists and matching ---------------------------------------------------------------


def _validate_watch_list(*, owner, name: str, keywords: list[str], exclude_pk=None) -> None:
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = [_("Hãy nhập tên danh sách.")]
    elif WatchList.objects.filter(owner=owner, name__iexact=name).exclude(pk=exclude_pk).exists():
        errors["name"] = [_("Ban đã có danh sách “%(name)s”.") % {"name": name}]
    if not keywords:
        errors["keywords"] = [_("Hãy nhập ít nhất một từ khóa (mỗi dòng một từ khóa).")]
    elif len(keywords) > matching.MAX_KEYWORDS:
        errors["keywords"] = [_("Tối đa %(n)s từ khóa mỗi danh sách.") % {"n": matching.MAX_KEYWORDS}]
    else:
        long = [keyword for keyword in keywords if len(keyword) > matching.MAX_KEYWORD_LENGTH]
        if long:
            errors["keywords"] = [
                _("Từ khóa dài quá %(n)s ký tự: %(keyword)s")
                % {"n": matching.MAX_KEYWORD_LENGTH, "keyword": long[0][:60]}
            ]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def watch_list_create(*, actor, owner, name: str, keywords: str, is_active: bool = True) -> WatchList:
    _check_department(actor, owner)
    name, words = " ".join((name or "").split()), matching.keywords_of(keywords)
    _validate_watch_list(owner=owner, name=name, keywords=words)
    watch_list = WatchList.objects.create(owner=owner, name=name, keywords="\n".join(words), is_active=is_active)
    audit.record_create(actor=actor, target=watch_list)
    rematch_recent(watch_list)
    return watch_list


@transaction.atomic
def watch_list_update(*, actor, watch_list: WatchList, expected_version: int, **values) -> WatchList:
    before = audit.snapshot(watch_list)
    fields = [key for key in ("name", "keywords", "is_active") if key in values]
    if "name" in values:
        watch_list.name = " ".join((values["name"] or "").split())
    if "keywords" in values:
        watch_list.keywords = "\n".join(matching.keywords_of(values["keywords"]))
    if "is_active" in values:
        watch_list.is_active = bool(values["is_active"])
    _validate_watch_list(
        owner=watch_list.owner,
        name=watch_list.name,
        keywords=matching.keywords_of(watch_list.keywords),
        exclude_pk=watch_list.pk,
    )
    save_versioned(watch_list, expected_version=expected_version, fields=[*fields, "updated_at"])
    audit.record_update(actor=actor, target=watch_list, before=before)
    rematch_recent(watch_list)
    return watch_list


def rematch_recent(watch_list: WatchList, *, today: dt.date | None = None) -> int | None:
    """Match the department's items of the last REMATCH_DAYS days against a saved list:
    at once when they are few, else in a background job. Returns the number of new
    matches (None when queued)."""
    if not watch_list.is_active:
        return 0
    today = today or timezone.localdate()
    recent = PressItem.objects.filter(
        owner_id=watch_list.owner_id, published_on__gte=today - dt.timedelta(days=REMATCH_DAYS)
    )
    if recent.count() > REMATCH_INLINE_LIMIT:
        from django_q.tasks import async_task

        async_task(
            REMATCH_JOB, watch_list.pk, task_name=f"press-rematch-{watch_list.pk}-{timezone.now():%Y%m%d%H%M%S%f}"
        )
        return None
    return len(match_items(list(recent.order_by("-published_on", "-id")), watch_lists=[watch_list]))


def match_items(items: list[PressItem], *, watch_lists: list[WatchList] | None = None) -> list[WatchMatch]:
    """Match items against their departments' active watch lists (or the lists given):
    record each new match (one per item and list), flag the item, and notify the
    department's editors once per item. A constant number of queries per department."""
    if not items:
        return []
    owner_ids = {item.owner_id for item in items}
    if watch_lists is None:
        watch_lists = list(WatchList.objects.filter(owner_id__in=owner_ids, is_active=True).order_by("name", "id"))
    matchers = [(watch_list, matching.Matcher(matching.keywords_of(watch_list.keywords))) for watch_list in watch_lists]
    if not matchers:
        return []
    already = set(
        WatchMatch.objects.filter(
            item_id__in=[item.pk for item in items], watch_list_id__in=[w.pk for w, _m in matchers]
        ).values_list("item_id", "watch_list_id")
    )
    new: list[WatchMatch] = []
    flagged: dict[int, PressItem] = {}
    for item in items:
        for watch_list, matcher in matchers:
            if watch_list.owner_id != item.owner_id or (item.pk, watch_list.pk) in already:
                continue
            keyword = matcher.first_match(item.title, item.summary)
            if keyword:
                new.append(WatchMatch(item=item, watch_list=watch_list, keyword=keyword[:255]))
                flagged[item.pk] = item
    if not new:
        return []
    WatchMatch.objects.bulk_create(new, ignore_conflicts=True, batch_size=500)
    PressItem.objects.filter(pk__in=list(flagged), is_flagged=False).update(is_flagged=True)
    for item in flagged.values():
        item.is_flagged = True
    _notify_flagged(list(flagged.values()), new)
    return new


def _notify_flagged(items: list[PressItem], matches: list[WatchMatch]) -> None:
    keywords: dict[int, list[str]] = {}
    for match in matches:
        keywords.setdefault(match.item.pk, []).append(match.keyword)
    members = organization_members({item.owner_id for item in items}, NOTIFIED_ROLES)
    notifications = []
    for item in items:
        title = _("Tin báo chí khớp từ khóa theo dõi: %(title)s") % {"title": item.title[:150]}
        body = _("%(outlet)s, %(date)s. Từ khóa: %(keywords)s.") % {
            "outlet": item.outlet,
            "date": item.published_on.strftime("%d/%m/%Y"),
            "keywords": ", ".join(keywords.get(item.pk, [])),
        }
        url = reverse("press:item_detail", args=[item.pk])
        notifications.extend(
            NotificationInput(
                recipient_id=user_id,
                kind=kinds.PRESS_ITEM_FLAGGED,
                title=title,
                body=body,
                url=url,
                dedupe_key=f"press-flagged:{item.pk}",
            )
            for user_id in members.get(item.owner_id, [])
        )
    notify_many(notifications)


# --- weekly digests -----------------------------------------------------------------------


def week_before(today: dt.date) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of the week before the one `today` is in."""
    monday = today - dt.timedelta(days=today.weekday()) - dt.timedelta(days=7)
    return monday, monday + dt.timedelta(days=6)


def digests_build(*, today: dt.date | None = None) -> list[PressDigest]:
    """One digest per programme in force with hot items linked to it published in the
    previous week (Monday to Sunday), and a notification to the members of every party.
    Running it again for the same week creates and sends nothing."""
    today = today or timezone.localdate()
    start, end = week_before(today)
    links = (
        PressItem.programs.through.objects.filter(
            program__status=Program.Status.IN_FORCE,
            pressitem__is_hot=True,
            pressitem__published_on__gte=start,
            pressitem__published_on__lte=end,
        )
        .order_by("program_id", "pressitem_id")
        .values_list("program_id", "pressitem_id")
    )
    by_program: dict[int, list[int]] = {}
    for program_id, item_id in links:
        by_program.setdefault(program_id, []).append(item_id)
    if not by_program:
        return []
    done = set(
        PressDigest.objects.filter(program_id__in=list(by_program), week_start=start).values_list(
            "program_id", flat=True
        )
    )
    created: list[PressDigest] = []
    with transaction.atomic():
        for program_id, item_ids in by_program.items():
            if program_id in done:
                continue
            digest, made = PressDigest.objects.get_or_create(program_id=program_id, week_start=start)
            if not made:
                continue
            digest.items.set(item_ids)
            digest.item_count = len(item_ids)
            created.append(digest)
        _notify_digests(created, start, end)
    return created


def _notify_digests(digests: list[PressDigest], start: dt.date, end: dt.date) -> None:
    if not digests:
        return
    program_ids = [digest.program_id for digest in digests]
    titles = dict(Program.objects.filter(pk__in=program_ids).values_list("pk", "title"))
    parties: dict[int, set[int]] = {}
    for program_id, organization_id in ProgramParty.objects.filter(program_id__in=program_ids).values_list(
        "program_id", "organization_id"
    ):
        parties.setdefault(program_id, set()).add(organization_id)
    members = organization_members({org for orgs in parties.values() for org in orgs})
    notifications = []
    values = {"start": start.strftime("%d/%m/%Y"), "end": end.strftime("%d/%m/%Y")}
    for digest in digests:
        title = _("Điểm báo tuần %(start)s–%(end)s: %(program)s") % {**values, "program": titles[digest.program_id]}
        body = _("%(n)s tin nổi bật trên báo chí liên quan đến chương trình.") % {"n": digest.item_count}
        recipients = {user for org in parties.get(digest.program_id, ()) for user in members.get(org, [])}
        notifications.extend(
            NotificationInput(
                recipient_id=user_id,
                kind=kinds.PRESS_DIGEST_READY,
                title=title,
                body=body,
                url=reverse("press:digest_detail", args=[digest.pk]),
                dedupe_key=f"press-digest:{digest.program_id}:{start.isoformat()}",
            )
            for user_id in sorted(recipients)
        )
    notify_many(notifications)
