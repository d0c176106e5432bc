"""The report pages with every persona: who may, who may not (outsider and same-level
partner 404, upper level reads but never acts), bad input shown with a message, the
create form's GET prefill from the dashboards, downloads, constant queries."""

import pytest
from django.urls import reverse

from phoihop.audit.models import AuditEntry
from phoihop.reports import jobs, services
from phoihop.reports.models import Report, ReportRun
from phoihop.reports.tests.factories import ReportFactory, make_report, write_sections

pytestmark = pytest.mark.django_db

READERS = [("officer", 200), ("upper", 200), ("admin", 200), ("partner", 404), ("outsider", 404), ("nobody", 404)]


@pytest.fixture
def report(world):
    return make_report(world)


@pytest.mark.parametrize(("persona", "status"), READERS)
def test_who_sees_a_report(world, client_for, report, persona, status):
    response = client_for(getattr(world, persona)).get(reverse("reports:detail", args=[report.pk]))
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert "Báo cáo quý" in html and "ĐẢNG CỘNG SẢN VIỆT NAM" in html and "Số      -BC/ĐU" in html
        assert "01/07/2026 – 30/09/2026" in html and "I. KẾT QUẢ THỰC HIỆN" in html
        assert (reverse("reports:edit", args=[report.pk]) in html) is (persona in {"officer", "admin"})


@pytest.mark.parametrize(("persona", "status"), [("officer", 200), ("upper", 403), ("partner", 404), ("outsider", 404)])
def test_who_may_open_the_edit_page(world, client_for, report, persona, status):
    assert client_for(getattr(world, persona)).get(reverse("reports:edit", args=[report.pk])).status_code == status


@pytest.mark.parametrize("name", ["recompute", "issue", "generate"])
def test_the_upper_level_may_not_act(world, client_for, report, name):
    response = client_for(world.upper).post(reverse(f"reports:{name}", args=[report.pk]), {"version": report.version})
    assert response.status_code == 403
    assert client_for(world.outsider).post(reverse(f"reports:{name}", args=[report.pk])).status_code == 404


def test_the_list_filters_and_shows_only_what_one_sees(world, client_for, report):
    ReportFactory(issuer=world.province_dept_b, title="Báo cáo của tỉnh khác")
    link = reverse("reports:detail", args=[report.pk])
    html = client_for(world.officer).get(reverse("reports:list")).content.decode()
    assert link in html and "Báo cáo của tỉnh khác" not in html and reverse("reports:create") in html
    assert "Dự thảo" in html and "01/07/2026 – 30/09/2026" in html
    assert link not in client_for(world.officer).get(reverse("reports:list") + "?status=issued").content.decode()
    assert link not in client_for(world.officer).get(reverse("reports:list") + "?year=2025").content.decode()
    assert link in client_for(world.officer).get(reverse("reports:list") + "?kind=quarterly&year=2026").content.decode()
    bad = client_for(world.officer).get(reverse("reports:list") + "?year=abc&issuer=99999999")
    assert bad.status_code == 200 and "Bộ lọc chưa hợp lệ" in bad.content.decode()
    html = client_for(world.upper).get(reverse("reports:list")).content.decode()
    assert link in html and reverse("reports:create") not in html


@pytest.mark.parametrize("rows", [3, 30])
def test_the_list_queries_do_not_grow_with_rows(world, client_for, django_assert_max_num_queries, rows):
    ReportFactory.create_batch(rows, issuer=world.target)
    client = client_for(world.officer)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("reports:list")).status_code == 200


@pytest.mark.parametrize("figures", [3, 30])
def test_the_detail_queries_do_not_grow_with_figures(world, client_for, django_assert_max_num_queries, figures):
    values = [
        {"key": f"tasks.n{i}", "label": f"Nhiệm vụ {i}", "value": i, "unit": "", "kind": "task", "ids": [], "group": g}
        for i in range(figures)
        for g in ["Nhiệm vụ" if i % 2 else "Cung cấp thông tin"]
    ]
    report = ReportFactory(issuer=world.target, figures=values)
    client = client_for(world.officer)
    with django_assert_max_num_queries(12):
        html = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert f"Nhiệm vụ {figures - 1}" in html and "Cung cấp thông tin" in html
    assert reverse("reports:figure_trace", args=[report.pk, "tasks.n1"]) in html


