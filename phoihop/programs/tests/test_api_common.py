"""Shared pieces of the programmes API tests (no tests here): the request helpers and
`build_programme`, which builds through the services the programme every API test works on.

The programme binds the world's target (Đảng ủy xã Cẩm Đức, lead — the officer edits for
it) and the commune's People's Committee (partner — the partner persona is its focal
point); the province department above reads it (upper), the other province does not
see it (outsider).
"""

import datetime as dt
import json
from types import SimpleNamespace

from django.test import Client
from django.utils import timezone

from phoihop.accounts.api import api_token_issue
from phoihop.programs import services
from phoihop.programs.models import PartyRole, Program

API = "/api/v1"
NOT_FOUND = {"detail": "Không tìm thấy."}
FORBIDDEN = {"detail": "Bạn không có quyền thực hiện thao tác này."}
STALE = "Bản ghi đã được người khác sửa"
CITATION_238 = "Quyết định số 238-QĐ/TW, ngày 30/9/2020 của Ban Bí thư (khóa XII)"

# Who sees the programme (and its plans and tasks) and who gets 404.
SEEING = ["officer", "partner", "upper", "admin"]
NOT_SEEING = ["outsider", "nobody"]


def bearer(user) -> Client:
    _, raw = api_token_issue(user=user)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def client_of(world, persona: str) -> Client:
    return bearer(getattr(world, persona))


def post_json(client, url, body=None):
    return client.post(url, json.dumps(body if body is not None else {}), content_type="application/json")


def patch_json(client, url, body):
    return client.patch(url, json.dumps(body), content_type="application/json")


def errors(response) -> dict[str | None, list[str]]:
    """The field messages of a 422 body, by field."""
    assert response.status_code == 422, response.content
    result: dict[str | None, list[str]] = {}
    for error in response.json()["errors"]:
        result.setdefault(error["field"], []).append(error["message"])
    return result


def today() -> dt.date:
    return timezone.localdate()


def make_programme(world, *, title="Chương trình phối hợp tuyên truyền, vận động nhân dân", **overrides) -> Program:
    year = today().year
    values = {
        "actor": world.admin,
        "title": title,
        "number_symbol": "05-CTr/ĐU-UBND",
        "kind": Program.Kind.OTHER,
        "start_year": year - 1,
        "end_year": year + 1,
        "purpose": "Phối hợp tuyên truyền chủ trương, chính sách tại địa phương.",
        "parties": [
            services.PartyInput(world.target, PartyRole.LEAD, "Chủ trì xây dựng kế hoạch, tổng hợp kết quả."),
            services.PartyInput(world.commune_committee, PartyRole.PARTNER, "Cung cấp thông tin hằng tháng."),
        ],
        "content_items": [
            "Tuyên truyền chủ trương của Đảng, chính sách, pháp luật của Nhà nước.",
            "Cung cấp thông tin định kỳ và đột xuất.",
        ],
        "legal_bases": [CITATION_238],
    }
    return services.program_create(**{**values, **overrides})


def make_task(world, plan, *, title="Tuyên truyền kỷ niệm ngày thành lập xã", due_date=None, **overrides):
    values = {
        "actor": world.admin,
        "plan": plan,
        "title": title,
        "lead": world.target,
        "partners": [world.commune_committee],
        "due_date": due_date or today() + dt.timedelta(days=30),
        "channels": ["press", "social"],
        "content_item": plan.program.content_items.order_by("number").first(),
        "expected_product": "12 bài viết",
    }
    return services.task_create(**{**values, **overrides})


def build_programme(world) -> SimpleNamespace:
    """A draft programme for last year to next year, this year's plan and one open task
    due in a month with the lead's and the partner's parts."""
    program = make_programme(world)
    plan = services.plan_create(
        actor=world.admin, program=program, year=today().year, title=f"Kế hoạch thực hiện năm {today().year}"
    )
    task = make_task(world, plan)
    return SimpleNamespace(
        program=program,
        plan=plan,
        task=task,
        lead_part=task.parts.get(role=PartyRole.LEAD),
        partner_part=task.parts.get(role=PartyRole.PARTNER),
    )
