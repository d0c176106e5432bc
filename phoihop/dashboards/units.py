"""The "per level" view: the units below an organisation side by side.

* The centre: one row per province (as it is on the day the figures are taken), counting
  the organisations of the province, of the units below it and of the provinces it came
  from (Đắk Lắk counts Phú Yên's departments from 1/7/2025).
* A province (or, before 1/7/2025, a district): one row per organisation of the level
  below in its area, valid on that day, counting its predecessors' work too.
* A commune: no units below.

The partition follows `organisations.scope` (the same areas and the same lineage); it is
computed for all rows at once — a fixed number of queries, whatever the number of units
or of records — then each indicator is one grouped query over all the rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from phoihop.core.text import sort_key
from phoihop.dashboards import stats
from phoihop.inspections.selectors import inspections_in, remediation_progress
from phoihop.meetings.models import MeetingParticipant
from phoihop.meetings.selectors import meetings_in
from phoihop.organisations import lineage, scope
from phoihop.organisations.models import AdministrativeUnit, Level, Organization


@dataclass
class Unit:
    key: str
    name: str
    organization_id: int | None  # the row's organisation (None for a province of the centre's view)
    org_ids: set[int] = field(default_factory=set)


def subordinate_units(organization: Organization, day: dt.date) -> list[Unit]:
    """The units below `organization` as they are on `day`, in Vietnamese order."""
    if organization.level == Level.CENTRAL:
        provinces = list(
            AdministrativeUnit.objects.valid_on(day).filter(level=Level.PROVINCE).only("pk", "name", "sort_name")
        )
        histories = scope.unit_histories([unit.pk for unit in provinces])
        owner_of = {}
        for unit in provinces:
            for unit_id in histories[unit.pk]:
                owner_of.setdefault(unit_id, unit.pk)
        every = set(owner_of)
        roots: dict[str, set[int]] = {str(unit.pk): set() for unit in provinces}
        rows = Organization.objects.filter(
            Q(administrative_unit_id__in=list(every)) | Q(administrative_unit__province_id__in=list(every))
        ).values_list("pk", "administrative_unit_id", "administrative_unit__province_id")
        for pk, unit_id, province_id in rows:
            owner = owner_of.get(unit_id) or owner_of.get(province_id)
            if owner is not None:
                roots[str(owner)].add(pk)
        groups = lineage.predecessor_map(roots)
        units = [Unit(str(unit.pk), unit.name, None, groups[str(unit.pk)]) for unit in provinces]
    elif organization.level in (Level.PROVINCE, Level.DISTRICT) and organization.administrative_unit_id:
        if organization.level == Level.PROVINCE:
            below = Q(
                administrative_unit__province_id=organization.administrative_unit_id,
                level__in=[Level.DISTRICT, Level.COMMUNE],
            )
        else:
            below = Q(administrative_unit__parent_id=organization.administrative_unit_id, level=Level.COMMUNE)
        children = list(Organization.objects.valid_on(day).filter(below).only("pk", "name"))
        groups = lineage.predecessor_map({str(org.pk): {org.pk} for org in children})
        units = [Unit(str(org.pk), org.name, org.pk, groups[str(org.pk)]) for org in children]
    else:
        units = []
    return sorted(units, key=lambda unit: sort_key(unit.name))


# --- the indicators --------------------------------------------------------------------------

COLUMNS = (
    # (key, heading)
    ("name", _("Đơn vị")),
    ("tasks_on_time_rate", _("Nhiệm vụ đúng hạn (%)")),
    ("tasks_overdue", _("Nhiệm vụ quá hạn")),
    ("provisions_on_time_rate", _("Cung cấp thông tin đúng hạn (%)")),
    ("hot_issues_open", _("Vấn đề nổi cộm đang mở")),
    ("opinion_reports", _("Báo cáo dư luận đã nộp")),
    ("meetings_held", _("Hội nghị đã tổ chức")),
    ("remediation", _("Khắc phục sau kiểm tra")),
)
SORTABLE = {key for key, _heading in COLUMNS}


def unit_rows(units: list[Unit], period: stats.Period, today: dt.date) -> list[dict]:
    """One row of key indicators per unit, in the units' order. A fixed number of
    queries whatever the number of units or records."""
    if not units:
        return []
    groups = {unit.key: unit.org_ids for unit in units}
    group_of: dict[int, str] = {}
    for unit in units:
        for pk in unit.org_ids:
            group_of.setdefault(pk, unit.key)
    all_ids = set(group_of)

    tasks = stats.task_groups(groups, period, today)
    provisions: dict[str, stats.Counter] = defaultdict(stats.Counter)
    for provider_id, counter in stats.provisions_by_provider(all_ids, period, today).items():
        if provider_id in group_of:
            provisions[group_of[provider_id]].update(counter)
    hot = defaultdict(int)
    for owner_id, n in stats.open_hot_issues_by_owner(all_ids, period).items():
        hot[group_of[owner_id]] += n
    opinion = defaultdict(int)
    for department_id, n in stats.opinion_reports_by_department(all_ids, period).items():
        opinion[group_of[department_id]] += n

    held = meetings_in(all_ids, period.start, period.end)
    meeting_sets: dict[str, set[int]] = defaultdict(set)
    for pk, owner_id in held.values_list("pk", "owner_id").order_by():
        if owner_id in group_of:
            meeting_sets[group_of[owner_id]].add(pk)
    attended = MeetingParticipant.objects.filter(meeting__in=held.values("pk"), organization_id__in=list(all_ids))
    for meeting_id, organization_id in attended.values_list("meeting_id", "organization_id").order_by():
        meeting_sets[group_of[organization_id]].add(meeting_id)

    inspections = list(inspections_in(all_ids, period.start, period.end).values_list("pk", "owner_id", "inspected_id"))
    progress = remediation_progress([row[0] for row in inspections]) if inspections else {}
    remedied: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for pk, owner_id, inspected_id in inspections:
        key = group_of.get(inspected_id) or group_of.get(owner_id)
        done, total = progress.get(pk, (0, 0))
        remedied[key][0] += done
        remedied[key][1] += total

    rows = []
    for unit in units:
        figures = stats.provision_figures(provisions[unit.key])
        done, total = remedied.get(unit.key, (0, 0))
        rows.append(
            {
                "key": unit.key,
                "name": unit.name,
                "organization_id": unit.organization_id,
                "tasks_total": tasks[unit.key]["total"],
                "tasks_on_time_rate": tasks[unit.key]["on_time_rate"],
                "tasks_overdue": tasks[unit.key]["overdue"],
                "provisions_on_time_rate": figures["on_time_rate"],
                "provisions_missing": figures["missing"],
                "hot_issues_open": hot[unit.key],
                "opinion_reports": opinion[unit.key],
                "meetings_held": len(meeting_sets[unit.key]),
                "remediation_done": done,
                "remediation_total": total,
            }
        )
    return rows


def sort_rows(rows: list[dict], column: str, descending: bool = False) -> list[dict]:
    """Rows sorted by a column: names in Vietnamese order, numbers by value (no figure
    last), ties by name."""
    if column not in SORTABLE or column == "name":
        ordered = sorted(rows, key=lambda row: sort_key(row["name"]))
        return list(reversed(ordered)) if descending else ordered

    def value(row):
        if column == "remediation":
            return row["remediation_done"] / row["remediation_total"] if row["remediation_total"] else None
        return row[column]

    present = [row for row in rows if value(row) is not None]
    absent = [row for row in rows if value(row) is None]
    present.sort(key=lambda row: sort_key(row["name"]))
    present.sort(key=value, reverse=descending)
    absent.sort(key=lambda row: sort_key(row["name"]))
    return present + absent
