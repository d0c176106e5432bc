"""The demo's subjects, assessments and communication plans (issue 4, items 1–3), and the
two plan templates.

Declarative, like `programs`; `plan_subjects` adds their events to the loader's
date-ordered writer, and everything is written through `phoihop.exchange.services` with
the system as actor. Found by title: a subject already there is left as it is.

Facts and fiction: seed 001 names what the Kiên Giang bodies register each year — major
prosecutions (procuracy), exemplary trials (court), illegal fishing in foreign waters
(agriculture), epidemics (health) — and seed 003 names site clearance in a town. The
subjects below are illustrative instances of those, not real cases: their titles,
dates, assessments and plans are invented, name no person, and say "(dữ liệu mẫu)".

* After the 2025 mergers the procuracy and court rules continue with the An Giang bodies:
  a prosecution at "registered" (waiting for the department) and a trial with its plan
  generated into tasks, dated around the day the loader runs.
* The Kiên Giang agriculture and health departments' rules were concluded in 2025 and the
  demo has no An Giang departments; the provincial People's Committee, which directs both
  departments, registers the illegal-fishing subject (at "acknowledged") and the epidemic
  subject (at "assessed", its assessment approved) under its own programme.
* Invitations: the court invites the department, the procuracy and the People's Committee
  to the trial's press conference (two have answered), and the People's Committee invites
  the department to a site visit at a fishing port (not yet answered).
* Sông Cầu (seed 003): a 2021 site clearance for a key project, planned, carried out and
  closed, before the district level ended.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile

from phoihop.documents.models import Classification, Document
from phoihop.exchange import services as exchange_services
from phoihop.exchange.models import PlanActivity, PlanTemplate, PlanTemplateActivity, Side, Subject
from phoihop.programs import services as program_services
from phoihop.programs.models import Channel, Phase, Program

from .programs.kien_giang import KIEN_GIANG_TAND, KIEN_GIANG_UBND, KIEN_GIANG_VKSND
from .programs.song_cau import SONG_CAU

BEFORE, DURING, AFTER = Phase.BEFORE, Phase.DURING, Phase.AFTER
PRESS, BRIEFING, RADIO_TV = Channel.PRESS, Channel.PRESS_CONFERENCE, Channel.RADIO_TV
ORAL, SOCIAL, VISUAL = Channel.ORAL, Channel.SOCIAL, Channel.VISUAL
OWNER, DEPARTMENT = Side.OWNER, Side.DEPARTMENT

# --- templates -----------------------------------------------------------------------


@dataclass(frozen=True)
class DemoTemplateActivity:
    phase: str
    title: str
    offset: int
    side: str
    channels: tuple[str, ...]
    product: str = ""
    with_partner: bool = True


@dataclass(frozen=True)
class DemoTemplate:
    kind: str
    title: str
    anchor_label: str
    description: str
    activities: tuple[DemoTemplateActivity, ...]


TRIAL_TEMPLATE = DemoTemplate(
    "trial",
    "Tuyên truyền phiên tòa xét xử vụ án lớn, án điểm",
    "Ngày xét xử",
    "Ba giai đoạn quanh ngày xét xử: thông tin trước để dư luận hiểu đúng, đưa tin trong phiên tòa, tuyên truyền "
    "kết quả và nắm dư luận sau phiên tòa.",
    (
        DemoTemplateActivity(
            BEFORE,
            "Xây dựng đề cương tuyên truyền, định hướng thông tin về vụ án",
            -14,
            DEPARTMENT,
            (ORAL,),
            "01 đề cương",
        ),
        DemoTemplateActivity(
            BEFORE,
            "Thông cáo báo chí về việc đưa vụ án ra xét xử",
            -7,
            OWNER,
            (PRESS, BRIEFING),
            "01 thông cáo báo chí",
        ),
        DemoTemplateActivity(
            DURING,
            "Đưa tin phiên tòa trên báo chí, phát thanh - truyền hình",
            0,
            DEPARTMENT,
            (PRESS, RADIO_TV),
            "05 tin, bài",
        ),
        DemoTemplateActivity(
            AFTER,
            "Tuyên truyền kết quả xét xử, giáo dục pháp luật",
            3,
            DEPARTMENT,
            (PRESS, SOCIAL, ORAL),
            "05 tin, bài",
        ),
        DemoTemplateActivity(
            AFTER,
            "Nắm tình hình dư luận xã hội sau phiên tòa",
            15,
            DEPARTMENT,
            (ORAL,),
            "01 báo cáo",
            with_partner=False,
        ),
    ),
)

PROJECT_TEMPLATE = DemoTemplate(
    "project",
    "Tuyên truyền đề án, dự án có bồi thường, giải phóng mặt bằng",
    "Ngày công bố phương án bồi thường",
    "Trước: phổ biến chủ trương, chính sách bồi thường, hỗ trợ, tái định cư; trong: đối thoại, vận động tại khu dân "
    "cư; sau: tuyên truyền kết quả, biểu dương hộ dân chấp hành, nắm dư luận.",
    (
        DemoTemplateActivity(
            BEFORE,
            "Phổ biến chủ trương đầu tư dự án và chính sách bồi thường, hỗ trợ, tái định cư",
            -30,
            DEPARTMENT,
            (ORAL, RADIO_TV, VISUAL),
            "01 tài liệu hỏi - đáp; 10 buổi tuyên truyền",
        ),
        DemoTemplateActivity(
            BEFORE, "Thông tin báo chí về phương án bồi thường", -7, OWNER, (PRESS, BRIEFING), "01 thông cáo báo chí"
        ),
        DemoTemplateActivity(
            DURING, "Đối thoại, vận động hộ dân tại khu dân cư trong vùng dự án", 0, OWNER, (ORAL,), "04 buổi đối thoại"
        ),
        DemoTemplateActivity(
            AFTER,
            "Tuyên truyền kết quả, biểu dương hộ dân chấp hành bàn giao mặt bằng",
            30,
            DEPARTMENT,
            (PRESS, RADIO_TV),
            "05 tin, bài",
        ),
        DemoTemplateActivity(
            AFTER,
            "Nắm tình hình dư luận sau bàn giao mặt bằng",
            45,
            DEPARTMENT,
            (ORAL,),
            "01 báo cáo",
            with_partner=False,
        ),
    ),
)

TEMPLATES = (TRIAL_TEMPLATE, PROJECT_TEMPLATE)


def ensure_templates() -> dict[str, PlanTemplate]:
    """The demo templates, created when missing (found by title, never altered)."""
    result = {}
    for spec in TEMPLATES:
        template = PlanTemplate.objects.filter(title=spec.title).first()
        if template is None:
            template = PlanTemplate.objects.create(
                kind=spec.kind, title=spec.title, anchor_label=spec.anchor_label, description=spec.description
            )
            PlanTemplateActivity.objects.bulk_create(
                PlanTemplateActivity(
                    template=template,
                    phase=item.phase,
                    title=item.title,
                    offset_days=item.offset,
                    channels=f",{','.join(item.channels)}," if item.channels else "",
                    lead_side=item.side,
                    with_partner=item.with_partner,
                    expected_product=item.product,
                    position=position,
                )
                for position, item in enumerate(spec.activities)
            )
        result[spec.kind] = template
    return result


# --- subjects ------------------------------------------------------------------------

REGISTERED, ACKNOWLEDGED, ASSESSED, PLANNED, CLOSED = "registered", "acknowledged", "assessed", "planned", "closed"


@dataclass(frozen=True)
class DemoAssessment:
    affected_groups: str
    benefits: str
    risks: str
    impact_level: str
    opinion_direction: str
    opinion_intensity: str
    opinion_breadth: str
    flashpoints: str
    recommendation: str


@dataclass(frozen=True)
class DemoSubject:
    program: str  # the DemoProgram's title
    owner: str  # organisation key
    kind: str
    title: str
    summary: str
    sensitivity: str
    key_label: str
    stage: str
    assessment: DemoAssessment | None = None
    template: str = ""  # kind of the template the plan starts from
    # A fixed timeline (history), or None: dated around the day the loader runs.
    key_date: dt.date | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    days_ahead: int = 20  # the key date, from the loader's day (clamped into the year)
    year: int = 2026
    happened_on: dt.date | None = None  # history: the day it was registered


AG_VKSND, AG_TAND, AG_UBND, SC_UBND = "angiang.vksnd", "angiang.tand", "angiang.ubnd", "songcau.ubnd"

SUBJECTS = (
    DemoSubject(
        KIEN_GIANG_VKSND.title,
        AG_VKSND,
        "prosecution",
        "Truy tố vụ án vi phạm quy định về đấu thầu tại một dự án đầu tư công (dữ liệu mẫu)",
        "Vụ án dư luận quan tâm; Viện Kiểm sát đề nghị phối hợp thông tin, định hướng dư luận khi công bố quyết định "
        "truy tố. Hồ sơ vụ án là tài liệu mật, không gửi qua hệ thống.",
        "high",
        "Ngày công bố quyết định truy tố",
        REGISTERED,
        days_ahead=25,
    ),
    DemoSubject(
        KIEN_GIANG_TAND.title,
        AG_TAND,
        "trial",
        "Xét xử lưu động vụ án điểm về mua bán trái phép chất ma túy (dữ liệu mẫu)",
        "Phiên tòa lưu động tại hội trường xã nhằm tuyên truyền, giáo dục pháp luật, phòng ngừa tội phạm ma túy "
        "trong thanh niên.",
        "medium",
        "Ngày xét xử",
        PLANNED,
        DemoAssessment(
            "Thanh niên, học sinh trên địa bàn xã; gia đình có người nghiện ma túy; cán bộ, đảng viên ở cơ sở",
            "Răn đe, phòng ngừa tội phạm ma túy; nâng cao ý thức chấp hành pháp luật",
            "Thông tin xuyên tạc trên mạng xã hội về mức án; tâm lý e ngại của người dân khi tham dự",
            "medium",
            "approving",
            "medium",
            "many",
            "Các nhóm mạng xã hội của địa phương trong ngày xét xử",
            "Thông tin sớm về phiên tòa; phối hợp với Tòa án đưa tin chính xác, kịp thời; nắm dư luận sau phiên tòa.",
        ),
        template="trial",
        days_ahead=10,
    ),
    DemoSubject(
        KIEN_GIANG_UBND.title,
        AG_UBND,
        "programme",
        "Chống khai thác hải sản bất hợp pháp (IUU), ngăn chặn tàu cá khai thác trái phép ở vùng biển nước ngoài "
        "(Sở Nông nghiệp và Môi trường tham mưu; dữ liệu mẫu)",
        "Đợt cao điểm tuyên truyền, vận động chủ tàu cá và ngư dân chấp hành quy định về khai thác hải sản.",
        "medium",
        "Ngày ra quân đợt cao điểm",
        ACKNOWLEDGED,
        days_ahead=30,
    ),
    DemoSubject(
        KIEN_GIANG_UBND.title,
        AG_UBND,
        "issue",
        "Phòng, chống sốt xuất huyết và bệnh tay chân miệng cuối năm 2026 (Sở Y tế tham mưu; dữ liệu mẫu)",
        "Số ca mắc tăng ở một số xã, phường; cần tuyên truyền để người dân chủ động phòng bệnh.",
        "low",
        "Ngày phát động chiến dịch diệt lăng quăng",
        ASSESSED,
        DemoAssessment(
            "Người dân các xã, phường có số ca mắc cao; phụ huynh có con nhỏ; các trường mầm non",
            "Người dân chủ động phòng bệnh, giảm số ca mắc",
            "Tâm lý chủ quan; thông tin sai lệch về vắc-xin và cách điều trị",
            "medium",
            "worried",
            "medium",
            "many",
            "Các xã, phường có ổ dịch",
            "Tuyên truyền trên loa truyền thanh cơ sở và mạng xã hội; phối hợp ngành y tế giải đáp thắc mắc của "
            "người dân.",
        ),
        days_ahead=12,
    ),
    DemoSubject(
        SONG_CAU.title,
        SC_UBND,
        "project",
        "Bồi thường, giải phóng mặt bằng dự án trọng điểm tuyến đường ven biển qua thị xã (dữ liệu mẫu)",
        "Dự án trọng điểm của thị xã; có hộ dân phải tái định cư.",
        "high",
        "Ngày công bố phương án bồi thường",
        CLOSED,
        DemoAssessment(
            "Các hộ dân trong vùng dự án và khu tái định cư; người dân các khu phố ven biển",
            "Hạ tầng giao thông, phát triển kinh tế - xã hội của thị xã",
            "Khiếu nại về giá bồi thường; tụ tập đông người",
            "high",
            "worried",
            "high",
            "many",
            "Khu vực có hộ dân chưa đồng thuận với phương án bồi thường",
            "Tuyên truyền trước, trong và sau; đối thoại trực tiếp với hộ dân; thông tin kịp thời trên báo chí.",
        ),
        template="project",
        key_date=dt.date(2021, 4, 15),
        start=dt.date(2021, 2, 1),
        end=dt.date(2021, 6, 30),
        year=2021,
        happened_on=dt.date(2021, 2, 3),
    ),
)
assert len({s.title for s in SUBJECTS}) == len(SUBJECTS), "demo subjects are found by title: keep titles unique"

# --- invitations (issue 4, item 6) ---------------------------------------------------------


@dataclass(frozen=True)
class DemoInvitation:
    subject: str  # the DemoSubject's title
    inviter: str  # organisation key
    kind: str
    title: str
    days_ahead: int  # the day, from the day the loader runs (answers stay open)
    start: dt.time
    end: dt.time
    place: str
    agenda: str
    invitees: tuple[str, ...]
    # organisation key → (answer, delegates, positions or reason); the others stay unanswered
    answers: tuple[tuple[str, str, int | None, str], ...] = ()
    activity: str = ""  # the title of the plan activity it belongs to


INVITATIONS = (
    DemoInvitation(
        SUBJECTS[1].title,
        AG_TAND,
        "press_conference",
        "Họp báo thông tin về việc đưa vụ án ra xét xử lưu động (dữ liệu mẫu)",
        3,
        dt.time(8, 0),
        dt.time(10, 0),
        "Hội trường Tòa án nhân dân tỉnh An Giang",
        "1. Thông tin về vụ án và thời gian, địa điểm xét xử lưu động.\n2. Định hướng thông tin trên báo chí.\n"
        "3. Trả lời câu hỏi của phóng viên.",
        ("angiang.btgdvtu", AG_VKSND, AG_UBND),
        (
            ("angiang.btgdvtu", "attending", 2, "01 Phó Trưởng ban, 01 chuyên viên"),
            (AG_VKSND, "attending", 1, "01 Phó Viện trưởng"),
        ),
        activity="Thông cáo báo chí về việc đưa vụ án ra xét xử",
    ),
    DemoInvitation(
        SUBJECTS[2].title,
        AG_UBND,
        "site_visit",
        "Khảo sát thực tế công tác quản lý tàu cá tại cảng cá (dữ liệu mẫu)",
        5,
        dt.time(7, 30),
        dt.time(11, 30),
        "Cảng cá Tắc Cậu",
        "Khảo sát việc kiểm soát tàu cá xuất, nhập bến; trao đổi với Ban Quản lý cảng cá về công tác tuyên truyền "
        "ngư dân.",
        ("angiang.btgdvtu",),
    ),
)


def _invite(spec: DemoSubject, subject: Subject, orgs, today: dt.date) -> None:
    """The demo invitations of `subject`, sent, with their answers (the system acts)."""
    for item in (i for i in INVITATIONS if i.subject == spec.title):
        activity = PlanActivity.objects.filter(plan__subject=subject, title=item.activity).first()
        invitation = exchange_services.invitation_create(
            actor=None,
            subject=subject,
            inviter=orgs[item.inviter],
            invitees=[orgs[k] for k in item.invitees],
            kind=item.kind,
            title=item.title,
            date=today + dt.timedelta(days=item.days_ahead),
            start_time=item.start,
            end_time=item.end,
            place=item.place,
            agenda=item.agenda,
            activity=activity,
        )
        exchange_services.invitation_transition(
            actor=None, invitation=invitation, action="send", expected_version=invitation.version
        )
        for org_key, answer, delegates, text in item.answers:
            response = invitation.responses.get(organization=orgs[org_key])
            exchange_services.invitation_answer(
                actor=None,
                response=response,
                expected_version=response.version,
                answer=answer,
                delegates=delegates,
                positions=text if answer == "attending" else "",
                reason=text if answer == "declined" else "",
            )


SUBJECT_EVENT = 7  # after every programme event of the same day (see loader: CARRY … PROGRAM_END)


def _timeline(spec: DemoSubject, today: dt.date) -> tuple[dt.date, dt.date, dt.date]:
    """(start, key date, end) of a subject dated around `today`: the key date `days_ahead`
    from today, kept in its year with room for the template's activities around it."""
    if spec.key_date is not None:
        return spec.start, spec.key_date, spec.end
    low, high = dt.date(spec.year, 3, 1), dt.date(spec.year, 12, 15)
    key = min(max(today + dt.timedelta(days=spec.days_ahead), low), high)
    return key - dt.timedelta(days=60), key, min(key + dt.timedelta(days=15), dt.date(spec.year, 12, 31))


