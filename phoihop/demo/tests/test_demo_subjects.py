"""The demo's subjects (issue 4): seed 001's examples carried to An Giang and seed 003's
site clearance, at different stages, written through the services, idempotently."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from phoihop.audit.models import AuditEntry
from phoihop.demo.subjects import SUBJECT_DOCUMENT_SUBJECT, SUBJECT_DOCUMENT_TITLE, ensure_subject_documents
from phoihop.documents.models import Document
from phoihop.exchange.models import Assessment, CommunicationPlan, PlanTemplate, Subject
from phoihop.programs.models import Task

pytestmark = pytest.mark.django_db


def load() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out, stderr=StringIO())
    return out.getvalue()


def test_subjects_at_each_stage_with_templates_plans_and_tasks():
    output = load()
    assert "Vấn đề phối hợp mới: 5." in output
    by_owner = {s.owner.name: s for s in Subject.objects.select_related("owner").filter(year=2026)}
    statuses = sorted(Subject.objects.values_list("owner__name", "status"))
    assert statuses == [
        ("Tòa án nhân dân tỉnh An Giang", "planned"),
        ("Viện Kiểm sát nhân dân tỉnh An Giang", "registered"),
        ("Ủy ban nhân dân thị xã Sông Cầu", "closed"),
        ("Ủy ban nhân dân tỉnh An Giang", "acknowledged"),
        ("Ủy ban nhân dân tỉnh An Giang", "assessed"),
    ]
    assert set(PlanTemplate.objects.values_list("kind", flat=True)) == {"trial", "project"}
    assert Assessment.objects.filter(status=Assessment.Status.APPROVED).count() == 3

    trial = by_owner["Tòa án nhân dân tỉnh An Giang"]
    plan = CommunicationPlan.objects.get(subject=trial)
    tasks = Task.objects.filter(plan_activity__plan=plan)
    assert sorted(tasks.values_list("phase", flat=True)) == ["after", "after", "before", "before", "during"]
    key = trial.key_dates.get(label="Ngày xét xử").date
    for activity in plan.activities.select_related("task", "key_date"):
        assert activity.task.due_date == activity.due_date
        assert trial.start_date <= activity.due_date
        assert activity.task.plan.year == 2026 and activity.task.plan.program_id == trial.program_id
    assert tasks.get(title__startswith="Thông cáo báo chí").due_date == key - dt.timedelta(days=7)

    site = Subject.objects.get(status="closed")
    assert site.program.title.startswith("Chương trình phối hợp công tác giữa Ủy ban nhân dân thị xã")
    assert set(Task.objects.filter(plan_activity__plan__subject=site).values_list("status", flat=True)) == {"done"}

    assert "Vấn đề phối hợp mới: 0." in load()
    assert Subject.objects.count() == 5 and Task.objects.filter(plan_activity__isnull=False).count() == 10


def test_the_trials_press_conference_with_answers_and_an_unanswered_site_visit():
    from phoihop.exchange.models import Invitation

    load()
    press = Invitation.objects.get(kind="press_conference")
    assert press.status == "sent" and press.subject.kind == "trial"
    assert press.inviter.name == "Tòa án nhân dân tỉnh An Giang"
    assert press.activity.title == "Thông cáo báo chí về việc đưa vụ án ra xét xử"
    answers = dict(press.responses.values_list("organization__name", "answer"))
    assert answers == {
        "Ban Tuyên giáo và Dân vận Tỉnh ủy An Giang": "attending",
        "Viện Kiểm sát nhân dân tỉnh An Giang": "attending",
        "Ủy ban nhân dân tỉnh An Giang": "pending",
    }
    visit = Invitation.objects.get(kind="site_visit")
    assert set(visit.responses.values_list("answer", flat=True)) == {"pending"}
    assert visit.date > dt.date.today()  # the loader dates them from today
    load()
    assert Invitation.objects.count() == 2  # idempotent


def test_the_procuracy_provides_one_public_document_once(media):
    load()
    subject = Subject.objects.get(title=SUBJECT_DOCUMENT_SUBJECT)
    document = subject.documents.get()
    assert document.title == SUBJECT_DOCUMENT_TITLE and document.classification == "public"
    assert document.owner_id == subject.owner_id and document.versions.count() == 1
    assert AuditEntry.objects.for_object(subject).filter(event="document_attached").count() == 1
    load()
    assert ensure_subject_documents() == 0
    assert subject.documents.count() == 1 and Document.objects.filter(title=SUBJECT_DOCUMENT_TITLE).count() == 1
