"""Reads of information provisions, scoped to the user: the list (its filter shared by
the list page and the API list), one provision, the expected-versus-received matrix of a
programme and year, what the user's organisations owe (for "Việc của tôi" and the
reminders). Every function here runs a constant number of queries, whatever the number
of rows."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Max, Prefetch, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from phoihop.accounts import permissions
from phoihop.core.text import fold_words
from phoihop.documents.models import Document
from phoihop.programs.models import PartyRole, Program, ProgramParty
from phoihop.provisions import calendar
from phoihop.provisions.models import InformationProvision

Kind = InformationProvision.Kind


def _not_found():
    return Http404(_("Không tìm thấy."))


# --- the list --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProvisionFilter:
    q: str | None = None
    program: int | None = None
    provider: int | None = None
    receiver: int | None = None
    kind: str | None = None
    year: int | None = None
    acknowledged: bool | None = None


def provision_list(user, filters: ProvisionFilter = ProvisionFilter()):
    qs = (
        permissions.visible_provisions(user)
        .select_related("program", "provider", "receiver", "provided_by", "acknowledged_by")
        .annotate(document_count=Count("documents", distinct=True))
    )
    if filters.program:
        qs = qs.filter(program_id=filters.program)
    if filters.provider:
        qs = qs.filter(provider_id=filters.provider)
    if filters.receiver:
        qs = qs.filter(receiver_id=filters.receiver)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.acknowledged is not None:
        qs = qs.filter(acknowledged_at__isnull=not filters.acknowledged)
    for word in fold_words(filters.q):
        qs = qs.filter(search_text__contains=word)
    return qs.order_by("-provided_at", "-id")


def get_provision_for_user(user, pk: int, action: str = permissions.Action.VIEW) -> InformationProvision:
    """404 unless the user may see the provision; 403 if they see it but may not `action`."""
    provision = (
        InformationProvision.objects.select_related(
            "program", "provider", "receiver", "provided_by", "acknowledged_by", "corrects"
        )
        .filter(pk=pk)
        .first()
    )
    if provision is None:
        raise _not_found()
    permissions.check(user, action, provision)
    return provision


def provision_detail(user, provision: InformationProvision) -> dict:
    """What the provision page shows besides the provision: its documents (those the user
    may see, with their versions), the chain of corrections (the original it corrects,
    up to the first, and the corrections of it), one query each."""
    documents = list(
        permissions.visible_documents(user, provision.documents.all())
        .select_related("owner")
        .prefetch_related("versions")
        .order_by("sort_name", "id")
    )
    root_id = provision.corrects_id or provision.pk  # corrections link to the original
    family = list(
        permissions.visible_provisions(user)
        .filter(Q(pk=root_id) | Q(corrects_id=root_id))
        .select_related("provided_by")
        .order_by("provided_at", "id")
    )
    return {"documents": documents, "chain": family if len(family) > 1 else []}


# --- the matrix ------------------------------------------------------------------------------


@dataclass
class Cell:
    period: calendar.Period
    state: str
    provision: InformationProvision | None = None
    corrections: int = 0

    @property
    def acknowledged(self) -> bool:
        return self.provision is not None and self.provision.acknowledged_at is not None

    @property
    def label(self) -> str:
        return state_labels()[self.state]


@dataclass
class Row:
    provider: object
    cells: list[Cell]
    adhoc_on_time: int = 0
    adhoc_late: int = 0
    adhoc_no_deadline: int = 0
    adhoc: list[InformationProvision] = field(default_factory=list)

    def count(self, state: str) -> int:
        return sum(1 for cell in self.cells if cell.state == state)


@dataclass
class Matrix:
    program: Program
    year: int
    receiver: object | None
    periods: list[calendar.Period]
    rows: list[Row]
    window: calendar.Window | None
    today: dt.date

    def totals(self) -> dict[str, int]:
        result = dict.fromkeys(STATES, 0)
        for row in self.rows:
            for cell in row.cells:
                result[cell.state] = result.get(cell.state, 0) + 1
        return result

    def legend(self) -> list[tuple[str, str, int]]:
        """(state, label, number of cells) for each state, in the legend's order."""
        labels, totals = state_labels(), self.totals()
        return [(state, labels[state], totals[state]) for state in STATES]


STATES = (calendar.ON_TIME, calendar.LATE, calendar.MISSING, calendar.NOT_YET_DUE, calendar.NOT_EXPECTED)


def state_labels() -> dict[str, str]:
    return {
        calendar.ON_TIME: _("Đúng hạn"),
        calendar.LATE: _("Chậm"),
        calendar.MISSING: _("Thiếu"),
        calendar.NOT_YET_DUE: _("Chưa đến hạn"),
        calendar.NOT_EXPECTED: _("Không yêu cầu"),
    }


