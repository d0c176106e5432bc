"""Annual plans: creation, signatures, transitions and copying to the next year."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from phoihop.audit import services as audit
from phoihop.audit.models import AuditEntry
from phoihop.core.concurrency import save_versioned
from phoihop.organisations import lineage
from phoihop.programs import transitions
from phoihop.programs.models import (
    AnnualPlan,
    PartyRole,
    Program,
    Signature,
    Task,
    TaskPart,
)
from phoihop.programs.services._common import _error, _fmt, _validate_signature
from phoihop.programs.services.tasks import task_create

# --- annual plans --------------------------------------------------------------------


def _validate_plan_year(program: Program, year: int | None) -> None:
    if year is None or not program.start_year <= year <= program.end_year:
        raise _error(
            "year",
            _("Năm của kế hoạch phải nằm trong thời gian của chương trình (%(period)s).") % {"period": program.period},
        )
    if program.status in (Program.Status.CONCLUDED, Program.Status.TERMINATED):
        raise _error("__all__", _("Chương trình đã kết thúc, không thể thêm kế hoạch."))


@transaction.atomic
def plan_create(
    *, actor, program: Program, year: int, title: str, number_symbol: str = "", summary: str = ""
) -> AnnualPlan:
    _validate_plan_year(program, year)
    title = (title or "").strip()
    if not title:
        raise _error("title", _("Hãy nhập tên kế hoạch."))
    if program.plans.filter(year=year).exists():
        raise _error("year", _("Chương trình đã có kế hoạch năm %(year)s.") % {"year": year})
    plan = AnnualPlan.objects.create(
        program=program, year=year, title=title, number_symbol=(number_symbol or "").strip(), summary=summary or ""
    )
    audit.record_create(actor=actor, target=plan)
    return plan


@transaction.atomic
def plan_update(*, actor, plan: AnnualPlan, expected_version: int, **values) -> AnnualPlan:
    before = audit.snapshot(plan)
    fields = [key for key in ("title", "number_symbol", "summary") if key in values]
    for key in fields:
        setattr(plan, key, (values[key] or "").strip() if key != "summary" else values[key] or "")
    if not plan.title:
        raise _error("title", _("Hãy nhập tên kế hoạch."))
    save_versioned(plan, expected_version=expected_version, fields=fields)
    audit.record_update(actor=actor, target=plan, before=before)
    return plan


@transaction.atomic
def plan_sign(
    *, actor, plan: AnnualPlan, organization, signer_name: str, signer_position: str, signed_on, place: str = ""
) -> Signature:
    if plan.status != AnnualPlan.Status.DRAFT:
        raise _error("__all__", _("Chỉ ký được kế hoạch đang là dự thảo."))
    _validate_signature(
        organization=organization,
        parties_ids=set(plan.program.parties.values_list("organization_id", flat=True)),
        signer_name=signer_name,
        signer_position=signer_position,
        signed_on=signed_on,
    )
    # Lock the plan so two people signing for the same party at once cannot both succeed.
    AnnualPlan.objects.select_for_update().filter(pk=plan.pk).first()
    already = _error("organization", _("%(org)s đã ký kế hoạch này.") % {"org": organization.name})
    if plan.signatures.filter(organization=organization).exists():
        raise already
    try:
        with transaction.atomic():
            signature = Signature.objects.create(
                plan=plan,
                organization=organization,
                signer_name=signer_name.strip(),
                signer_position=signer_position.strip(),
                signed_on=signed_on,
                place=(place or "").strip(),
            )
    except IntegrityError:  # the unique constraint caught a concurrent signing
        raise already from None
    audit.record(
        actor=actor,
        action=AuditEntry.Action.EVENT,
        event="signed",
        target=plan,
        message=_("%(name)s, %(position)s ký thay mặt %(org)s ngày %(date)s")
        % {
            "name": signature.signer_name,
            "position": signature.signer_position,
            "org": organization.name,
            "date": _fmt(signed_on),
        },
    )
    return signature


@transaction.atomic
def plan_transition(*, actor, plan: AnnualPlan, action: str, expected_version: int, reason: str = "") -> AnnualPlan:
    transition = transitions.check(transitions.PLAN, action, plan.status, plan.get_status_display(), reason)
    if action == "sign" and not plan.signatures.exists():
        raise _error("action", _("Kế hoạch chưa có chữ ký nào."))
    before = audit.snapshot(plan, ["status"])
    plan.status = transition.target
    save_versioned(plan, expected_version=expected_version, fields=["status"])
    audit.record(
        actor=actor,
        action=AuditEntry.Action.EVENT,
        event=f"plan_{action}",
        target=plan,
        changes=audit.diff(before, audit.snapshot(plan, ["status"])),
        message=str(transition.label) + (f": {reason.strip()}" if reason and reason.strip() else ""),
    )
    return plan


def _shift_year(day: dt.date | None, years: int) -> dt.date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@transaction.atomic
def plan_copy_to_next_year(*, actor, plan: AnnualPlan) -> AnnualPlan:
    """A draft plan for the next year with the same tasks, dates moved by a year and
    progress reset."""
    program = plan.program
    year = plan.year + 1
    _validate_plan_year(program, year)
    if program.plans.filter(year=year).exists():
        raise _error("year", _("Chương trình đã có kế hoạch năm %(year)s.") % {"year": year})
    title = plan.title.replace(str(plan.year), str(year)) if str(plan.year) in plan.title else f"{plan.title} ({year})"
    # Cancelled tasks are not carried into the new year; the others are copied through
    # task_create, so they meet every rule a new task meets.
    tasks = list(
        plan.tasks.exclude(status=Task.Status.CANCELLED)
        .prefetch_related(Prefetch("parts", queryset=TaskPart.objects.select_related("organization")))
        .select_related("lead")
        .order_by("due_date", "id")
    )
    party_ids = set(program.parties.values_list("organization_id", flat=True))
    copies = []
    for task in tasks:
        due = _shift_year(task.due_date, 1)
        if not program.covers(due):
            raise _error(
                "year",
                _("Nhiệm vụ “%(task)s” sẽ có hạn %(date)s, ngoài thời gian của chương trình (%(period)s).")
                % {"task": task.title, "date": _fmt(due), "period": program.period},
            )
        lead = _current_party(task.lead, due, party_ids, task)
        partners = [
            _current_party(part.organization, due, party_ids, task)
            for part in task.parts.all()
            if part.role == PartyRole.PARTNER
        ]
        copies.append((task, lead, [org for org in partners if org.pk != lead.pk], due))
    new_plan = AnnualPlan.objects.create(
        program=program, year=year, title=title, summary=plan.summary, copied_from=plan
    )
    for task, lead, partners, due in copies:
        task_create(
            actor=actor,
            plan=new_plan,
            title=task.title,
            description=task.description,
            content_item=task.content_item,
            lead=lead,
            partners=partners,
            responsible_people=task.responsible_people,
            start_date=_shift_year(task.start_date, 1),
            due_date=due,
            phase=task.phase,
            channels=task.channel_list,
            expected_product=task.expected_product,
        )
    audit.record_create(actor=actor, target=new_plan, message=_("Sao chép từ %(plan)s") % {"plan": plan.title})
    return new_plan


def _current_party(organization, day: dt.date, party_ids: set[int], task: Task):
    """The organisation that does this work on `day`: itself while it is a party and
    valid, else its single successor among the programme's parties."""
    if organization.pk in party_ids and organization.is_valid_on(day):
        return organization
    candidates = [org for org in lineage.current_successors(organization, day) if org.pk in party_ids]
    if len(candidates) != 1:
        raise _error(
            "year",
            _("Không xác định được cơ quan thực hiện nhiệm vụ “%(task)s” thay cho %(org)s vào năm sau.")
            % {"task": task.title, "org": organization.name},
        )
    return candidates[0]
