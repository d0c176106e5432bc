"""Demo data of issue 6, item 3: three "Dân vận khéo" models of 2026 in Đắk Lắk, in the
manner of seeds 000 and 002 (a commune's practice, told as a collective's work):

* commended by the Đắk Lắk Provincial Party Committee — "Quyết định số 125-QĐ/TU";
* under review by the province's Propaganda and Mass Mobilisation Department;
* nominated.

The nominator is Đảng ủy xã Ea Kar (added by `demo.inspections` if missing). Written
through `exemplary.services` (actor None: the system); skipped once the commune has a
nomination, so a second run creates nothing. Aggregate only: no citizen is named.
"""

from __future__ import annotations

import datetime as dt

from phoihop.demo import inspections as demo_inspections
from phoihop.exemplary import services
from phoihop.exemplary.models import ExemplaryModel
from phoihop.organisations.models import Organization

PARTY_COMMITTEE = "Tỉnh ủy Đắk Lắk"

MODELS = (
    (
        "Vận động Nhân dân hiến đất, góp công làm đường giao thông nông thôn",
        "Đảng ủy xã chỉ đạo các chi bộ thôn, buôn và Mặt trận, đoàn thể vận động Nhân dân hiến đất, góp ngày công, "
        "tháo dỡ vật kiến trúc để mở rộng đường. Năm 2026, toàn xã có 126 hộ hiến hơn 12.000 m² đất, làm mới và nâng "
        "cấp 8,5 km đường bê tông liên thôn, không phát sinh khiếu nại.",
        ExemplaryModel.Field.ECONOMY,
        "commended",
    ),
    (
        "Buôn văn hóa, tự quản giữ gìn an ninh trật tự",
        "Các buôn đồng bào dân tộc thiểu số xây dựng hương ước, tổ tự quản; già làng, người có uy tín cùng chi bộ "
        "vận động bà con giữ gìn an ninh trật tự, bài trừ hủ tục. Năm 2026 không có vụ việc phức tạp kéo dài.",
        ExemplaryModel.Field.DEFENCE_SECURITY,
        "under_review",
    ),
    (
        "Chuyên mục “Dân vận khéo” trên đài truyền thanh xã",
        "Đài truyền thanh xã phát chuyên mục hằng tháng giới thiệu cách làm hay ở thôn, buôn; nội dung do Ban Dân vận "
        "Đảng ủy và Mặt trận xã cùng biên tập.",
        ExemplaryModel.Field.CULTURE_SOCIETY,
        "nominated",
    ),
)


def ensure_exemplary_models() -> list[str]:
    """Create the demo models if missing; returns notes on what was skipped."""
    department = Organization.objects.filter(name=demo_inspections.DEPARTMENT, valid_to__isnull=True).first()
    if department is None:
        return ["Thiếu Ban Tuyên giáo và Dân vận Tỉnh ủy Đắk Lắk; bỏ qua điển hình tiên tiến."]
    commune = demo_inspections.commune_committee(department)
    if commune is None:
        return ["Thiếu đơn vị hành chính cấp xã của Đắk Lắk; bỏ qua điển hình tiên tiến."]
    if ExemplaryModel.objects.filter(owner=commune).exists():
        return []
    party_committee = Organization.objects.filter(name=PARTY_COMMITTEE, valid_to__isnull=True).first() or department
    for title, description, field, status in MODELS:
        model = services.exemplary_nominate(
            actor=None,
            owner=commune,
            title=title,
            description=description,
            field=field,
            year=2026,
            area=commune.administrative_unit,
        )
        if status == "nominated":
            continue
        model = services.exemplary_transition(
            actor=None, exemplary_model=model, action="review", expected_version=model.version
        )
        if status == "commended":
            services.exemplary_transition(
                actor=None,
                exemplary_model=model,
                action="commend",
                expected_version=model.version,
                decided_by=party_committee,
                decision_ref="Quyết định số 125-QĐ/TU",
                decided_on=dt.date(2026, 11, 10),
                review_note="Mô hình có sức lan tỏa, được Nhân dân đồng tình hưởng ứng.",
            )
    return []
