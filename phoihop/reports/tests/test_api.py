"""The reports API per persona: list with the page's filters (constant queries), fetch,
create (422 with Vietnamese field errors, nothing stored), update (409 on a stale version
or an issued report), recompute, issue (409 when issued, 422 naming the empty sections),
generate, run status, files; the paths in the OpenAPI schema."""

import pytest
from django.test import Client

from phoihop.programs.tests.test_api_common import (
    API,
    FORBIDDEN,
    NOT_FOUND,
    STALE,
    bearer,
    errors,
    patch_json,
    post_json,
)
from phoihop.reports import jobs
from phoihop.reports.models import Report
from phoihop.reports.tests.factories import ReportFactory, make_report, write_sections

pytestmark = pytest.mark.django_db

URL = f"{API}/reports/"


def new_report(world, **overrides) -> dict:
    return {
        "issuer": world.target.pk,
        "kind": "quarterly",
        "scope_kind": "organization",
        "organization": world.target.pk,
        "period_start": "01/07/2026",
        "period_end": "30/09/2026",
    } | overrides


@pytest.mark.parametrize(
    ("persona", "status"), [("officer", 200), ("upper", 200), ("admin", 200), ("partner", 404), ("outsider", 404)]
)
def test_who_fetches_a_report(world, persona, status):
    report = make_report(world)
    response = bearer(getattr(world, persona)).get(f"{URL}{report.pk}")
    assert response.status_code == status
    if status == 404:
        assert response.json() == NOT_FOUND
    else:
        body = response.json()
        assert body["status"] == "draft" and body["regime"] == "party" and body["kind_label"] == "Báo cáo quý"
        assert [s["key"] for s in body["sections"]] == [s["key"] for s in report.sections]
        assert [f["key"] for f in body["figures"]] == [f["key"] for f in report.figures] and body["figures"]


@pytest.mark.parametrize("rows", [3, 30])
def test_the_list_filters_in_constant_queries(world, django_assert_max_num_queries, rows):
    ReportFactory.create_batch(rows, issuer=world.target)
    ReportFactory(issuer=world.province_dept_b)
    client = bearer(world.officer)
    with django_assert_max_num_queries(10):
        body = client.get(f"{URL}?kind=quarterly&year=2026&page_size=100").json()
    assert body["count"] == rows
    assert client.get(f"{URL}?status=issued").json()["count"] == 0
    assert client.get(f"{URL}?year=1999").status_code == 422


def test_create_and_bad_input(world):
    client = bearer(world.officer)
    response = post_json(client, URL, new_report(world))
    assert response.status_code == 201
    assert response.json()["title"] == "Kết quả thực hiện quý III năm 2026 và nhiệm vụ trọng tâm quý IV năm 2026"
    bad = post_json(client, URL, new_report(world, period_end="30/06/2026", organization=None))
    assert set(errors(bad)) == {"period_end", "organization"}
    assert errors(bad)["period_end"] == ["Ngày kết thúc không thể trước ngày bắt đầu."]
    unknown = post_json(client, URL, new_report(world, program=99999999))
    assert "program" in errors(unknown)
    assert Report.objects.count() == 1
    upper = post_json(bearer(world.upper), URL, new_report(world))
    assert upper.status_code == 403 and upper.json() == FORBIDDEN


def test_update_recompute_issue(world):
    report = make_report(world)
    client = bearer(world.officer)
    url = f"{URL}{report.pk}"
    response = patch_json(client, url, {"version": report.version, "sections": {"results": "Đã làm.", "next": ""}})
    assert response.status_code == 200 and response.json()["sections"][0]["text"] == "Đã làm."
    stale = patch_json(client, url, {"version": report.version, "place": "X"})
    assert stale.status_code == 409 and STALE in stale.json()["detail"]
    assert "sections" in errors(patch_json(client, url, {"version": report.version + 1, "sections": {"x": "y"}}))
    assert patch_json(bearer(world.upper), url, {"version": 2, "place": "X"}).status_code == 403
    assert patch_json(bearer(world.outsider), url, {"version": 2, "place": "X"}).status_code == 404
    empty = post_json(client, f"{url}/issue", {"version": report.version + 1})
    assert errors(empty)["sections"][0].endswith("III. NHIỆM VỤ TRỌNG TÂM QUÝ IV NĂM 2026.")
    assert post_json(client, f"{url}/recompute", {"version": report.version + 1}).status_code == 200
    report.refresh_from_db()
    report = write_sections(report, world.officer)
    issued = post_json(client, f"{url}/issue", {"version": report.version})
    assert issued.status_code == 200
    body = issued.json()
    assert (body["status"], body["number"], body["number_symbol"]) == ("issued", 1, "Số 1-BC/ĐU")
    assert body["issued_on"] == "2026-11-22"
    again = post_json(client, f"{url}/issue", {"version": body["version"]})
    assert again.status_code == 409 and again.json()["detail"] == "Báo cáo đã ban hành, không thể thay đổi."
    edit = patch_json(client, url, {"version": body["version"], "place": "X"})
    assert edit.status_code == 409


def test_generate_run_status_files_and_download(world, fake_render):
    report = make_report(world)
    client = bearer(world.officer)
    response = post_json(client, f"{URL}{report.pk}/generate", {"formats": ["docx", "xlsx"]})
    assert response.status_code == 202
    run = response.json()
    assert (run["status"], run["formats"]) == ("queued", ["docx", "xlsx"])
    assert post_json(client, f"{URL}{report.pk}/generate", {"formats": ["odt"]}).status_code == 422
    assert post_json(bearer(world.upper), f"{URL}{report.pk}/generate", {}).status_code == 403
    jobs.run_generation(run["id"])
    status = bearer(world.upper).get(f"{URL}runs/{run['id']}").json()
    assert (status["status"], status["progress"]) == ("done", 100)
    assert bearer(world.outsider).get(f"{URL}runs/{run['id']}").status_code == 404
    files = client.get(f"{URL}{report.pk}/files").json()
    assert [f["format"] for f in files] == ["docx", "xlsx"]
    download = client.get(files[1]["download_url"])
    assert download.status_code == 200
    assert download["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert client.get(f"{URL}{report.pk}/files/pdf").status_code == 404
    assert bearer(world.outsider).get(files[0]["download_url"]).status_code == 404


def test_the_paths_are_in_the_openapi_schema():
    schema = Client().get(f"{API}/openapi.json").json()
    for path in ("/api/v1/reports/", "/api/v1/reports/{report_id}/issue", "/api/v1/reports/runs/{run_id}"):
        assert path in schema["paths"]
    assert schema["paths"]["/api/v1/reports/{report_id}/issue"]["post"]["summary"] == "Ban hành báo cáo"