def _parties(program: Program, role: str) -> list:
    """The programme's parties of a role, from the prefetched parties when there."""
    parties = sorted(program.parties.all(), key=lambda party: (party.position, party.pk))
    return [party.organization for party in parties if party.role == role]


def program_matrix(program: Program, year: int, today: dt.date | None = None) -> Matrix:
    """Expected versus received for one programme and year: one row per provider (each
    partner party), one column per period of the regime; two queries (the signature date,
    the year's provisions) once the programme's parties are loaded (get_program_for_user
    prefetches them)."""
    from phoihop.provisions.services import window_of

    today = today or timezone.localdate()
    signed = program.signatures.aggregate(day=Max("signed_on"))["day"]
    window = window_of(program, signed)
    frequency = program.info_frequency
    periods = (
        calendar.periods_of_year(frequency, year, program.info_day) if frequency in calendar.PERIODS_PER_YEAR else []
    )
    expected = set(calendar.expected_periods(frequency, program.info_day, year, window))
    providers = _parties(program, PartyRole.PARTNER)
    leads = _parties(program, PartyRole.LEAD)
    provisions = list(
        InformationProvision.objects.filter(program=program, year=year)
        .only(
            "pk",
            "provider_id",
            "kind",
            "frequency",
            "year",
            "period",
            "provided_at",
            "due_at",
            "corrects_id",
            "acknowledged_at",
            "incident_title",
            "incident_at",
            "version",
        )
        .order_by("provided_at", "id")
    )
    originals: dict[tuple[int, int], InformationProvision] = {}
    corrections: dict[tuple[int, int], int] = defaultdict(int)
    adhoc: dict[int, list[InformationProvision]] = defaultdict(list)
    for provision in provisions:
        if provision.kind == Kind.ADHOC:
            if provision.corrects_id is None:
                adhoc[provision.provider_id].append(provision)
            continue
        if provision.frequency != frequency:
            continue  # provided under an earlier regime of the programme
        key = (provision.provider_id, provision.period)
        if provision.corrects_id is None:
            originals[key] = provision
        else:
            corrections[key] += 1
    rows = []
    for provider in providers:
        cells = []
        for period_ in periods:
            provision = originals.get((provider.pk, period_.number))
            provided_on = timezone.localtime(provision.provided_at).date() if provision else None
            state = calendar.cell_state(period_, period_ in expected, provided_on, today)
            cells.append(Cell(period_, state, provision, corrections[(provider.pk, period_.number)]))
        row = Row(provider, cells, adhoc=adhoc.get(provider.pk, []))
        for provision in row.adhoc:
            timely = provision.is_on_time()
            if timely is None:
                row.adhoc_no_deadline += 1
            elif timely:
                row.adhoc_on_time += 1
            else:
                row.adhoc_late += 1
        rows.append(row)
    return Matrix(program, year, leads[0] if leads else None, periods, rows, window, today)


def matrix_years(program: Program) -> list[int]:
    return list(range(program.start_year, program.end_year + 1))


# --- what is owed (reminders, "Việc của tôi", the provide form) --------------------------------


@dataclass(frozen=True)
class Owed:
    program_id: int
    program_title: str
    provider_id: int
    provider_name: str
    period: calendar.Period

    @property
    def key(self) -> str:
        return f"{self.program_id}:{self.provider_id}:{self.period.frequency}:{self.period.year}:{self.period.number}"


