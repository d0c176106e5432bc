"""Demo data of issue 6, item 2: an inspection by Đắk Lắk's Propaganda and Mass
Mobilisation Department of how a commune carries out the province's programme (the Phú
Yên programme of seed 000, carried to Đắk Lắk) in 2026.

* The inspected commune's Party committee, Đảng ủy xã Ea Kar, is added to the registry
  (the demo had no commune body in Đắk Lắk); it is no party of the programme, so its
  remediation tasks are led by the department (the programme's party) — what
  `task_create` requires.
* The inspection is concluded with three conclusions; two have remediation tasks in the
  2026 plan, one of them done (remedied), the other open; the third has none yet.

Written through `inspections.services` (actor None: the system); skipped once the
department has an inspection, so a second run creates nothing. The tasks are only added
while the 2026 plan is the current one (the services put them in this year's plan).

Aggregate only: no text here names a citizen.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from phoihop.core.text import fold
from phoihop.inspections import services
from phoihop.inspections.models import Inspection
from phoihop.organisations import services as organisation_services
from phoihop.organisations.models import AdministrativeUnit, Level, Organization
from phoihop.programs import services as program_services
from phoihop.programs.models import Program

DEPARTMENT = "Ban Tuyên giáo và Dân vận Tỉnh ủy Đắk Lắk"
PROGRAM_TITLE = "Chương trình phối hợp về thực hiện công tác dân vận, công tác tuyên giáo giai đoạn 2022 - 2026"
COMMUNE = "xa ea kar"
COMMUNE_COMMITTEE = "Đảng ủy xã Ea Kar"

CONCLUSIONS = (
    (
        "Việc quán triệt, triển khai Chương trình phối hợp ở một số chi bộ thôn, buôn còn chậm; chưa xây dựng kế hoạch "
        "thực hiện cụ thể năm 2026.",
        "Ban hành kế hoạch thực hiện năm 2026, phân công rõ chi bộ, đoàn thể phụ trách.",
        dt.date(2026, 10, 31),
        ("Hướng dẫn Đảng ủy xã Ea Kar xây dựng kế hoạch thực hiện Chương trình phối hợp năm 2026", True),
    ),
    (
        "Công tác nắm tình hình dư luận xã hội ở cơ sở chưa thường xuyên; báo cáo định kỳ còn chậm, chưa đủ nội dung.",
        "Báo cáo tình hình dư luận xã hội hằng tháng đúng hạn (trước ngày 25).",
        dt.date(2026, 12, 31),
        ("Tập huấn nghiệp vụ nắm tình hình dư luận xã hội cho cộng tác viên xã Ea Kar", False),
    ),
    (
        "Việc tuyên truyền, biểu dương điển hình “Dân vận khéo” trên hệ thống truyền thanh xã chưa thường xuyên.",
        "Mở chuyên mục “Dân vận khéo” trên đài truyền thanh xã, tối thiểu mỗi tháng một kỳ.",
        dt.date(2026, 12, 31),
        None,
    ),
)


def commune_committee(department: Organization) -> Organization | None:
    """Đảng ủy xã Ea Kar (created once), in the department's province."""
    province = department.administrative_unit
    if province is None:
        return None
    communes = AdministrativeUnit.objects.filter(province=province, level=Level.COMMUNE).order_by("code", "id")
    unit = next((u for u in communes if fold(u.name) == COMMUNE), None) or communes.first()
    if unit is None:
        return None
    found = Organization.objects.filter(name=COMMUNE_COMMITTEE, level=Level.COMMUNE, administrative_unit=unit).first()
    if found is not None:
        return found
    return organisation_services.organization_create(
        actor=None,
        name=COMMUNE_COMMITTEE,
        kind=Organization.Kind.PARTY_COMMITTEE,
        level=Level.COMMUNE,
        administrative_unit=unit,
        issuer_code="ĐU",
        valid_from=max(unit.valid_from or department.valid_from or dt.date(2025, 7, 1), dt.date(2025, 7, 1)),
    )


def ensure_inspections() -> tuple[int, list[str]]:
    """Create the demo inspection if missing; returns the number of remediation tasks
    created (the loader counts them with the programmes' tasks) and notes on what was
    skipped."""
    notes: list[str] = []
    tasks = 0
    department = Organization.objects.filter(name=DEPARTMENT, valid_to__isnull=True).first()
    if department is None:
        return 0, ["Thiếu Ban Tuyên giáo và Dân vận Tỉnh ủy Đắk Lắk; bỏ qua kiểm tra."]
    if Inspection.objects.filter(owner=department).exists():
        return 0, notes
    commune = commune_committee(department)
    if commune is None:
        return 0, ["Thiếu đơn vị hành chính cấp xã của Đắk Lắk; bỏ qua kiểm tra."]
    program = Program.objects.filter(title=PROGRAM_TITLE).first()
    inspection = services.inspection_create(
        actor=None,
        owner=department,
        inspected=commune,
        program=program,
        title="Kiểm tra việc thực hiện Chương trình phối hợp về công tác dân vận, công tác tuyên giáo năm 2026 "
        "tại Đảng ủy xã Ea Kar",
        decision_ref="Quyết định số 12-QĐ/BTGDVTU",
        scope="Việc quán triệt, xây dựng kế hoạch và tổ chức thực hiện Chương trình phối hợp; công tác nắm tình hình "
        "dư luận xã hội; tuyên truyền điển hình “Dân vận khéo”.",
        started_on=dt.date(2026, 8, 10),
        ended_on=dt.date(2026, 8, 14),
        summary="Đảng ủy xã đã quan tâm lãnh đạo thực hiện Chương trình; bên cạnh kết quả đạt được còn một số hạn chế "
        "cần khắc phục.",
    )
    inspection = services.inspection_transition(
        actor=None, inspection=inspection, action="start", expected_version=inspection.version
    )
    conclusions = []
    for text, requirement, due, task in CONCLUSIONS:
        conclusion = services.conclusion_add(
            actor=None, inspection=inspection, text=text, requirement=requirement, remediation_due=due
        )
        conclusions.append((conclusion, due, task))
    services.inspection_update(
        actor=None,
        inspection=inspection,
        expected_version=inspection.version,
        concluded_on=dt.date(2026, 9, 5),
        conclusion_ref="Thông báo kết luận số 05-TB/BTGDVTU",
    )
    inspection = services.inspection_transition(
        actor=None, inspection=inspection, action="conclude", expected_version=inspection.version
    )
    plan = services.remediation_plan(inspection)
    if plan is None or timezone.localdate().year != 2026:
        notes.append("Chưa có kế hoạch năm hiện tại của Chương trình; bỏ qua nhiệm vụ khắc phục.")
        return 0, notes
    for conclusion, due, task in conclusions:
        if task is None:
            continue
        title, done = task
        created = services.remediation_task_create(
            actor=None, conclusion=conclusion, title=title, due_date=due, lead=department
        )
        tasks += 1
        if done:
            program_services.task_transition(
                actor=None,
                task=created,
                action="complete",
                expected_version=created.version,
                completed_on=min(dt.date(2026, 10, 20), timezone.localdate()),
            )
    return tasks, notes
