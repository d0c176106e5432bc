"""The generation job, called directly (no cluster): progress written, files kept,
a failure recorded with its message and no file row left."""

import hashlib

import pytest
from django.core.exceptions import ValidationError

from phoihop.reports import jobs, services
from phoihop.reports.models import ReportFile, ReportRun
from phoihop.reports.tests.factories import make_report, write_sections

pytestmark = pytest.mark.django_db


def test_a_run_keeps_its_files_and_its_progress(world, fake_render, monkeypatch):
    report = make_report(world)
    seen = []
    original = jobs._update

    def spy(run_id, **values):
        seen.append(values)
        original(run_id, **values)

    monkeypatch.setattr(jobs, "_update", spy)
    run = jobs.report_generate(actor=world.officer, report=report, formats=["docx", "pdf"])
    assert run.status == ReportRun.Status.QUEUED
    assert jobs.run_generation(run.pk) == ReportRun.Status.DONE
    run.refresh_from_db()
    assert (run.status, run.progress, run.finished_at is not None) == ("done", 100, True)
    assert [v.get("step") for v in seen if "step" in v][1:3] == ["Đang tạo DOCX", "Đang tạo PDF"]
    files = {f.format: f for f in ReportFile.objects.filter(report=report)}
    assert set(files) == {"docx", "pdf"}
    data = files["docx"].file.open("rb").read()
    assert data == f"docx:{report.title}".encode()
    assert files["docx"].sha256 == hashlib.sha256(data).hexdigest() and files["docx"].size == len(data)
    assert files["docx"].report_version == report.version
    assert (
        files["docx"].file.name.endswith(".docx")
        and "du-thao-ket-qua-thuc-hien-quy-iii-nam-2026" in files["docx"].file.name
    )
    assert jobs.run_generation(run.pk) == ReportRun.Status.DONE  # ran already: nothing again
    assert ReportFile.objects.filter(report=report).count() == 2


def test_a_failure_is_recorded_and_leaves_no_file(world, monkeypatch):
    report = make_report(world)

    def broken(report, formats, progress):
        progress(40, "Đang tạo DOCX")
        raise RuntimeError("LibreOffice không chạy được")

    monkeypatch.setattr("phoihop.reports.render.render_files", broken)
    run = jobs.report_generate(actor=world.officer, report=report, formats=["docx"])
    assert jobs.run_generation(run.pk) == ReportRun.Status.FAILED
    run.refresh_from_db()
    assert run.status == "failed" and "LibreOffice" in run.error and run.progress == 40
    assert not ReportFile.objects.exists()


def test_bad_formats_and_a_run_in_progress_are_refused(world):
    report = make_report(world)
    with pytest.raises(ValidationError):
        jobs.report_generate(actor=world.officer, report=report, formats=["odt"])
    jobs.report_generate(actor=world.officer, report=report, formats=["docx"])
    with pytest.raises(ValidationError, match="Đang tạo tệp"):
        jobs.report_generate(actor=world.officer, report=report, formats=["docx"])


def test_issuing_regenerates_with_the_number_in_the_file_name(world, fake_render):
    report = write_sections(make_report(world), world.officer)
    services.report_issue(actor=world.officer, report=report, expected_version=report.version)
    run = ReportRun.objects.get(report=report)
    assert run.formats == "docx,xlsx,pdf"
    jobs.run_generation(run.pk)
    names = sorted(f.file.name.rsplit("/", 1)[-1] for f in ReportFile.objects.filter(report=report))
    assert names[0].startswith("so-1-bc-du-") and names[0].endswith(".docx")
    assert jobs.file_stem(report) == "so-1-bc-du"


def test_without_libreoffice_the_other_files_are_made_and_the_run_says_why(world, fake_render, monkeypatch):
    monkeypatch.setattr("phoihop.reports.render.pdf.soffice_path", lambda: None)
    report = make_report(world)
    run = jobs.report_generate(actor=world.officer, report=report, formats=["docx", "xlsx", "pdf"])
    assert jobs.run_generation(run.pk) == ReportRun.Status.DONE
    run.refresh_from_db()
    assert sorted(ReportFile.objects.filter(report=report).values_list("format", flat=True)) == ["docx", "xlsx"]
    assert "LibreOffice" in run.error and fake_render == [(report.pk, ["docx", "xlsx"])]
    # asked alone, the PDF fails the run with the same explanation
    alone = jobs.report_generate(actor=world.officer, report=report, formats=["pdf"])
    monkeypatch.undo()
    monkeypatch.setattr("phoihop.reports.render.pdf.soffice_path", lambda: None)
    assert jobs.run_generation(alone.pk) == ReportRun.Status.FAILED
    alone.refresh_from_db()
    assert "LibreOffice" in alone.error
