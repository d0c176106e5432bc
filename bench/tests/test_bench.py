"""The benchmark's generator and harness at a tiny scale (4 programmes, 100 tasks), so that
they stay in step with the models, the pages and both databases. `make bench` itself is
not part of `make test`. Two tests only: each loads the 3,400 administrative units."""

import datetime as dt

import pytest
from django.db.models import F

from bench import run as harness
from bench.generate import CENTRAL_USER, PROVINCE_USER, generate
from phoihop.accounts.models import User
from phoihop.programs import selectors, services
from phoihop.programs.models import Program, Task, TaskPart


@pytest.fixture
def tiny(db):
    return generate(0.0001, log=lambda message: None)


def test_generator_writes_a_world_the_services_would_accept(tiny):
    assert tiny["program"] == Program.objects.count() == 4
    assert tiny["task"] == Task.objects.count() == 100
    assert tiny["taskpart"] == TaskPart.objects.count()

    # The same-level rule of 238-QĐ/TW, as the service checks it.
    for program in Program.objects.prefetch_related("parties__organization"):
        parties = [services.PartyInput(organization=p.organization, role=p.role) for p in program.parties.all()]
        assert 2 <= len(parties) <= 3
        services.validate_parties(program.kind, parties)

    # One part for the lead, partners among the parties, due within the programme.
    assert TaskPart.objects.filter(role="lead").count() == Task.objects.count()
    assert not Task.objects.exclude(parts__role="lead", parts__organization=F("lead")).exists()
    for task in Task.objects.select_related("plan__program").prefetch_related("plan__program__parties", "parts"):
        party_ids = {party.organization_id for party in task.plan.program.parties.all()}
        assert {part.organization_id for part in task.parts.all()} <= party_ids
        assert len(task.parts.all()) <= 3
        assert task.plan.program.covers(task.due_date)
        assert task.search_text and task.sort_name  # computed although save() was skipped

    # The fast path chose the ids; ordinary inserts still get fresh ones (PostgreSQL's sequence).
    task = Task.objects.first()
    added = Task.objects.create(plan=task.plan, title="Thêm một nhiệm vụ", lead=task.lead, due_date=dt.date.today())
    assert added.pk > Task.objects.exclude(pk=added.pk).order_by("-pk").first().pk

    # The province officer sees some of it, the central viewer all of it.
    assert selectors.task_list(User.objects.get(username=CENTRAL_USER)).count() == Task.objects.count()
    assert 0 < selectors.task_list(User.objects.get(username=PROVINCE_USER)).count() < Task.objects.count()


def test_harness_finds_the_pages_and_measures_one(tiny):
    cases, facts = harness.discover_cases()
    assert facts["tasks"] == 100
    assert {case.who for case in cases} == {"province", "central"}
    assert {case.path.split("?")[0] for case in cases} == {
        "/password/",
        "/programs/tasks/",
        f"/programs/{facts['program']['pk']}/",
        "/api/v1/tasks/",
    }
    row = harness.measure(next(case for case in cases if case.path == "/programs/tasks/"), requests=2, warmup=1)
    assert row["n"] == 2
    assert row["queries"] > 0
    assert row["main_sql"].lstrip().upper().startswith("SELECT")
    assert row["ratio_main"] > 0
    assert row["all_p95_ms"] >= row["main_p95_ms"] > 0