def plan_subjects(writer, orgs, templates: dict[str, PlanTemplate], result) -> None:
    """Add the missing demo subjects' events to the loader's writer. A historical subject
    is written only with its programme (a programme already loaded has its old plans closed)."""
    for spec in SUBJECTS:
        if Subject.objects.filter(title=spec.title).exists():
            continue
        program_created_now = any(p.title == spec.program for p in writer.pending_programs)
        if spec.happened_on is not None and not program_created_now:
            result.warnings.append(f"Bỏ qua vấn đề mẫu “{spec.title}”: chương trình đã có từ trước.")
            continue
        day = spec.happened_on or writer.today
        writer.add(day, SUBJECT_EVENT, lambda spec=spec: _write(spec, orgs, templates, writer.today, result))


def _write(spec: DemoSubject, orgs, templates, today: dt.date, result) -> None:
    program = Program.objects.prefetch_related("parties__organization").get(title=spec.program)
    start, key, end = _timeline(spec, today)
    subject = exchange_services.subject_create(
        actor=None,
        program=program,
        owner=orgs[spec.owner],
        year=spec.year,
        kind=spec.kind,
        title=spec.title,
        summary=spec.summary,
        start_date=start,
        end_date=end,
        sensitivity=spec.sensitivity,
        key_dates=[exchange_services.KeyDateInput(spec.key_label, key)],
    )
    result.subjects_created += 1
    order = [REGISTERED, ACKNOWLEDGED, ASSESSED, PLANNED, CLOSED]
    stage = order.index(spec.stage)
    for action in ("register", "acknowledge")[: stage + 1]:
        exchange_services.subject_transition(
            actor=None, subject=subject, action=action, expected_version=subject.version
        )
    if stage < order.index(ASSESSED):
        _invite(spec, subject, orgs, today)
        return
    assessment = exchange_services.assessment_create(actor=None, subject=subject, **vars(spec.assessment))
    for action in ("submit", "approve"):
        exchange_services.assessment_transition(
            actor=None, assessment=assessment, action=action, expected_version=assessment.version
        )
    if stage < order.index(PLANNED):
        return
    subject.refresh_from_db()
    plan = exchange_services.communication_plan_create(
        actor=None,
        subject=subject,
        title=f"Kế hoạch tuyên truyền: {spec.title}",
        template=templates[spec.template],
        anchor=subject.key_dates.get(),
    )
    plan.refresh_from_db()
    tasks = exchange_services.communication_plan_generate(actor=None, plan=plan, expected_version=plan.version)
    result.tasks_created += len(tasks)
    if spec.stage != CLOSED:
        _invite(spec, subject, orgs, today)
        return
    for task in tasks:  # history: carried out on the day
        task.refresh_from_db()
        program_services.task_transition(
            actor=None, task=task, action="complete", expected_version=task.version, completed_on=task.due_date
        )
    subject.refresh_from_db()
    exchange_services.subject_transition(
        actor=None,
        subject=subject,
        action="close",
        expected_version=subject.version,
        reason="Hoàn thành bàn giao mặt bằng; các hoạt động tuyên truyền đã thực hiện xong.",
    )


