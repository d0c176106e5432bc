"""Demo data of issue 5: public opinion, hot issues, press monitoring and false claims,
for the Propaganda and Mass Mobilisation Department of Đắk Lắk (and one hand-over in
An Giang, to its People's Committee, whose focal point `daumoi.angiang` accepts it).

* Collaborators: `ctv.daklak`, `ctv2.daklak`, `ctv3.daklak` (in data.DEMO_USERS) cover
  three wards and communes of the province; the department reports monthly by the 25th.
* Periodic reports for the last three months whose deadline has passed, so that the
  submission matrix shows every state: on time, one late (ctv2, last month), one missing
  (ctv3, two months ago); the current month is not yet due. Items on several topics,
  some flagged hot. One quick report (*báo cáo nhanh*) on a landslide.
* Hot issues in several states with their events: one escalated to the standing
  committee, one handed over to An Giang's People's Committee and accepted, one resolved,
  one just detected; an escalation rule.
* Press: a manual source and an RSS source whose feed is unreachable (marked failing,
  with its error, for the health display); items, some flagged by the watch list, some
  hot, linked to the Đắk Lắk programme; the weekly digest.
* False claims: one concluded false with the official response, linked to a hot issue
  and a press item; one being verified; one misleading.

Aggregate only: no text here names, numbers or locates a citizen.

Each part is skipped once its department has any record of that part (reports, hot
issues, press sources, false claims), so a second run creates nothing. False claims go
through `claims.services`. The other parts are written through the models: their
history is backdated (reports submitted in past months, a hot issue's steps days apart),
which the services — stamping the present — cannot write. What guards them is in
`demo/tests/test_demo_issue5.py`: the matrix shows every state, and every hot-issue step
is one the lifecycle (`hotissues.transitions`) allows, under its own name.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.utils import timezone

from phoihop.accounts.models import Membership, Role, User
from phoihop.claims import services as claim_services
from phoihop.claims.models import FalseClaim
from phoihop.core.text import fold
from phoihop.hotissues.models import EscalationRule, HandOver, HotIssue, HotIssueEvent, HotIssueSource
from phoihop.opinion.models import OpinionItem, OpinionReport, ReportingCalendar, Topic
from phoihop.organisations.models import AdministrativeUnit, Level, Organization
from phoihop.press.models import PressDigest, PressItem, PressSource, WatchList, WatchMatch
from phoihop.programs.models import Program

SYSTEM = None
DEPARTMENT = "Ban Tuyên giáo và Dân vận Tỉnh ủy Đắk Lắk"
AN_GIANG_DEPARTMENT = "Ban Tuyên giáo và Dân vận Tỉnh ủy An Giang"
AN_GIANG_COMMITTEE = "Ủy ban nhân dân tỉnh An Giang"
DUE_DAY = 25

# Collaborator → the ward or commune it covers (folded name, matched in the province).
COLLABORATORS = {"ctv.daklak": "phuong buon ma thuot", "ctv2.daklak": "phuong tuy hoa", "ctv3.daklak": "xa ea kar"}

# (topic code, direction, intensity, breadth, summary, flagged hot)
ITEMS = [
    ("land", "worried", "high", "many",
     "Người dân vùng dự án cao tốc băn khoăn về đơn giá bồi thường, hỗ trợ tái định cư; một số hộ chưa đồng thuận "
     "với phương án giải phóng mặt bằng.", True),
    ("health", "approving", "medium", "most",
     "Đa số ý kiến đồng tình với việc triển khai khám sàng lọc miễn phí cho người cao tuổi tại trạm y tế.", False),
    ("education", "worried", "medium", "many",
     "Phụ huynh quan tâm các khoản thu đầu năm học; đề nghị công khai rõ khoản thu theo quy định.", False),
    ("economy", "undecided", "low", "few",
     "Giá cà phê, hồ tiêu biến động; bà con theo dõi chính sách hỗ trợ vay vốn tái canh.", False),
    ("environment-disasters", "worried", "high", "many",
     "Lo ngại mùi hôi và nước thải từ cơ sở chế biến nông sản ảnh hưởng nguồn nước sinh hoạt.", True),
]  # fmt: skip


@dataclass
class Created:
    opinion_reports: int = 0
    hot_issues: int = 0
    press_items: int = 0
    false_claims: int = 0
    notes: list[str] = field(default_factory=list)


def _aware(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _month_back(today: dt.date, months: int) -> tuple[int, int]:
    index = today.year * 12 + today.month - 1 - months
    return index // 12, index % 12 + 1


def _month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, month, 1)
    end = (dt.date(year + (month == 12), month % 12 + 1, 1)) - dt.timedelta(days=1)
    return start, end


def _topics() -> dict[str, Topic]:
    return {topic.code: topic for topic in Topic.objects.all()}


def _commune(province: AdministrativeUnit, folded_name: str) -> AdministrativeUnit:
    communes = AdministrativeUnit.objects.filter(province=province, level=Level.COMMUNE).order_by("code", "id")
    for unit in communes:
        if fold(unit.name) == folded_name:
            return unit
    return communes.first() or province


# --- collaborators and reports -------------------------------------------------------------


def _ensure_areas(department: Organization) -> dict[str, Membership]:
    """The collaborators' memberships, with the commune each covers (set where the loader
    left the department's whole area)."""
    memberships = {}
    for username, commune in COLLABORATORS.items():
        membership = Membership.objects.filter(
            user__username=username, organization=department, role=Role.COLLABORATOR
        ).first()
        if membership is None:
            continue
        # The loader grants a collaborator its department's own area; here each gets a commune.
        if membership.area_id in (None, department.administrative_unit_id):
            membership.area = _commune(department.administrative_unit, commune)
            membership.save(update_fields=["area"])
        memberships[username] = membership
    return memberships