def owed(
    *, provider_ids=None, program_ids=None, years: list[int], due_until: dt.date, due_from: dt.date | None = None
) -> list[Owed]:
    """The expected periodic provisions not yet received, due by `due_until` (and from
    `due_from`), of the programmes signed or in force: for each partner party (or only
    those in `provider_ids`) of each programme (or only those in `program_ids`). Two
    queries whatever the number of programmes: the partner parties with their
    programme's regime and signature date, then the provisions received."""
    parties = ProgramParty.objects.filter(
        role=PartyRole.PARTNER,
        program__status__in=calendar.BINDING_STATUSES,
        program__info_frequency__in=list(calendar.PERIODS_PER_YEAR),
        program__start_year__lte=max(years),
        program__end_year__gte=min(years),
    )
    if provider_ids is not None:
        parties = parties.filter(organization_id__in=list(provider_ids))
    if program_ids is not None:
        parties = parties.filter(program_id__in=list(program_ids))
    rows = list(
        parties.values(
            "program_id",
            "program__title",
            "program__status",
            "program__start_year",
            "program__end_year",
            "program__info_frequency",
            "program__info_day",
            "organization_id",
            "organization__name",
        )
        .annotate(signed=Max("program__signatures__signed_on"))
        .order_by("program_id", "organization_id")
    )
    if not rows:
        return []
    candidates: list[Owed] = []
    for row in rows:
        window = calendar.program_window(
            status=row["program__status"],
            start_year=row["program__start_year"],
            end_year=row["program__end_year"],
            signed_on=row["signed"],
        )
        for year in years:
            for period_ in calendar.expected_periods(
                row["program__info_frequency"], row["program__info_day"], year, window
            ):
                if period_.due <= due_until and (due_from is None or period_.due >= due_from):
                    candidates.append(
                        Owed(
                            row["program_id"],
                            row["program__title"],
                            row["organization_id"],
                            row["organization__name"],
                            period_,
                        )
                    )
    if not candidates:
        return []
    received = set(
        InformationProvision.objects.filter(
            program_id__in=list({row["program_id"] for row in rows}),
            kind=Kind.PERIODIC,
            corrects__isnull=True,
            year__in=list(years),
        ).values_list("program_id", "provider_id", "frequency", "year", "period")
    )
    return sorted(
        (
            item
            for item in candidates
            if (item.program_id, item.provider_id, item.period.frequency, item.period.year, item.period.number)
            not in received
        ),
        key=lambda item: (item.period.due, item.program_title, item.provider_name),
    )


def awaiting_acknowledgement(user, limit: int = 50) -> list[InformationProvision]:
    """Provisions received by the organisations the user edits for, not yet acknowledged."""
    receiver_ids = list(permissions.principal(user).editor_organization_ids)
    if not receiver_ids:
        return []
    return list(
        InformationProvision.objects.filter(receiver_id__in=receiver_ids, acknowledged_at__isnull=True)
        .select_related("program", "provider")
        .order_by("provided_at", "id")[:limit]
    )


def my_provisions(user, today: dt.date | None = None, *, soon_days: int = 14) -> dict | None:
    """ "Việc của tôi": the periods the user's organisations owe (missing this year, or
    due within `soon_days`) and the provisions awaiting their acknowledgement. At most
    three queries."""
    today = today or timezone.localdate()
    editor_ids = permissions.principal(user).editor_organization_ids
    if not editor_ids:
        return None
    due = owed(
        provider_ids=editor_ids,
        years=sorted({today.year, (today + dt.timedelta(days=soon_days)).year}),
        due_until=today + dt.timedelta(days=soon_days),
        due_from=dt.date(today.year, 1, 1),
    )
    awaiting = awaiting_acknowledgement(user)
    if not due and not awaiting:
        return None
    return {
        "missing": [item for item in due if item.period.due < today],
        "due_soon": [item for item in due if item.period.due >= today],
        "awaiting": awaiting,
    }


# --- the provide form ----------------------------------------------------------------------


def open_periods(program: Program, provider_id: int, today: dt.date | None = None) -> list[calendar.Period]:
    """The periods a provider may still provide for: expected, begun, not yet provided
    (this year and last year), oldest first."""
    from phoihop.provisions.services import signed_on, window_of

    today = today or timezone.localdate()
    window = window_of(program, signed_on(program))
    periods = [
        period_
        for year in (today.year - 1, today.year)
        for period_ in calendar.expected_periods(program.info_frequency, program.info_day, year, window)
        if period_.start <= today
    ]
    provided = set(
        InformationProvision.objects.filter(
            program=program,
            provider_id=provider_id,
            kind=Kind.PERIODIC,
            corrects__isnull=True,
            year__gte=today.year - 1,
        ).values_list("frequency", "year", "period")
    )
    return [p for p in periods if (p.frequency, p.year, p.number) not in provided]


def provider_programs(user):
    """Programmes signed or in force in which an organisation the user edits for is a
    partner party: where they may provide information."""
    who = permissions.principal(user)
    parties = ProgramParty.objects.filter(role=PartyRole.PARTNER, program__status__in=calendar.BINDING_STATUSES)
    if not who.is_admin:
        parties = parties.filter(organization_id__in=list(who.editor_organization_ids))
    return (
        Program.objects.filter(pk__in=parties.values("program_id"))
        .prefetch_related(Prefetch("parties", queryset=ProgramParty.objects.select_related("organization")))
        .order_by("-start_year", "sort_name", "id")
    )


def provider_documents(user, provider_id: int, limit: int = 200):
    """Documents the provider owns (that the user sees), newest first: what may be attached."""
    return (
        permissions.visible_documents(user, Document.objects.filter(owner_id=provider_id))
        .exclude(classification="confidential")
        .order_by("-year", "sort_name", "id")[:limit]
    )
