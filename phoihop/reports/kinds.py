"""What each kind of report holds: its title, its period's name and its prose sections
(issue 6 item 4).

Contract: `sections_for(report, figures)` returns the prose sections, each `{"key",
"heading", "text", "required"}`, in document order and pre-filled from the records (the
figures written as sentences, the lists of completed, overdue and next-period tasks); the
officer edits the text, and issuing refuses an empty required section. The headings are
those offices write: the quarterly briefing (seed 004: results of the quarter, limitations
and causes, key tasks of the next quarter, recommendations), the programme review (seed
003: results, limitations, causes, lessons learned, directions and tasks, recommendations),
the hot-issue situation report with its request to the competent agency.

A period with no data reads "Trong kỳ không phát sinh …" instead of an empty list.
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt

from django.utils.translation import gettext as _

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
MONTHS = {"monthly": 1, "quarterly": 3, "six_monthly": 6, "annual": 12}
LISTED = 30  # records listed by name in a pre-filled section; the rest are counted


# --- periods ------------------------------------------------------------------------------------


def _whole_period(start: dt.date, end: dt.date) -> str | None:
    """The kind of period [start, end] is exactly (a month, quarter, half or year), if any."""
    if start.day != 1 or start.year != end.year or end.day != _cal.monthrange(end.year, end.month)[1]:
        return None
    months = end.month - start.month + 1
    for kind, length in MONTHS.items():
        if months == length and (start.month - 1) % length == 0:
            return kind
    return None


def period_label(kind: str, start: dt.date, end: dt.date) -> str:
    """How a document names the period: "tháng 10 năm 2026", "quý III năm 2026",
    "6 tháng đầu năm 2026", "năm 2026". The other kinds (reviews, summaries over chosen
    dates) name whole months, quarters, halves and years the same way, any other range
    "từ ngày 01/01/2026 đến ngày 30/09/2026"."""
    months = MONTHS.get(kind) or MONTHS.get(_whole_period(start, end) or "")
    if months == 1:
        return _("tháng %(month)s năm %(year)s") % {"month": start.month, "year": start.year}
    if months == 3:
        return _("quý %(quarter)s năm %(year)s") % {"quarter": ROMAN[(start.month - 1) // 3 + 1], "year": start.year}
    if months == 6:
        if start.month <= 6:
            return _("6 tháng đầu năm %(year)s") % {"year": start.year}
        return _("6 tháng cuối năm %(year)s") % {"year": start.year}
    if months == 12:
        return _("năm %(year)s") % {"year": start.year}
    return _("từ ngày %(start)s đến ngày %(end)s") % {
        "start": start.strftime("%d/%m/%Y"),
        "end": end.strftime("%d/%m/%Y"),
    }


def in_period(kind: str, start: dt.date, end: dt.date) -> str:
    """The period as a sentence opens: "Trong quý III năm 2026", "Từ ngày 01/01/2026 đến
    ngày 30/09/2026"."""
    if MONTHS.get(kind) or _whole_period(start, end):
        return _("Trong %(period)s") % {"period": period_label(kind, start, end)}
    label = period_label(kind, start, end)
    return label[:1].upper() + label[1:]