def _report(department, membership, *, kind, year, period, start, end, due, submitted, overview, items, topics):
    report = OpinionReport.objects.create(  # backdated: submitted in its own month
        department=department,
        collaborator=membership.user,
        area=membership.area,
        kind=kind,
        frequency="monthly" if kind == "periodic" else "",
        year=year,
        period=period,
        period_start=start,
        period_end=end,
        due_on=due,
        overview=overview,
        status="submitted",
        submitted_at=submitted,
    )
    for position, (code, direction, intensity, breadth, summary, hot) in enumerate(items):
        OpinionItem.objects.create(
            report=report,
            position=position,
            topic=topics[code],
            area=membership.area,
            direction=direction,
            intensity=intensity,
            breadth=breadth,
            summary=summary,
            flagged_hot=hot,
        )
    return report


def _ensure_reports(department, today: dt.date, topics, created: Created) -> None:
    if OpinionReport.objects.filter(department=department).exists():
        return
    ReportingCalendar.objects.get_or_create(
        department=department, defaults={"frequency": "monthly", "due_day": DUE_DAY, "remind_days_before": 3}
    )
    memberships = _ensure_areas(department)
    if len(memberships) < len(COLLABORATORS):
        created.notes.append("Thiếu cộng tác viên mẫu; bỏ qua báo cáo dư luận mẫu.")
        return
    # The last three months whose deadline has passed: oldest first.
    back = 0 if today.day > DUE_DAY else 1
    months = [_month_back(today, back + n) for n in (2, 1, 0)]
    # The collaborators joined at the start of the first of them: before it they owed
    # nothing, so the matrix and "Việc của tôi" show only these months (and the current).
    joined = _month_bounds(*months[0])[0]
    for membership in memberships.values():
        if membership.valid_from is None or membership.valid_from > joined:
            membership.valid_from = joined
            membership.save(update_fields=["valid_from"])
    for index, (year, month) in enumerate(months):
        start, end = _month_bounds(year, month)
        due = dt.date(year, month, DUE_DAY)
        for username, membership in memberships.items():
            if username == "ctv3.daklak" and index == 1:
                continue  # missing
            late = username == "ctv2.daklak" and index == 2
            submitted = _aware(due + dt.timedelta(days=3) if late else due - dt.timedelta(days=2), 16)
            offset = (index + list(memberships).index(username)) % len(ITEMS)
            chosen = [ITEMS[offset], ITEMS[(offset + 1) % len(ITEMS)]]
            _report(
                department,
                membership,
                kind="periodic",
                year=year,
                period=month,
                start=start,
                end=end,
                due=due,
                submitted=submitted,
                overview=f"Tình hình tư tưởng, dư luận trên địa bàn tháng {month}/{year} cơ bản ổn định.",
                items=chosen,
                topics=topics,
            )
            created.opinion_reports += 1
    quick_day = today - dt.timedelta(days=3)
    _report(
        department,
        memberships["ctv.daklak"],
        kind="quick",
        year=quick_day.year,
        period=None,
        start=quick_day,
        end=quick_day,
        due=None,
        submitted=_aware(quick_day, 18),
        overview="Báo cáo nhanh sau mưa lớn kéo dài.",
        items=[
            (
                "environment-disasters",
                "worried",
                "high",
                "most",
                "Sạt lở taluy dương trên tuyến tỉnh lộ sau mưa lớn; người dân lo ngại mất an toàn giao thông, "
                "đề nghị sớm khắc phục và cắm biển cảnh báo.",
                True,
            )
        ],
        topics=topics,
    )
    created.opinion_reports += 1


