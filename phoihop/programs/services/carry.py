"""Re-organisations carry open programme work to the successors."""

from __future__ import annotations

from django.db.models import F
from django.utils.translation import gettext as _

from phoihop.audit import services as audit
from phoihop.audit.models import AuditEntry
from phoihop.programs.models import (
    PartyRole,
    Program,
    ProgramParty,
    ProgressReport,
    Task,
    TaskPart,
)

# --- re-organisations carry open work ------------------------------------------------

CARRIED_PROGRAM_STATUSES = (Program.Status.DRAFT, Program.Status.SIGNED, Program.Status.IN_FORCE)


def reorganization_carry_work(*, actor, reorganization) -> dict[str, int]:
    """Move the open programme work of the predecessors to the successor.

    Called once per re-organisation by `organisations.services.reorganizations_carry_due`
    (settings.PHOIHOP_REORGANIZATION_CARRIERS). Programmes not yet concluded or
    terminated get the successor as the party in place of each predecessor; open tasks
    get it as lead or partner. Signatures, finished tasks and concluded programmes keep
    the old names: that is history. A split (several successors) is not carried
    automatically and is left to the officers.
    """
    counts = {"programs": 0, "tasks": 0}
    successors = list(reorganization.successors.all())
    if len(successors) != 1:
        return counts
    successor = successors[0]
    for predecessor in reorganization.predecessors.all():
        counts["programs"] += _carry_program_parties(actor, predecessor, successor)
        counts["tasks"] += _carry_tasks(actor, predecessor, successor)
    return counts


def _carry_message(predecessor, successor) -> str:
    return _("Chuyển từ %(old)s sang %(new)s do sắp xếp tổ chức") % {"old": predecessor.name, "new": successor.name}


def _carry_program_parties(actor, predecessor, successor) -> int:
    moved = 0
    parties = ProgramParty.objects.filter(
        organization=predecessor, program__status__in=CARRIED_PROGRAM_STATUSES
    ).select_related("program")
    for party in parties:
        program = party.program
        existing = ProgramParty.objects.filter(program=program, organization=successor).first()
        if existing is not None:
            if party.role == PartyRole.LEAD:
                existing.role = PartyRole.LEAD
            if party.responsibilities and party.responsibilities not in existing.responsibilities:
                existing.responsibilities = "\n\n".join(
                    t for t in (existing.responsibilities, party.responsibilities) if t
                )
            existing.save(update_fields=["role", "responsibilities"])
            party.delete()
        else:
            party.organization = successor
            party.save(update_fields=["organization"])
        Program.objects.filter(pk=program.pk).update(version=F("version") + 1)
        audit.record(
            actor=actor,
            action=AuditEntry.Action.EVENT,
            event="carried_over",
            target=program,
            changes={"parties": [predecessor.name, successor.name]},
            message=_carry_message(predecessor, successor),
        )
        moved += 1
    return moved


def _carry_tasks(actor, predecessor, successor) -> int:
    moved = 0
    open_parts = TaskPart.objects.filter(
        organization=predecessor,
        task__status=Task.Status.OPEN,
        task__plan__program__status__in=CARRIED_PROGRAM_STATUSES,
    ).select_related("task")
    for part in open_parts:
        task = part.task
        clash = TaskPart.objects.filter(task=task, organization=successor).first()
        if clash is not None:
            # Both were parties: one part survives, and keeps every report. The lead's
            # own figures win, being the ones the task is judged by.
            ProgressReport.objects.filter(part=part).update(part=clash)
            if part.role == PartyRole.LEAD:
                clash.role = PartyRole.LEAD
                for field in ("progress", "note", "evidence_links", "evidence_counts", "reported_at"):
                    setattr(clash, field, getattr(part, field))
                clash.version += 1
                clash.save(
                    update_fields=[
                        "role",
                        "progress",
                        "note",
                        "evidence_links",
                        "evidence_counts",
                        "reported_at",
                        "version",
                    ]
                )
            part.delete()
        else:
            part.organization = successor
            part.save(update_fields=["organization"])
        if task.lead_id == predecessor.pk:
            Task.objects.filter(pk=task.pk).update(lead=successor, version=F("version") + 1)
        audit.record(
            actor=actor,
            action=AuditEntry.Action.EVENT,
            event="carried_over",
            target=task,
            changes={"organization": [predecessor.name, successor.name]},
            message=_carry_message(predecessor, successor),
        )
        moved += 1
    return moved