def next_period(kind: str, start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The period after [start, end]: the next month, quarter, half or year; for the other
    kinds the twelve months after `end`."""
    first = end + dt.timedelta(days=1)
    if kind not in MONTHS:
        day = min(first.day, _cal.monthrange(first.year + 1, first.month)[1])
        return first, dt.date(first.year + 1, first.month, day) - dt.timedelta(days=1)
    index = first.year * 12 + first.month - 1 + MONTHS[kind] - 1
    year, month = index // 12, index % 12 + 1
    return first, dt.date(year, month, _cal.monthrange(year, month)[1])


def _upper(text: str) -> str:
    return text.upper()


# --- titles ---------------------------------------------------------------------------------------


def default_title(report) -> str:
    """The subject line (trích yếu) as offices write it."""
    kind, start, end = report.kind, report.period_start, report.period_end
    label = period_label(kind, start, end)
    following = period_label(kind, *next_period(kind, start, end))
    if kind == "monthly":
        return _("Tổng hợp thông tin %(period)s") % {"period": label}
    if kind == "quarterly":
        return _("Kết quả thực hiện %(period)s và nhiệm vụ trọng tâm %(next)s") % {"period": label, "next": following}
    if kind in ("six_monthly", "annual"):
        return _("Kết quả thực hiện công tác phối hợp %(period)s, phương hướng, nhiệm vụ %(next)s") % {
            "period": label,
            "next": following,
        }
    if kind in ("midterm_review", "final_review") and report.scope_program_id:
        program = report.scope_program
        if kind == "midterm_review":
            return _("Sơ kết thực hiện %(program)s") % {"program": program.title}
        return _("Tổng kết thực hiện %(program)s") % {"program": program.title}
    if kind == "opinion_summary":
        return _("Tổng hợp tình hình dư luận xã hội %(period)s") % {"period": label}
    if kind == "hot_issue_situation" and report.hot_issue_id:
        return _("Tình hình %(issue)s") % {"issue": report.hot_issue.title}
    return str(report.get_kind_display())


# --- sections -------------------------------------------------------------------------------------


def section(key: str, heading: str, text: str = "", *, required: bool = True) -> dict:
    return {"key": key, "heading": heading, "text": text, "required": required}


class _Facts:
    """The figures by key, with the titles of the records they count loaded on demand (one
    query per list, at most LISTED names)."""

    def __init__(self, figures, viewer=None):
        from phoihop.reports.figures import by_key

        self.figures = by_key(figures)
        self.viewer = viewer

    def _visible(self, queryset, function: str):
        """Only the records the author may see are named (the others stay counted, as "and
        n others"): a report on an area counts the author's same-level partners too."""
        if self.viewer is None:  # the system (demo, imports)
            return queryset
        from phoihop.accounts import permissions

        return getattr(permissions, function)(self.viewer, queryset)

    def value(self, key: str, default=0):
        figure = self.figures.get(key)
        return default if figure is None or figure["value"] is None else figure["value"]

    def ids(self, key: str) -> list[int]:
        figure = self.figures.get(key)
        return list(figure["ids"]) if figure else []

    def with_prefix(self, prefix: str) -> list[dict]:
        return [figure for key, figure in self.figures.items() if key.startswith(prefix)]

    def task_lines(self, key: str, *, due: bool = False) -> list[str]:
        from phoihop.programs.models import Task

        ids = self.ids(key)[:LISTED]
        rows = (
            self._visible(Task.objects.filter(pk__in=ids), "visible_tasks")
            .order_by("due_date", "id")
            .values_list("title", "lead__name", "due_date")
        )
        lines = []
        for title, lead, due_date in rows:
            if due:
                lines.append(
                    _("- %(title)s (chủ trì: %(lead)s; thời hạn: %(due)s).")
                    % {"title": title, "lead": lead, "due": due_date.strftime("%d/%m/%Y")}
                )
            else:
                lines.append(_("- %(title)s (chủ trì: %(lead)s).") % {"title": title, "lead": lead})
        return lines + self._more(key, len(lines))

    def meeting_lines(self) -> list[str]:
        from django.utils import timezone

        from phoihop.meetings.models import Meeting

        rows = self._visible(Meeting.objects.filter(pk__in=self.ids("meetings.held")[:LISTED]), "visible_meetings")
        rows = rows.order_by("starts_at", "id")
        lines = [
            _("- %(title)s, ngày %(day)s.")
            % {"title": m.title, "day": timezone.localtime(m.starts_at).strftime("%d/%m/%Y")}
            for m in rows.only("title", "starts_at")
        ]
        return lines + self._more("meetings.held", len(lines))

    def conclusion_lines(self) -> list[str]:
        """The inspection conclusions not yet remedied."""
        from phoihop.inspections.models import InspectionConclusion

        remedied = set(self.ids("inspections.remedied"))
        ids = [pk for pk in self.ids("inspections.conclusions") if pk not in remedied][:LISTED]
        from phoihop.inspections.models import Inspection

        seen = self._visible(Inspection.objects.all(), "visible_inspections").values("pk")
        rows = InspectionConclusion.objects.filter(pk__in=ids, inspection__in=seen)
        rows = rows.order_by("inspection_id", "number", "id")
        return [
            _("- %(inspection)s: %(text)s") % {"inspection": inspection, "text": text}
            for inspection, text in rows.values_list("inspection__title", "text")
        ]

    def _more(self, key: str, listed: int) -> list[str]:
        total = self.value(key)
        if total > listed:
            return [_("- Và %(n)s nhiệm vụ, hoạt động khác.") % {"n": total - listed}]
        return []


def _join(*parts) -> str:
    lines = []
    for part in parts:
        if isinstance(part, (list, tuple)):
            lines.extend(part)
        elif part:
            lines.append(part)
    return "\n".join(lines)


def _task_paragraph(facts: _Facts, where: str, prefix: str = "tasks") -> str:
    due = facts.value(f"{prefix}.due")
    if not due:
        return _("%(where)s không phát sinh nhiệm vụ đến hạn.") % {"where": where}
    return _(
        "%(where)s, các bên đã triển khai %(due)s nhiệm vụ, hoàn thành đúng hạn %(on_time)s, hoàn thành quá hạn "
        "%(late)s; %(open)s nhiệm vụ đang thực hiện trong hạn, %(overdue)s nhiệm vụ chưa hoàn thành, quá hạn."
    ) % {
        "where": where,
        "due": due,
        "on_time": facts.value(f"{prefix}.done_on_time"),
        "late": facts.value(f"{prefix}.done_late"),
        "open": facts.value(f"{prefix}.open_on_time"),
        "overdue": facts.value(f"{prefix}.open_overdue"),
    }


def _provision_paragraph(facts: _Facts, where: str) -> str:
    provided, missing = facts.value("provisions.provided"), facts.value("provisions.missing")
    if not provided and not missing:
        return _("%(where)s không phát sinh việc cung cấp thông tin.") % {"where": where}
    return _(
        "Về cung cấp thông tin: đã cung cấp %(provided)s lượt thông tin (đúng hạn %(on_time)s, chậm %(late)s); "
        "%(missing)s kỳ cung cấp đã đến hạn nhưng chưa nhận được."
    ) % {
        "provided": provided,
        "on_time": facts.value("provisions.on_time"),
        "late": facts.value("provisions.late"),
        "missing": missing,
    }


def _meeting_paragraph(facts: _Facts, where: str) -> list[str]:
    held = facts.value("meetings.held")
    if not held:
        return [_("%(where)s không tổ chức hội nghị.") % {"where": where}]
    return [
        _("Đã tổ chức %(held)s hội nghị; %(done)s/%(total)s kết luận hội nghị đã thực hiện xong:")
        % {
            "held": held,
            "done": facts.value("meetings.conclusions_done"),
            "total": facts.value("meetings.conclusions"),
        },
        *facts.meeting_lines(),
    ]


def _hot_issue_paragraph(facts: _Facts, where: str) -> str:
    new, open_, closed = (
        facts.value("hot_issues.new"),
        facts.value("hot_issues.open_at_end"),
        facts.value("hot_issues.closed"),
    )
    if not (new or open_ or closed):
        return _("%(where)s không phát sinh vấn đề nổi cộm.") % {"where": where}
    return _(
        "Theo dõi, xử lý vấn đề nổi cộm: %(new)s vấn đề mới phát sinh; %(closed)s vấn đề đã giải quyết hoặc chuyển "
        "theo dõi; %(open)s vấn đề đang tiếp tục xử lý cuối kỳ."
    ) % {"new": new, "closed": closed, "open": open_}


def _inspection_paragraph(facts: _Facts) -> str:
    inspections = facts.value("inspections.count")
    if not inspections:
        return ""
    return _("Đã tiến hành %(n)s cuộc kiểm tra; %(remedied)s/%(total)s kết luận kiểm tra đã khắc phục xong.") % {
        "n": inspections,
        "remedied": facts.value("inspections.remedied"),
        "total": facts.value("inspections.conclusions"),
    }


def _press_paragraph(facts: _Facts, where: str) -> str:
    items, claims = facts.value("press.items"), facts.value("claims.detected")
    if not items and not claims:
        return _("%(where)s không ghi nhận tin bài báo chí, thông tin sai sự thật.") % {"where": where}
    return _(
        "Báo chí đăng %(items)s tin bài liên quan (%(negative)s tin bài có sắc thái tiêu cực); phát hiện "
        "%(claims)s thông tin sai sự thật, đã có thông tin chính thức đối với %(responded)s trường hợp."
    ) % {
        "items": items,
        "negative": facts.value("press.negative"),
        "claims": claims,
        "responded": facts.value("claims.responded"),
    }


def _limitations(facts: _Facts, where: str, prefix: str = "tasks") -> str:
    overdue = facts.task_lines(f"{prefix}.open_overdue", due=True)
    late = facts.value(f"{prefix}.done_late")
    conclusions = facts.conclusion_lines()
    parts = []
    if overdue:
        parts += [_("Còn %(n)s nhiệm vụ chưa hoàn thành, quá hạn:") % {"n": facts.value(f"{prefix}.open_overdue")}]
        parts += overdue
    if late:
        parts.append(_("%(n)s nhiệm vụ hoàn thành chậm so với thời hạn.") % {"n": late})
    if conclusions:
        parts += [_("Các hạn chế qua kiểm tra chưa khắc phục xong:"), *conclusions]
    if not parts:
        parts.append(
            _("%(where)s không có nhiệm vụ quá hạn, hạn chế qua kiểm tra đều đã khắc phục.") % {"where": where}
        )
    return _join(parts)


def _next_tasks(facts: _Facts, following: str) -> str:
    lines = facts.task_lines("next.tasks", due=True)
    if not lines:
        return _("Chưa có nhiệm vụ nào trong kế hoạch đến hạn trong %(next)s; các bên bổ sung nhiệm vụ trọng tâm.") % {
            "next": following
        }
    return _join(_("Tập trung thực hiện các nhiệm vụ trọng tâm sau:"), lines)


def _periodic_sections(report, facts: _Facts) -> list[dict]:
    label = period_label(report.kind, report.period_start, report.period_end)
    following = period_label(report.kind, *next_period(report.kind, report.period_start, report.period_end))
    where = in_period(report.kind, report.period_start, report.period_end)
    done_lines = facts.task_lines("tasks.done_on_time") + facts.task_lines("tasks.done_late")
    results = [
        _task_paragraph(facts, where),
        [_("Các nhiệm vụ đã hoàn thành:"), *done_lines] if done_lines else "",
        _provision_paragraph(facts, where),
        *_meeting_paragraph(facts, where),
        _inspection_paragraph(facts),
        _hot_issue_paragraph(facts, where),
        _press_paragraph(facts, where),
    ]
    if report.kind == "annual":
        commended = facts.value("exemplary.commended")
        results.append(
            _("Có %(n)s mô hình, điển hình được khen thưởng.") % {"n": commended}
            if commended
            else _("Trong năm không có mô hình, điển hình được khen thưởng.")
        )
    if report.kind == "quarterly":
        next_heading = _("III. NHIỆM VỤ TRỌNG TÂM %(next)s") % {"next": _upper(following)}
    else:
        next_heading = _("III. PHƯƠNG HƯỚNG, NHIỆM VỤ %(next)s") % {"next": _upper(following)}
    return [
        section("results", _("I. KẾT QUẢ THỰC HIỆN %(period)s") % {"period": _upper(label)}, _join(*results)),
        section("limitations", _("II. HẠN CHẾ, NGUYÊN NHÂN"), _limitations(facts, where)),
        section("next", next_heading, _next_tasks(facts, following)),
        section("recommendations", _("IV. ĐỀ XUẤT, KIẾN NGHỊ"), required=False),
    ]


def _monthly_sections(report, facts: _Facts) -> list[dict]:
    where = in_period(report.kind, report.period_start, report.period_end)
    reports = facts.value("opinion.reports")
    opinion = (
        _("Nhận được %(n)s báo cáo dư luận xã hội của cộng tác viên.") % {"n": reports}
        if reports
        else _("%(where)s không nhận được báo cáo dư luận xã hội.") % {"where": where}
    )
    return [
        section("provisions", _("I. TÌNH HÌNH CUNG CẤP THÔNG TIN"), _provision_paragraph(facts, where)),
        section("opinion", _("II. TÌNH HÌNH DƯ LUẬN XÃ HỘI, BÁO CHÍ"), _join(opinion, _press_paragraph(facts, where))),
        section("hot_issues", _("III. VẤN ĐỀ NỔI CỘM"), _hot_issue_paragraph(facts, where)),
        section(
            "tasks",
            _("IV. TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ"),
            _join(_task_paragraph(facts, where), facts.task_lines("tasks.open_overdue", due=True)),
        ),
        section("recommendations", _("V. ĐỀ XUẤT, KIẾN NGHỊ"), required=False),
    ]


def _review_sections(report, facts: _Facts) -> list[dict]:
    where = _("Trong thời gian qua")
    results = [_task_paragraph(facts, _("Từ khi triển khai chương trình"))]
    for figure in facts.with_prefix("content."):
        key = figure["key"]
        if key.count(".") != 1:
            continue  # the buckets of a content item
        total = figure["value"]
        results.append(
            _("%(item)s: %(total)s nhiệm vụ, hoàn thành đúng hạn %(on_time)s, quá hạn chưa hoàn thành %(overdue)s.")
            % {
                "item": figure["label"],
                "total": total,
                "on_time": facts.value(f"{key}.done_on_time"),
                "overdue": facts.value(f"{key}.open_overdue"),
            }
            if total
            else _("%(item)s: chưa phát sinh nhiệm vụ.") % {"item": figure["label"]}
        )
    results += [
        _("Các bên đã ký %(signatures)s lượt văn bản, xây dựng %(plans)s kế hoạch năm.")
        % {"signatures": facts.value("signatures.count"), "plans": facts.value("plans.count")},
        _provision_paragraph(facts, where),
        *_meeting_paragraph(facts, where),
        _inspection_paragraph(facts),
        _hot_issue_paragraph(facts, where),
    ]
    return [
        section("results", _("I. KẾT QUẢ THỰC HIỆN"), _join(*results)),
        section("limitations", _("II. HẠN CHẾ"), _limitations(facts, where)),
        section("causes", _("III. NGUYÊN NHÂN")),
        section("lessons", _("IV. BÀI HỌC KINH NGHIỆM")),
        section("directions", _("V. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI"), _next_tasks(facts, _("thời gian tới"))),
        section("recommendations", _("VI. ĐỀ XUẤT, KIẾN NGHỊ"), required=False),
    ]


def _opinion_sections(report, facts: _Facts) -> list[dict]:
    from phoihop.opinion.models import Direction

    where = in_period(report.kind, report.period_start, report.period_end)
    items = facts.value("opinion.items")
    if not items:
        mood = _("%(where)s không phát sinh nội dung dư luận xã hội được báo cáo.") % {"where": where}
    else:
        parts = "; ".join(
            f"{str(d.label).lower()}: {facts.value(f'opinion.direction.{d.value}')}"
            for d in Direction
            if facts.value(f"opinion.direction.{d.value}")
        )
        mood = _("%(where)s ghi nhận %(n)s nội dung dư luận (%(parts)s); điểm mức độ quan tâm %(score)s.") % {
            "where": where,
            "n": items,
            "parts": parts,
            "score": facts.value("opinion.attention"),
        }
    topics = [
        _("- %(topic)s: %(n)s nội dung.") % {"topic": f["label"], "n": f["value"]}
        for f in facts.with_prefix("opinion.topic.")
        if f["kind"]
    ]
    areas = [
        _("- %(area)s: %(n)s nội dung.") % {"area": f["label"], "n": f["value"]}
        for f in facts.with_prefix("opinion.area.")
        if f["kind"]
    ]
    hot = facts.value("opinion.hot")
    return [
        section("mood", _("I. TÌNH HÌNH DƯ LUẬN XÃ HỘI CHUNG"), mood),
        section(
            "topics",
            _("II. DƯ LUẬN THEO CHỦ ĐỀ"),
            _join(topics or _("Không phát sinh dư luận theo chủ đề."), [_("Theo địa bàn:"), *areas] if areas else ""),
        ),
        section(
            "hot_spots",
            _("III. NHỮNG VẤN ĐỀ, ĐỊA BÀN NỔI CỘM"),
            _("Có %(n)s nội dung được đánh dấu nổi cộm.") % {"n": hot}
            if hot
            else _("Không phát sinh nội dung nổi cộm."),
        ),
        section("recommendations", _("IV. ĐỀ XUẤT, KIẾN NGHỊ")),
    ]


def _hot_issue_sections(report, facts: _Facts) -> list[dict]:
    from django.utils import timezone

    issue = report.hot_issue
    situation = _(
        "Vấn đề “%(title)s” tại %(area)s (chủ đề: %(topic)s; mức độ: %(severity)s), phát hiện ngày %(day)s."
    ) % {
        "title": issue.title,
        "area": issue.area.name,
        "topic": issue.topic.name,
        "severity": issue.get_severity_display().lower(),
        "day": timezone.localtime(issue.detected_at).strftime("%d/%m/%Y"),
    }
    sources = _(
        "Nguồn phát hiện: %(opinion)s nội dung dư luận, %(press)s tin bài báo chí, %(provision)s thông tin được cung "
        "cấp, %(subject)s vụ việc trao đổi."
    ) % {
        "opinion": facts.value("sources.opinion"),
        "press": facts.value("sources.press"),
        "provision": facts.value("sources.provision"),
        "subject": facts.value("sources.subject"),
    }
    statuses = dict(issue.Status.choices)
    events = issue.events.filter(pk__in=facts.ids("events")[:LISTED]).order_by("at", "id")
    steps = [
        _("- Ngày %(day)s: %(step)s%(reason)s")
        % {
            "day": timezone.localtime(event.at).strftime("%d/%m/%Y"),
            "step": statuses.get(event.to_status, event.action),
            "reason": f" — {event.reason}" if event.reason else "",
        }
        for event in events
    ]
    tasks = facts.task_lines("tasks.response", due=True)
    measures = _join(
        [_("Các bước đã thực hiện:"), *steps] if steps else _("Chưa ghi nhận bước xử lý."),
        [
            _("Nhiệm vụ xử lý: %(n)s (hoàn thành %(done)s, quá hạn %(overdue)s):")
            % {
                "n": facts.value("tasks.response"),
                "done": facts.value("tasks.response.done_on_time") + facts.value("tasks.response.done_late"),
                "overdue": facts.value("tasks.response.open_overdue"),
            },
            *tasks,
        ]
        if tasks
        else _("Chưa giao nhiệm vụ xử lý."),
    )
    request = ""
    if report.request_to_id:
        request = _("Đề nghị %(agency)s xem xét, chỉ đạo giải quyết dứt điểm vấn đề.") % {
            "agency": report.request_to.name
        }
    return [
        section("situation", _("I. TÌNH HÌNH"), _join(situation, issue.description, sources)),
        section("assessment", _("II. NHẬN ĐỊNH, ĐÁNH GIÁ")),
        section("measures", _("III. CÁC BIỆN PHÁP ĐÃ THỰC HIỆN"), measures),
        section("request", _("IV. ĐỀ NGHỊ"), request),
    ]


def sections_for(report, figures, viewer=None) -> list[dict]:
    """The prose sections of the report's kind, pre-filled from its figures (Figures or
    their stored JSON); the records named are those `viewer` (the author) may see."""
    facts = _Facts(figures, viewer)
    kind = report.kind
    if kind == "monthly":
        return _monthly_sections(report, facts)
    if kind in ("midterm_review", "final_review"):
        return _review_sections(report, facts)
    if kind == "opinion_summary":
        return _opinion_sections(report, facts)
    if kind == "hot_issue_situation":
        if not report.hot_issue_id:
            return [section("situation", _("I. TÌNH HÌNH")), section("request", _("II. ĐỀ NGHỊ"))]
        return _hot_issue_sections(report, facts)
    return _periodic_sections(report, facts)