# --- hot issues ------------------------------------------------------------------------------------

STEPS = {
    "assessing": ("assess", "Đã phân công đánh giá, thu thập thông tin từ cơ sở."),
    "advised": ("advise", "Đã tham mưu Thường trực Tỉnh ủy chỉ đạo đối thoại với người dân vùng dự án."),
    "escalated": ("escalate", "Mức độ cao, có nguy cơ khiếu kiện đông người: báo cáo Ban Thường vụ."),
    "handling": ("handle", "Giao cơ quan chức năng xử lý."),
    "resolved": ("resolve", "Đã công khai các khoản thu; phụ huynh đồng tình."),
}


def _hot_issue(owner, *, title, description, area, topic, severity, path, start, flags=(), program=None):
    """A hot issue that went through `path` (statuses after "detected"), one step every
    few days from `start`."""
    at = _aware(start, 8)
    issue = HotIssue.objects.create(
        title=title,
        description=description,
        owner=owner,
        area=area,
        topic=topic,
        severity=severity,
        is_prominent="prominent" in flags,
        is_complex="complex" in flags,
        is_sensitive="sensitive" in flags,
        program=program,
        status="detected",
        status_changed_at=at,
        detected_at=at,
    )
    HotIssueEvent.objects.create(hot_issue=issue, action="detected", to_status="detected", reason="", at=at)
    previous = "detected"
    for step, status in enumerate(path, start=1):
        action, reason = STEPS[status]
        at = _aware(start + dt.timedelta(days=3 * step), 10)
        HotIssueEvent.objects.create(
            hot_issue=issue, action=action, from_status=previous, to_status=status, reason=reason, at=at
        )
        previous = status
        issue.status, issue.status_changed_at = status, at
        if status == "escalated":
            issue.escalated_at = at
        if status in ("resolved", "watching"):
            issue.closed_at = at
    issue.save()
    return issue


def _ensure_hot_issues(department, today, topics, created: Created) -> dict[str, HotIssue]:
    found = {issue.title: issue for issue in HotIssue.objects.filter(owner=department)}
    if found:
        return found
    EscalationRule.objects.create(
        department=department,
        name="Mức độ cao trở lên, hoặc chưa giải quyết sau 30 ngày",
        min_severity="high",
        unresolved_days=30,
    )
    province = department.administrative_unit
    program = Program.objects.filter(parties__organization=department).order_by("-start_year", "id").first()
    issues = {
        "land": _hot_issue(
            department,
            title="Khiếu nại về đơn giá bồi thường giải phóng mặt bằng dự án đường cao tốc",
            description="Nhiều hộ trong vùng dự án chưa đồng thuận với đơn giá bồi thường, hỗ trợ; có dấu hiệu "
            "tập trung đông người. Dư luận theo dõi sát.",
            area=province,
            topic=topics["land"],
            severity="high",
            path=["assessing", "advised", "escalated"],
            start=today - dt.timedelta(days=24),
            flags=("prominent", "complex"),
            program=program,
        ),
        "school": _hot_issue(
            department,
            title="Dư luận về các khoản thu đầu năm học",
            description="Phụ huynh phản ánh các khoản thu ngoài quy định tại một số trường; ngành giáo dục đã "
            "kiểm tra, công khai.",
            area=province,
            topic=topics["education"],
            severity="medium",
            path=["assessing", "advised", "handling", "resolved"],
            start=today - dt.timedelta(days=60),
        ),
        "landslide": _hot_issue(
            department,
            title="Sạt lở taluy trên tuyến tỉnh lộ sau mưa lớn",
            description="Theo báo cáo nhanh của cộng tác viên; cần phối hợp cảnh báo và thông tin kịp thời.",
            area=province,
            topic=topics["environment-disasters"],
            severity="medium",
            path=[],
            start=today - dt.timedelta(days=2),
            flags=("sensitive",),
        ),
    }
    hot_items = OpinionItem.objects.filter(report__department=department, flagged_hot=True).order_by("id")
    for key, code in (("land", "land"), ("landslide", "environment-disasters")):
        item = hot_items.filter(topic__code=code).last()
        if item is not None:
            HotIssueSource.objects.create(hot_issue=issues[key], opinion_item=item)
    created.hot_issues += len(issues)
    _ensure_hand_over(today, topics, created)
    return {issue.title: issue for issue in issues.values()}