# --- create -------------------------------------------------------------------------------------


def test_the_create_form_is_prefilled_from_the_dashboard_link(world, client_for):
    url = reverse("reports:create") + f"?kind=quarterly&scope_kind=organization&organization={world.target.pk}"
    response = client_for(world.officer).get(url + "&year=2026&quarter=3")
    form = response.context["form"]
    assert form.initial["kind"] == "quarterly" and form.initial["organization"] == world.target.pk
    assert (form.initial["year"], form.initial["quarter"]) == (2026, 3)
    assert 'value="quarterly" selected' in response.content.decode()


def test_bad_prefill_values_are_ignored(world, client_for):
    url = reverse("reports:create") + "?kind=weekly&organization=abc&quarter=9&year=x&period_start=31/02/2026"
    response = client_for(world.officer).get(url)
    assert response.status_code == 200
    form = response.context["form"]
    assert not {"kind", "organization", "quarter", "period_start"} & set(form.initial) and form.initial["year"] == 2026


@pytest.mark.parametrize(("persona", "status"), [("officer", 200), ("upper", 403), ("nobody", 403)])
def test_who_may_open_the_create_form(world, client_for, persona, status):
    assert client_for(getattr(world, persona)).get(reverse("reports:create")).status_code == status


def test_creating_a_quarterly_draft(world, client_for):
    data = {"kind": "quarterly", "issuer": world.target.pk, "scope_kind": "organization"}
    data |= {"organization": world.target.pk, "year": 2026, "quarter": 3}
    response = client_for(world.officer).post(reverse("reports:create"), data)
    report = Report.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("reports:detail", args=[report.pk])
    assert (report.period_start.isoformat(), report.period_end.isoformat()) == ("2026-07-01", "2026-09-30")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"quarter": ""}, "Hãy chọn kỳ báo cáo."),
        ({"year": 2027, "quarter": 1}, "Kỳ báo cáo chưa bắt đầu"),
        ({"organization": ""}, "Hãy chọn cơ quan, đơn vị."),
        ({"kind": "final_review"}, "Báo cáo sơ kết, tổng kết được lập cho một chương trình phối hợp."),
    ],
)
def test_bad_input_is_shown_and_nothing_written(world, client_for, extra, message):
    data = {"kind": "quarterly", "issuer": world.target.pk, "scope_kind": "organization"}
    data |= {"organization": world.target.pk, "year": 2026, "quarter": 3, **extra}
    if extra.get("kind") == "final_review":
        data |= {"period_start": "01/01/2026", "period_end": "30/06/2026"}
    response = client_for(world.officer).post(reverse("reports:create"), data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not Report.objects.exists()


# --- edit, issue, files ---------------------------------------------------------------------------


def test_editing_the_sections_and_the_official_parts(world, client_for, report):
    data = {"version": report.version, "title": "Báo cáo kết quả công tác quý III năm 2026", "place": "An Hòa"}
    data |= {"signer_authority": "TM.", "signer_title": "BÍ THƯ", "signer_name": "Nguyễn Văn An"}
    data |= {"recipients": "- Ban Thường vụ Tỉnh ủy,\n- Lưu: VT.", "section_results": "Đã tổ chức 3 hội nghị."}
    data |= {"section_next": ""}
    response = client_for(world.officer).post(reverse("reports:edit", args=[report.pk]), data)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.sections[0]["text"] == "Đã tổ chức 3 hội nghị." and report.signer_authority == "TM."
    stale = client_for(world.officer).post(reverse("reports:edit", args=[report.pk]), data)
    assert stale.status_code == 200 and "đã được người khác sửa" in stale.content.decode()


def test_issuing_from_the_page(world, client_for, report):
    client = client_for(world.officer)
    report = _wipe(report, world.officer)
    refused = client.post(reverse("reports:issue", args=[report.pk]), {"version": report.version})
    assert refused.status_code == 422 and "I. KẾT QUẢ THỰC HIỆN QUÝ III NĂM 2026" in refused.content.decode()
    report = write_sections(report, world.officer)
    response = client.post(reverse("reports:issue", args=[report.pk]), {"version": report.version}, follow=True)
    html = response.content.decode()
    assert "Số 1-BC/ĐU" in html and "An Hòa, ngày 22 tháng 11 năm 2026" in html and "Đã ban hành" in html
    assert reverse("reports:edit", args=[report.pk]) not in html
    again = client.post(reverse("reports:issue", args=[report.pk]), {"version": report.version + 1})
    assert again.status_code == 422 and "Báo cáo đã ban hành, không thể thay đổi." in again.content.decode()
    edit = client.get(reverse("reports:edit", args=[report.pk]), follow=True)
    assert "Báo cáo đã ban hành, không thể thay đổi." in edit.content.decode()


def test_generating_polling_and_downloading(world, client_for, report, fake_render):
    client = client_for(world.officer)
    assert client.post(reverse("reports:generate", args=[report.pk])).status_code == 302
    run = ReportRun.objects.get()
    partial = client.get(reverse("reports:run", args=[report.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in partial and "Đang chờ" in partial
    jobs.run_generation(run.pk)
    partial = client.get(reverse("reports:run", args=[report.pk])).content.decode()
    assert "every 1s" not in partial and "Hoàn thành" in partial
    assert reverse("reports:download", args=[report.pk, "docx"]) in partial
    response = client_for(world.upper).get(reverse("reports:download", args=[report.pk, "docx"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert response["Content-Disposition"] == (
        'attachment; filename="du-thao-ket-qua-thuc-hien-quy-iii-nam-2026-va-nhiem-vu-trong-tam-quy-iv-nam-2026.docx"'
    )
    assert b"".join(response.streaming_content) == b"docx:" + report.title.encode()
    assert AuditEntry.objects.filter(event="report_file_downloaded", actor=world.upper).exists()
    assert client_for(world.outsider).get(reverse("reports:download", args=[report.pk, "docx"])).status_code == 404
    assert client.get(reverse("reports:download", args=[report.pk, "odt"])).status_code == 404


def test_a_failed_run_shows_its_error(world, client_for, report, monkeypatch):
    def broken(report, formats, progress):
        raise RuntimeError("Không chuyển được sang PDF")

    monkeypatch.setattr("phoihop.reports.render.render_files", broken)
    run = jobs.report_generate(actor=world.officer, report=report, formats=["pdf"])
    jobs.run_generation(run.pk)
    html = client_for(world.officer).get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "Không chuyển được sang PDF" in html and "every 1s" not in html


def test_recompute_from_the_page(world, client_for, report):
    url = reverse("reports:recompute", args=[report.pk])
    response = client_for(world.officer).post(url, {"version": 99})
    assert response.status_code == 422 and "đã được người khác sửa" in response.content.decode()
    response = client_for(world.officer).post(url, {"version": report.version})
    assert response.status_code == 302


def _wipe(report, actor):
    """Every section emptied (the kinds pre-fill them, even for an empty period)."""
    return services.report_update(
        actor=actor,
        report=report,
        expected_version=report.version,
        sections={section["key"]: "" for section in report.sections},
    )


def test_empty_required_sections_are_named_in_document_order(world, report):
    assert services.empty_required_sections(report) == []  # pre-filled: "không phát sinh …"
    report = _wipe(report, world.officer)
    required = [section["heading"] for section in report.sections if section["required"]]
    assert services.empty_required_sections(report) == required and required[0].startswith("I. KẾT QUẢ")


def test_the_figures_are_grouped_under_their_titles(world, client_for, report):
    html = client_for(world.officer).get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "<caption>Thực hiện nhiệm vụ</caption>" in html and "<caption>Cung cấp thông tin</caption>" in html
    assert "<caption>tasks</caption>" not in html and "tasks_by_lead" not in html
