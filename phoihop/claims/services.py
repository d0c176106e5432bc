"""Every write to false claims: record, edit, move through verification, record the
official response, link and unlink hot issues and press items. One keyword-only function
per action, one transaction, audited; views, API, demo and tests call these.

The rules live here, for every caller:

* the owner is a department the actor edits for (leader, officer, focal point);
* the claim, the channel, where it was seen (an outlet, a page, a group, a platform —
  never a person) and the day it was seen (not in the future) are required; the claim
  and where it was seen are refused when they carry an obvious personal identifier
  (`claims.identity`: e-mail, phone number, identity-card number, profile link);
* the status changes only by `claims.transitions.CLAIM`; revising a conclusion or
  reopening it needs the reason; a claim whose official response is recorded is not
  revised to "true" nor reopened before the response is removed (the audit log keeps it);
* the official response — text, where published, link, date — is recorded together, all
  four or none, and only for a claim concluded false or misleading;
* linked hot issues and press items are ones the actor may see and that belong to the
  claim's own department;
* edits carry the version read; a stale one is refused (StaleVersionError), never merged.

`actor=None` is the system (demo, imports).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts import permissions
from phoihop.accounts.permissions import Action
from phoihop.audit import services as audit
from phoihop.audit.models import AuditEntry
from phoihop.claims import identity, transitions
from phoihop.claims.models import FalseClaim
from phoihop.core.concurrency import save_versioned
from phoihop.hotissues.models import HotIssue
from phoihop.opinion.models import Topic
from phoihop.organisations.models import Organization
from phoihop.press.models import PressItem

CLAIM_MAX = 10000
FACT_FIELDS = ("claim", "channel", "seen_where", "seen_on", "area", "topic")
RESPONSE_FIELDS = ("response", "response_published_where", "response_url", "response_published_on")


def _error(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def _may_change(actor, false_claim: FalseClaim) -> None:
    if actor is not None and not permissions.can(actor, Action.CHANGE, false_claim):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


# --- facts ----------------------------------------------------------------------------------


def _clean_facts(values: dict, *, today: dt.date, current_topic_id: int | None = None) -> dict[str, list[str]]:
    """Normalise `values` in place (stripped texts); return the errors by field."""
    errors: dict[str, list[str]] = {}
    values["claim"] = (values.get("claim") or "").strip()
    values["seen_where"] = (values.get("seen_where") or "").strip()
    if not values["claim"]:
        errors["claim"] = [_("Hãy nhập nội dung thông tin đang lan truyền.")]
    elif len(values["claim"]) > CLAIM_MAX:
        errors["claim"] = [_("Tối đa %(n)s ký tự.") % {"n": CLAIM_MAX}]
    if values.get("channel") not in FalseClaim.Channel.values:
        errors["channel"] = [_("Hãy chọn kênh phát hiện.")]
    if not values["seen_where"]:
        errors["seen_where"] = [_("Hãy nhập nơi phát hiện: cơ quan báo chí, trang, nhóm hoặc nền tảng.")]
    elif len(values["seen_where"]) > 500:
        errors["seen_where"] = [_("Tối đa %(n)s ký tự.") % {"n": 500}]
    for name in ("claim", "seen_where"):
        if name not in errors:
            kinds = identity.personal_identifiers(values[name])
            if kinds:
                errors[name] = [identity.message(kinds)]
    seen_on = values.get("seen_on")
    if seen_on is None:
        errors["seen_on"] = [_("Hãy nhập ngày phát hiện.")]
    elif seen_on > today:
        errors["seen_on"] = [_("Ngày phát hiện không thể ở tương lai.")]
    topic = values.get("topic")
    if topic is not None and not topic.is_active and topic.pk != current_topic_id:
        errors["topic"] = [_("Chủ đề “%(topic)s” không còn được dùng.") % {"topic": topic.name}]
    return errors


def false_claim_create(
    *,
    actor,
    owner: Organization | None,
    claim: str,
    channel: str,
    seen_where: str,
    seen_on: dt.date | None,
    area=None,
    topic: Topic | None = None,
) -> FalseClaim:
    """Record a false claim in circulation for the department `owner`."""
    values = {
        "claim": claim,
        "channel": channel,
        "seen_where": seen_where,
        "seen_on": seen_on,
        "area": area,
        "topic": topic,
    }
    errors = _clean_facts(values, today=timezone.localdate())
    if owner is None:
        errors["owner"] = [_("Hãy chọn ban theo dõi.")]
    elif actor is not None and not (
        permissions.principal(actor).is_admin or owner.pk in permissions.principal(actor).editor_organization_ids
    ):
        errors["owner"] = [_("Chỉ lãnh đạo, chuyên viên của ban mới ghi nhận thông tin sai sự thật cho ban.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        false_claim = FalseClaim(
            owner=owner,
            created_by=actor if actor is not None and getattr(actor, "is_authenticated", False) else None,
            **values,
        )
        false_claim.save()
        audit.record_create(actor=actor, target=false_claim)
    return false_claim


def false_claim_update(*, actor, false_claim: FalseClaim, expected_version: int, **values) -> FalseClaim:
    """Change the facts (only the fields given among FACT_FIELDS)."""
    _may_change(actor, false_claim)
    unknown = set(values) - set(FACT_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    merged = {name: values.get(name, getattr(false_claim, name)) for name in FACT_FIELDS}
    errors = _clean_facts(merged, today=timezone.localdate(), current_topic_id=false_claim.topic_id)
    if errors:
        raise ValidationError(errors)
    before = audit.snapshot(false_claim)
    fields = list(values)
    for name in fields:
        setattr(false_claim, name, merged[name])
    with transaction.atomic():
        save_versioned(false_claim, expected_version=expected_version, fields=fields)
        audit.record_update(actor=actor, target=false_claim, before=before)
    return false_claim


# --- verification ---------------------------------------------------------------------------


def false_claim_transition(
    *, actor, false_claim: FalseClaim, action: str, expected_version: int, reason: str = ""
) -> FalseClaim:
    """Move the claim through verification (`transitions.CLAIM`)."""
    _may_change(actor, false_claim)
    transition = transitions.check(
        transitions.CLAIM, action, false_claim.status, false_claim.get_status_display(), reason
    )
    if false_claim.response and transition.target not in transitions.RESPONDED:
        raise _error(
            "action",
            _("Đã có thông tin chính thức phản bác nội dung này; hãy gỡ thông tin chính thức trước khi “%(action)s”.")
            % {"action": transition.label},
        )
    tracked = ["status", "status_reason"]
    before = audit.snapshot(false_claim, tracked)
    false_claim.status = transition.target
    false_claim.status_reason = (reason or "").strip()
    with transaction.atomic():
        save_versioned(false_claim, expected_version=expected_version, fields=tracked)
        audit.record(
            actor=actor,
            action=AuditEntry.Action.EVENT,
            event=f"false_claim_{action}",
            target=false_claim,
            changes=audit.diff(before, audit.snapshot(false_claim, tracked)),
            message=str(transition.label) + (f": {false_claim.status_reason}" if false_claim.status_reason else ""),
        )
    return false_claim


# --- the official response -------------------------------------------------------------------


def false_claim_respond(
    *,
    actor,
    false_claim: FalseClaim,
    expected_version: int,
    response: str = "",
    published_where: str = "",
    url: str = "",
    published_on: dt.date | None = None,
) -> FalseClaim:
    """Record (or correct) the official response: text, where published, link and date,
    all four together. All four empty removes the response."""
    _may_change(actor, false_claim)
    response, published_where, url = (response or "").strip(), (published_where or "").strip(), (url or "").strip()
    given = {
        "response": response,
        "response_published_where": published_where,
        "response_url": url,
        "response_published_on": published_on,
    }
    clearing = not any(given.values())
    errors: dict[str, list[str]] = {}
    if not clearing:
        if false_claim.status not in transitions.RESPONDED:
            raise _error(
                "__all__",
                _("Chỉ ghi nhận thông tin chính thức khi đã kết luận nội dung là sai sự thật hoặc gây hiểu lầm."),
            )
        if not response:
            errors["response"] = [_("Hãy nhập nội dung thông tin chính thức.")]
        if not published_where:
            errors["response_published_where"] = [_("Hãy nhập nơi đăng tải thông tin chính thức.")]
        elif len(published_where) > 500:
            errors["response_published_where"] = [_("Tối đa %(n)s ký tự.") % {"n": 500}]
        if not url:
            errors["response_url"] = [_("Hãy nhập đường dẫn tới bài đăng.")]
        else:
            try:
                URLValidator(schemes=["http", "https"])(url)
            except ValidationError:
                errors["response_url"] = [_("Đường dẫn không hợp lệ (bắt đầu bằng http:// hoặc https://).")]
            if len(url) > 2000:
                errors["response_url"] = [_("Tối đa %(n)s ký tự.") % {"n": 2000}]
        if published_on is None:
            errors["response_published_on"] = [_("Hãy nhập ngày đăng tải.")]
        elif published_on > timezone.localdate():
            errors["response_published_on"] = [_("Ngày đăng tải không thể ở tương lai.")]
    if errors:
        raise ValidationError(errors)
    before = audit.snapshot(false_claim, list(RESPONSE_FIELDS))
    for name, value in given.items():
        setattr(false_claim, name, value)
    with transaction.atomic():
        save_versioned(false_claim, expected_version=expected_version, fields=list(RESPONSE_FIELDS))
        audit.record(
            actor=actor,
            action=AuditEntry.Action.EVENT,
            event="false_claim_response_removed" if clearing else "false_claim_responded",
            target=false_claim,
            changes=audit.diff(before, audit.snapshot(false_claim, list(RESPONSE_FIELDS))),
            message=_("Gỡ thông tin chính thức.") if clearing else _("Ghi nhận thông tin chính thức."),
        )
    return false_claim


# --- links ------------------------------------------------------------------------------------


def _check_linkable(actor, false_claim: FalseClaim, hot_issues: list, press_items: list) -> None:
    errors: dict[str, list[str]] = {}
    checks = (
        ("hot_issues", hot_issues, permissions.visible_hot_issues, _("Vấn đề “%(title)s”")),
        ("press_items", press_items, permissions.visible_press_items, _("Tin bài “%(title)s”")),
    )
    for field, objects, visible, label in checks:
        seen = (
            set(visible(actor).filter(pk__in=[o.pk for o in objects]).values_list("pk", flat=True)) if actor else None
        )
        for obj in objects:
            if seen is not None and obj.pk not in seen:
                errors.setdefault(field, []).append(_("Không tìm thấy: %(id)s.") % {"id": obj.pk})
            elif obj.owner_id != false_claim.owner_id:
                errors.setdefault(field, []).append(
                    (label % {"title": str(obj)[:80]}) + " " + _("không thuộc ban theo dõi thông tin này.")
                )
    if errors:
        raise ValidationError(errors)


def _link_change(*, actor, false_claim: FalseClaim, hot_issues, press_items, adding: bool) -> FalseClaim:
    _may_change(actor, false_claim)
    hot_issues = list(dict.fromkeys(hot_issues or ()))
    press_items = list(dict.fromkeys(press_items or ()))
    if adding:
        _check_linkable(actor, false_claim, hot_issues, press_items)
    before = audit.snapshot(false_claim, ["hot_issues", "press_items"])
    with transaction.atomic():
        method = "add" if adding else "remove"
        getattr(false_claim.hot_issues, method)(*hot_issues)
        getattr(false_claim.press_items, method)(*press_items)
        changes = audit.diff(before, audit.snapshot(false_claim, ["hot_issues", "press_items"]))
        if changes:
            audit.record(
                actor=actor,
                action=AuditEntry.Action.EVENT,
                event="false_claim_linked" if adding else "false_claim_unlinked",
                target=false_claim,
                changes=changes,
                message=_("Liên kết vấn đề nổi cộm, tin bài.") if adding else _("Bỏ liên kết vấn đề nổi cộm, tin bài."),
            )
    return false_claim


def false_claim_link(
    *, actor, false_claim: FalseClaim, hot_issues: Iterable[HotIssue] = (), press_items: Iterable[PressItem] = ()
) -> FalseClaim:
    """Link hot issues and press items of the claim's department (idempotent)."""
    return _link_change(
        actor=actor, false_claim=false_claim, hot_issues=hot_issues, press_items=press_items, adding=True
    )


def false_claim_unlink(
    *, actor, false_claim: FalseClaim, hot_issues: Iterable[HotIssue] = (), press_items: Iterable[PressItem] = ()
) -> FalseClaim:
    """Remove links (idempotent; a link that is not there is ignored)."""
    return _link_change(
        actor=actor, false_claim=false_claim, hot_issues=hot_issues, press_items=press_items, adding=False
    )
