"""Writes to the organisation registry. Every change is one transaction with its audit row."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from phoihop.audit import services as audit
from phoihop.audit.models import AuditEntry
from phoihop.core.concurrency import save_versioned
from phoihop.organisations import lineage
from phoihop.organisations.models import AdministrativeUnit, Level, Organization, Reorganization

ORGANIZATION_FIELDS = (
    "name",
    "short_name",
    "kind",
    "level",
    "administrative_unit",
    "parent",
    "issuer_code",
    "valid_from",
    "valid_to",
    "description",
)


def validate_organization(org: Organization) -> None:
    """Field-level checks a form, the API and the demo loader all rely on."""
    errors: dict[str, list[str]] = {}
    org.name = (org.name or "").strip()
    org.short_name = (org.short_name or "").strip()
    org.issuer_code = (org.issuer_code or "").strip()
    if not org.name:
        errors.setdefault("name", []).append(_("Hãy nhập tên cơ quan."))
    if org.valid_from and org.valid_to and org.valid_to < org.valid_from:
        errors.setdefault("valid_to", []).append(_("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."))

    unit: AdministrativeUnit | None = org.administrative_unit
    if org.level == Level.CENTRAL:
        if unit is not None:
            errors.setdefault("administrative_unit", []).append(
                _("Cơ quan cấp Trung ương không gắn với một địa bàn; hãy để trống.")
            )
    elif unit is None:
        errors.setdefault("administrative_unit", []).append(_("Hãy chọn địa bàn của cơ quan."))
    elif unit.level != org.level:
        errors.setdefault("administrative_unit", []).append(
            _("Cấp của cơ quan (%(org_level)s) không khớp với cấp của địa bàn %(unit)s (%(unit_level)s).")
            % {"org_level": org.get_level_display(), "unit": unit.name, "unit_level": unit.get_level_display()}
        )
    elif not _periods_overlap(org.valid_from, org.valid_to, unit.valid_from, unit.valid_to) or (
        unit.valid_to and (org.valid_to is None or org.valid_to > unit.valid_to)
    ):
        errors.setdefault("valid_to", []).append(
            _("Thời gian hiệu lực của cơ quan phải nằm trong thời gian tồn tại của địa bàn %(unit)s (%(period)s).")
            % {"unit": unit.name, "period": _period_text(unit.valid_from, unit.valid_to)}
        )

    if org.parent_id is not None:
        if org.pk is not None and org.parent_id == org.pk:
            errors.setdefault("parent", []).append(_("Một cơ quan không thể trực thuộc chính nó."))
        elif org.pk is not None and _is_descendant(org.parent_id, org.pk):
            errors.setdefault("parent", []).append(
                _("Cơ quan cấp trên không thể là một đơn vị trực thuộc của cơ quan này.")
            )

    if org.issuer_code:
        clash = (
            Organization.objects.overlapping(org.valid_from, org.valid_to)
            .filter(issuer_code__iexact=org.issuer_code, administrative_unit=unit, level=org.level)
            .exclude(pk=org.pk)
            .first()
        )
        if clash is not None:
            errors.setdefault("issuer_code", []).append(
                _("Ký hiệu %(code)s đã được %(other)s dùng trong cùng địa bàn và thời gian hiệu lực.")
                % {"code": org.issuer_code, "other": clash.name}
            )
    if errors:
        raise ValidationError(errors)


def _periods_overlap(a_from, a_to, b_from, b_to) -> bool:
    return (a_to is None or b_from is None or a_to >= b_from) and (b_to is None or a_from is None or b_to >= a_from)


def _period_text(start: dt.date | None, end: dt.date | None) -> str:
    left = start.strftime("%d/%m/%Y") if start else "…"
    right = end.strftime("%d/%m/%Y") if end else "…"
    return f"{left} – {right}"


def _is_descendant(candidate_id: int, ancestor_id: int) -> bool:
    """Is `candidate_id` below `ancestor_id` in the parent tree? (Trees are shallow.)"""
    seen = set()
    current = candidate_id
    while current is not None and current not in seen:
        if current == ancestor_id:
            return True
        seen.add(current)
        current = Organization.objects.filter(pk=current).values_list("parent_id", flat=True).first()
    return False


@transaction.atomic
def organization_create(*, actor, **values) -> Organization:
    org = Organization(**{key: values.get(key) for key in ORGANIZATION_FIELDS if key in values})
    for text_field in ("short_name", "issuer_code", "description"):
        if getattr(org, text_field) is None:
            setattr(org, text_field, "")
    validate_organization(org)
    org.save()
    audit.record_create(actor=actor, target=org)
    return org


@transaction.atomic
def organization_update(*, actor, organization: Organization, expected_version: int, **values) -> Organization:
    """Change the given fields; refused if someone else saved since `expected_version`."""
    before = audit.snapshot(Organization.objects.get(pk=organization.pk))
    changed = [key for key in ORGANIZATION_FIELDS if key in values]
    for key in changed:
        setattr(
            organization,
            key,
            values[key] if values[key] is not None or key not in ("short_name", "issuer_code", "description") else "",
        )
    validate_organization(organization)
    save_versioned(organization, expected_version=expected_version, fields=changed)
    audit.record_update(actor=actor, target=organization, before=before)
    return organization


REORGANIZATION_SHAPE = {
    # kind: (min predecessors, max predecessors, min successors, max successors)
    Reorganization.Kind.MERGE: (2, None, 1, 1),
    Reorganization.Kind.SPLIT: (1, 1, 2, None),
    Reorganization.Kind.RENAME: (1, 1, 1, 1),
    Reorganization.Kind.DISSOLUTION: (1, None, 0, 0),
}


def validate_reorganization(
    *, kind: str, effective_date: dt.date, predecessors: list[Organization], successors: list[Organization]
) -> None:
    errors: dict[str, list[str]] = {}
    low_p, high_p, low_s, high_s = REORGANIZATION_SHAPE[kind]
    label = Reorganization.Kind(kind).label
    if len(predecessors) < low_p or (high_p is not None and len(predecessors) > high_p):
        errors.setdefault("predecessors", []).append(
            _("%(kind)s cần %(count)s cơ quan trước sắp xếp.") % {"kind": label, "count": _count_text(low_p, high_p)}
        )
    if len(successors) < low_s or (high_s is not None and len(successors) > high_s):
        errors.setdefault("successors", []).append(
            _("Giải thể không có cơ quan sau sắp xếp.")
            if high_s == 0
            else _("%(kind)s cần %(count)s cơ quan sau sắp xếp.") % {"kind": label, "count": _count_text(low_s, high_s)}
        )
    pred_ids = {org.pk for org in predecessors}
    succ_ids = {org.pk for org in successors}
    if pred_ids and succ_ids and lineage.would_create_cycle(pred_ids, succ_ids):
        errors.setdefault("successors", []).append(
            _(
                "Sắp xếp này tạo thành vòng lặp: một cơ quan sau sắp xếp đã là "
                "(hoặc là tiền thân của) một cơ quan trước sắp xếp."
            )
        )
    day_before = effective_date - dt.timedelta(days=1)
    for org in predecessors:
        if org.valid_from and org.valid_from >= effective_date:
            errors.setdefault("predecessors", []).append(
                _("%(org)s bắt đầu hiệu lực từ %(start)s, không thể kết thúc trước ngày %(date)s.")
                % {
                    "org": org.name,
                    "start": org.valid_from.strftime("%d/%m/%Y"),
                    "date": effective_date.strftime("%d/%m/%Y"),
                }
            )
        if org.valid_to and org.valid_to < day_before:
            errors.setdefault("predecessors", []).append(
                _("%(org)s đã hết hiệu lực từ %(end)s, trước ngày sắp xếp.")
                % {"org": org.name, "end": org.valid_to.strftime("%d/%m/%Y")}
            )
        if org.reorganizations_as_predecessor.exists():
            errors.setdefault("predecessors", []).append(
                _("%(org)s đã được sắp xếp trước đó; hãy chọn cơ quan kế tục của nó.") % {"org": org.name}
            )
    for org in successors:
        if org.valid_from is None or org.valid_from < effective_date:
            errors.setdefault("successors", []).append(
                _(
                    "%(org)s bắt đầu hiệu lực (%(start)s) trước khi cơ quan trước sắp xếp kết thúc; "
                    "cơ quan sau sắp xếp phải có hiệu lực từ ngày %(date)s."
                )
                % {
                    "org": org.name,
                    "start": org.valid_from.strftime("%d/%m/%Y") if org.valid_from else _("không rõ"),
                    "date": effective_date.strftime("%d/%m/%Y"),
                }
            )
    if errors:
        raise ValidationError(errors)


def _count_text(low: int, high: int | None) -> str:
    if high is None:
        return _("ít nhất %(n)s") % {"n": low}
    if low == high:
        return str(low)
    return f"{low}–{high}"


@transaction.atomic
def reorganization_record(
    *,
    actor,
    kind: str,
    effective_date: dt.date,
    legal_basis: str,
    predecessors: list[Organization],
    successors: list[Organization],
    note: str = "",
) -> Reorganization:
    """Record a merge, split, rename or dissolution.

    The predecessors end the day before the effective date; history keeps their names.
    """
    legal_basis = (legal_basis or "").strip()
    if not legal_basis:
        raise ValidationError({"legal_basis": [_("Hãy nhập căn cứ của việc sắp xếp (số, ngày văn bản).")]})
    # Lock the predecessors so two administrators cannot reorganise the same body at once.
    pred_ids = [org.pk for org in predecessors]
    predecessors = list(Organization.objects.select_for_update().filter(pk__in=pred_ids))
    validate_reorganization(kind=kind, effective_date=effective_date, predecessors=predecessors, successors=successors)
    reorg = Reorganization.objects.create(
        kind=kind, effective_date=effective_date, legal_basis=legal_basis, note=note or "", recorded_by=actor
    )
    reorg.predecessors.set(predecessors)
    reorg.successors.set(successors)
    audit.record_create(actor=actor, target=reorg)
    day_before = effective_date - dt.timedelta(days=1)
    for org in predecessors:
        before = audit.snapshot(org)
        org.valid_to = day_before
        org.version += 1
        org.save(update_fields=["valid_to", "version", "updated_at"])
        audit.record(
            actor=actor,
            action=AuditEntry.Action.EVENT,
            event="reorganized",
            target=org,
            changes=audit.diff(before, audit.snapshot(org)),
            message=_("%(kind)s từ %(date)s theo %(basis)s")
            % {"kind": reorg.get_kind_display(), "date": effective_date.strftime("%d/%m/%Y"), "basis": legal_basis},
        )
    for org in successors:
        audit.record(
            actor=actor,
            action=AuditEntry.Action.EVENT,
            event="reorganized",
            target=org,
            message=_("Kế tục %(names)s từ %(date)s")
            % {"names": ", ".join(p.name for p in predecessors), "date": effective_date.strftime("%d/%m/%Y")},
        )
    if effective_date <= timezone.localdate():
        reorganization_carry_work(actor=actor, reorganization=reorg)
    return reorg


def _carriers():
    """The functions that move open work to successors, declared in one place:
    settings.PHOIHOP_REORGANIZATION_CARRIERS (each app that owns work adds its own)."""
    return [import_string(path) for path in settings.PHOIHOP_REORGANIZATION_CARRIERS]


@transaction.atomic
def reorganization_carry_work(*, actor, reorganization: Reorganization) -> dict[str, int]:
    """Carry the open work of one re-organisation to its successors, exactly once."""
    locked = Reorganization.objects.select_for_update().get(pk=reorganization.pk)
    totals: dict[str, int] = {}
    if locked.work_carried_at is not None:
        return totals
    for carrier in _carriers():
        for key, count in carrier(actor=actor, reorganization=locked).items():
            totals[key] = totals.get(key, 0) + count
    locked.work_carried_at = timezone.now()
    locked.save(update_fields=["work_carried_at"])
    reorganization.work_carried_at = locked.work_carried_at
    return totals


def reorganizations_carry_due(*, actor=None, today: dt.date | None = None) -> dict[str, int]:
    """Carry the work of every re-organisation whose effective date has come.

    Run right after a re-organisation is recorded and by the daily job, so one recorded
    ahead of its date takes effect on that date.
    """
    today = today or timezone.localdate()
    totals = {"reorganizations": 0}
    due = Reorganization.objects.filter(effective_date__lte=today, work_carried_at__isnull=True).order_by(
        "effective_date", "id"
    )
    for reorganization in due:
        totals["reorganizations"] += 1
        for key, count in reorganization_carry_work(actor=actor, reorganization=reorganization).items():
            totals[key] = totals.get(key, 0) + count
    return totals