# --- documents of a subject (issue 4, item 1) ------------------------------------------

# What the procuracy provides with its prosecution subject: the press release it will make
# public (never the case file, which is confidential and goes through the secure channel).
SUBJECT_DOCUMENT_SUBJECT = SUBJECTS[0].title
SUBJECT_DOCUMENT_TITLE = "Dự thảo thông cáo báo chí về việc truy tố vụ án (dữ liệu mẫu)"
SUBJECT_DOCUMENT_NUMBER = "15/TB-VKS"


def _pdf(text: str) -> bytes:
    """A one-page PDF 1.4 with a correct cross-reference table (ASCII text)."""
    stream = b"BT /F1 12 Tf 72 720 Td (" + text.encode("ascii", "replace") + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def ensure_subject_documents() -> int:
    """Attach the demo document to its subject if it is not there yet (the system acts):
    a public document of the owner, shared with the department. Returns how many were
    attached (0 on a second run)."""
    subject = Subject.objects.select_related("owner", "program").filter(title=SUBJECT_DOCUMENT_SUBJECT).first()
    if subject is None or not subject.is_open or subject.documents.filter(title=SUBJECT_DOCUMENT_TITLE).exists():
        return 0
    existing = Document.objects.filter(owner=subject.owner, title=SUBJECT_DOCUMENT_TITLE).first()
    upload = None
    if existing is None:
        upload = SimpleUploadedFile("thong-cao-bao-chi.pdf", _pdf("Thong cao bao chi - du lieu mau"))
    exchange_services.subject_attach_document(
        actor=None,
        subject=subject,
        expected_version=subject.version,
        file=upload,
        document=existing,
        title=SUBJECT_DOCUMENT_TITLE,
        number_symbol=SUBJECT_DOCUMENT_NUMBER,
        issuer=subject.owner.name,
        classification=Classification.PUBLIC,
    )
    return 1


__all__ = [
    "INVITATIONS",
    "SUBJECTS",
    "TEMPLATES",
    "ensure_subject_documents",
    "ensure_templates",
    "plan_subjects",
]
