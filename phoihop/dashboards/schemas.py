"""Output schemas of the dashboards API: the figures of `stats` as they are computed
(counts are whole numbers; rates are percentages with one decimal, null when there is
nothing to divide by)."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema


class PeriodOut(Schema):
    year: int
    quarter: int | None = Field(None, description="1–4; null for the whole year")
    label: str = Field(description='"Quý III/2026" or "Năm 2026"')
    as_of: dt.date = Field(
        description="The day the task buckets are computed on: the period's end, or today if earlier"
    )


class TasksOut(Schema):
    done_on_time: int
    done_late: int
    open_on_time: int
    open_overdue: int
    total: int = Field(description="Tasks due in the period in which the scope takes part (cancelled ones included)")
    on_time_rate: float | None = Field(description="% of the bucketed tasks not late (done on time or open in time)")


class PartyOut(Schema):
    name: str = Field(description='The lead organisation; "Khác" gathers those after the first six')
    total: int
    done_on_time: int
    done_late: int
    open_on_time: int
    open_overdue: int


class ProvisionsOut(Schema):
    on_time: int
    late: int
    missing: int = Field(description="Periods owed, due in the period by yesterday, not received")
    no_deadline: int
    on_time_rate: float | None


class StateOut(Schema):
    status: str
    label: str
    n: int


class NamedCountOut(Schema):
    name: str
    n: int


class HotIssuesOut(Schema):
    total: int = Field(description="Hot issues of the scope followed at some time in the period")
    open: int = Field(description="Of which not resolved")
    by_state: list[StateOut]
    by_topic: list[NamedCountOut]
    by_area: list[NamedCountOut]


class OpinionMonthOut(Schema):
    month: int
    label: str
    approving: int
    opposing: int
    worried: int
    undecided: int


class OpinionOut(Schema):
    months: list[OpinionMonthOut]
    items: int
    reports: int = Field(description="Latest versions of the submitted opinion reports ending in the period")


class PressMonthOut(Schema):
    month: int
    label: str
    items: int
    negative: int


class PressOut(Schema):
    months: list[PressMonthOut]
    items: int
    negative: int


class MeetingBucketOut(Schema):
    label: str = Field(description="A quarter (annual view) or a month (quarterly view)")
    held: int
    conclusions_done: int
    conclusions: int


class MeetingsOut(Schema):
    buckets: list[MeetingBucketOut]
    held: int
    conclusions_done: int
    conclusions: int


class InspectionOut(Schema):
    title: str
    remedied: int
    conclusions: int


class RemediationOut(Schema):
    inspections: int
    remedied: int = Field(description="Conclusions whose remediation tasks are all done")
    conclusions: int
    items: list[InspectionOut] = Field(description="The latest inspections (at most 8)")


class FieldCountOut(Schema):
    field: str
    label: str
    n: int


class ExemplaryOut(Schema):
    commended: int
    by_field: list[FieldCountOut]


class DashboardOut(Schema):
    organization_id: int
    organization_name: str
    include_subordinates: bool
    period: PeriodOut
    tasks: TasksOut
    tasks_by_party: list[PartyOut]
    provisions: ProvisionsOut
    hot_issues: HotIssuesOut
    opinion: OpinionOut
    press: PressOut
    meetings: MeetingsOut
    remediation: RemediationOut
    exemplary: ExemplaryOut


class UnitRowOut(Schema):
    key: str = Field(description="The organisation's id, or the province's (administrative unit) id for the centre")
    name: str
    organization_id: int | None
    tasks_total: int
    tasks_on_time_rate: float | None
    tasks_overdue: int
    provisions_on_time_rate: float | None
    provisions_missing: int
    hot_issues_open: int
    opinion_reports: int
    meetings_held: int
    remediation_done: int
    remediation_total: int


class UnitsOut(Schema):
    organization_id: int
    period: PeriodOut
    rows: list[UnitRowOut]