def _ensure_hand_over(today, topics, created: Created) -> None:
    """An Giang: an issue handed over to the province's People's Committee, accepted by
    its focal point."""
    department = Organization.objects.filter(name=AN_GIANG_DEPARTMENT, valid_to__isnull=True).first()
    committee = Organization.objects.filter(name=AN_GIANG_COMMITTEE, valid_to__isnull=True).first()
    focal_point = User.objects.filter(username="daumoi.angiang").first()
    if department is None or committee is None or HotIssue.objects.filter(owner=department).exists():
        return
    issue = _hot_issue(
        department,
        title="Lo ngại ô nhiễm nguồn nước do nước thải cơ sở chế biến thủy sản",
        description="Dư luận lo ngại nước thải ảnh hưởng nguồn nước sinh hoạt; cần kiểm tra, xử lý và thông tin "
        "công khai kết quả.",
        area=department.administrative_unit,
        topic=topics["environment-disasters"],
        severity="high",
        path=["assessing", "advised", "handling"],
        start=today - dt.timedelta(days=20),
        flags=("prominent",),
    )
    sent = _aware(today - dt.timedelta(days=10), 9)
    answered = _aware(today - dt.timedelta(days=9), 15)
    HandOver.objects.create(
        hot_issue=issue,
        from_organization=department,
        to_organization=committee,
        note="Đề nghị chỉ đạo kiểm tra nguồn thải, xử lý vi phạm và thông tin kết quả cho Nhân dân.",
        sent_at=sent,
        status="accepted",
        answered_by=focal_point,
        answered_at=answered,
        answer_reason="Đã giao Sở Nông nghiệp và Môi trường chủ trì kiểm tra.",
    )
    HotIssueEvent.objects.create(hot_issue=issue, action="handed_over", reason="Chuyển UBND tỉnh xử lý.", at=sent)
    HotIssueEvent.objects.create(
        hot_issue=issue, action="hand_over_accepted", reason="Đã giao Sở chủ trì kiểm tra.", actor=focal_point,
        at=answered,
    )  # fmt: skip
    issue.shared_with.add(committee)
    created.hot_issues += 1


# --- press -----------------------------------------------------------------------------------------


def _fingerprint(link: str) -> str:
    return hashlib.sha256(link.encode()).hexdigest()


PRESS = [
    # (title, summary, days ago, tone, topic, hot)
    ("Đắk Lắk đẩy nhanh tiến độ giải phóng mặt bằng dự án cao tốc",
     "Tỉnh tổ chức đối thoại với người dân vùng dự án về đơn giá bồi thường, hỗ trợ tái định cư.", 5, "neutral",
     "land", True),
    ("Phụ huynh phản ánh các khoản thu đầu năm học",
     "Ngành giáo dục kiểm tra, yêu cầu các trường công khai khoản thu theo quy định.", 40, "negative",
     "education", False),
    ("Khám sàng lọc miễn phí cho người cao tuổi",
     "Trạm y tế các xã, phường tổ chức khám sàng lọc bệnh không lây nhiễm.", 12, "positive", "health", False),
    ("Cảnh báo sạt lở trên các tuyến đường sau mưa lớn",
     "Lực lượng chức năng cắm biển cảnh báo, khắc phục sạt lở taluy dương.", 2, "neutral",
     "environment-disasters", True),
]  # fmt: skip

KEYWORDS = "giải phóng mặt bằng\nbồi thường\nsạt lở\nô nhiễm"


def _ensure_press(department, today, topics, created: Created) -> list[PressItem]:
    if PressSource.objects.filter(owner=department).exists():
        return list(PressItem.objects.filter(owner=department).order_by("-published_on", "id"))
    manual = PressSource.objects.create(owner=department, name="Báo Đắk Lắk", kind="manual")
    failing_at = _aware(today, 6)
    PressSource.objects.create(
        owner=department,
        name="Trang tin điện tử Tây Nguyên (RSS)",
        feed_url="https://tintaynguyen.example/rss/thoi-su.rss",
        kind="rss",
        last_polled_at=failing_at,
        last_error="Không kết nối được tới nguồn tin (không phân giải được tên miền tintaynguyen.example).",
        last_error_at=failing_at,
        consecutive_failures=3,
    )
    watch_list = WatchList.objects.create(owner=department, name="Đất đai, môi trường, thiên tai", keywords=KEYWORDS)
    program = Program.objects.filter(parties__organization=department).order_by("-start_year", "id").first()
    folded_keywords = [(keyword, fold(keyword)) for keyword in KEYWORDS.splitlines()]
    items = []
    for index, (title, summary, days, tone, code, hot) in enumerate(PRESS):
        link = f"https://baodaklak.example/tin/{index + 1}"
        text = fold(f"{title} {summary}")
        matched = [keyword for keyword, folded in folded_keywords if folded in text]
        item = PressItem.objects.create(
            owner=department,
            source=manual,
            outlet=manual.name,
            title=title,
            link=link,
            published_on=today - dt.timedelta(days=days),
            summary=summary,
            tone=tone,
            area=department.administrative_unit,
            topic=topics[code],
            is_hot=hot,
            is_flagged=bool(matched),
            origin="manual",
            fingerprint=_fingerprint(link),
        )
        if matched:
            WatchMatch.objects.create(item=item, watch_list=watch_list, keyword=matched[0])
        if program is not None and hot:
            item.programs.add(program)
        items.append(item)
    manual.items_count = len(items)
    manual.save(update_fields=["items_count"])
    if program is not None:
        week_start = today - dt.timedelta(days=today.weekday() + 7)
        digest, _ = PressDigest.objects.get_or_create(program=program, week_start=week_start)
        digest.items.add(*[item for item in items if item.is_hot])
    created.press_items += len(items)
    return items


# --- false claims ----------------------------------------------------------------------------------


def _ensure_claims(department, today, topics, issues: dict[str, HotIssue], items, created: Created) -> None:
    if FalseClaim.objects.filter(owner=department).exists():
        return
    province = department.administrative_unit

    def record(**values):
        claim = claim_services.false_claim_create(actor=SYSTEM, owner=department, area=province, **values)
        created.false_claims += 1
        return claim

    def move(claim, *actions):
        for action in actions:
            claim = claim_services.false_claim_transition(
                actor=SYSTEM, false_claim=claim, action=action, expected_version=claim.version
            )
        return claim

    land = record(
        claim="Tin đồn tỉnh sẽ thu hồi đất vùng dự án cao tốc mà không bồi thường, hỗ trợ.",
        channel="social",
        seen_where="Nhóm Facebook cộng đồng cư dân vùng dự án",
        seen_on=today - dt.timedelta(days=6),
        topic=topics["land"],
    )
    land = move(land, "verify", "conclude_false")
    claim_services.false_claim_respond(
        actor=SYSTEM,
        false_claim=land,
        expected_version=land.version,
        response="UBND tỉnh khẳng định mọi trường hợp thu hồi đất đều được bồi thường, hỗ trợ theo quy định của "
        "Luật Đất đai 2024; phương án được niêm yết công khai tại trụ sở UBND cấp xã.",
        published_where="Cổng thông tin điện tử tỉnh Đắk Lắk",
        url="https://daklak.example.gov.vn/thong-tin-chinh-thuc/boi-thuong-cao-toc",
        published_on=today - dt.timedelta(days=4),
    )
    linked_issue = next((issue for issue in issues.values() if issue.topic_id == topics["land"].pk), None)
    linked_items = [item for item in items if item.topic_id == topics["land"].pk]
    claim_services.false_claim_link(
        actor=SYSTEM, false_claim=land, hot_issues=[linked_issue] if linked_issue else [], press_items=linked_items
    )
    move(
        record(
            claim="Thông tin cho rằng nước máy tại thành phố bị nhiễm độc sau mưa lũ.",
            channel="messaging",
            seen_where="Nhóm Zalo khu dân cư",
            seen_on=today - dt.timedelta(days=1),
            topic=topics["health"],
        ),
        "verify",
    )
    move(
        record(
            claim="Video cho rằng toàn bộ tuyến tỉnh lộ bị chia cắt, không thể lưu thông sau sạt lở.",
            channel="video",
            seen_where="Nền tảng chia sẻ video TikTok",
            seen_on=today - dt.timedelta(days=2),
            topic=topics["environment-disasters"],
        ),
        "verify",
        "conclude_misleading",
    )


def ensure_issue5() -> Created:
    """Create whatever part of the issue-5 demo is missing; returns what was created."""
    created = Created()
    department = Organization.objects.filter(name=DEPARTMENT, valid_to__isnull=True).first()
    topics = _topics()
    if department is None or not {"land", "health", "education", "environment-disasters"} <= set(topics):
        created.notes.append("Thiếu Ban Tuyên giáo và Dân vận Tỉnh ủy Đắk Lắk hoặc chủ đề mặc định; bỏ qua.")
        return created
    today = timezone.localdate()
    _ensure_reports(department, today, topics, created)
    issues = _ensure_hot_issues(department, today, topics, created)
    items = _ensure_press(department, today, topics, created)
    _ensure_claims(department, today, topics, issues, items, created)
    return created
