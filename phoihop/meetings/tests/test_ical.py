"""The iCalendar files of meetings: they parse (CRLF, lines folded at 75 octets without
splitting a character), times in Asia/Ho_Chi_Minh, Vietnamese text escaped, a cancelled
meeting marked, only the meetings the user sees."""

import datetime as dt

import pytest
from django.urls import reverse

from phoihop.meetings import services
from phoihop.meetings.services import ConnectionPointInput
from phoihop.meetings.tests.factories import make_meeting

pytestmark = pytest.mark.django_db


def parse(raw: bytes) -> list[dict[str, str]]:
    """The VEVENTs of a calendar as {property (with its parameters): value as written (escaped)}."""
    text = raw.decode("utf-8")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75, line
    unfolded = text.replace("\r\n ", "").split("\r\n")
    assert unfolded[0] == "BEGIN:VCALENDAR" and unfolded[-2] == "END:VCALENDAR"
    events, current = [], None
    for line in unfolded:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            name, _, value = line.partition(":")
            current[name] = value
    return events


@pytest.fixture
def online(world):
    return make_meeting(
        world,
        title="Hội nghị giao ban trực tuyến quý III năm 2026, triển khai nhiệm vụ quý IV; tổng kết",
        is_online=True,
        place="",
        agenda="1. Báo cáo kết quả quý III\n2. Triển khai nhiệm vụ quý IV",
        connection_points=[
            ConnectionPointInput("Hội trường Đảng ủy xã Cẩm Đức", organization=world.target, is_main=True),
            ConnectionPointInput("Hội trường Ủy ban nhân dân xã", organization=world.commune_committee),
        ],
    )


def test_one_meeting_file_parses(world, online, client_for):
    response = client_for(world.partner).get(reverse("meetings:ics", args=[online.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert f'filename="hoi-nghi-{online.pk}.ics"' in response["Content-Disposition"]
    (event,) = parse(response.content)
    assert event["DTSTART;TZID=Asia/Ho_Chi_Minh"] == "20261015T080000"
    assert event["DTEND;TZID=Asia/Ho_Chi_Minh"] == "20261015T110000"
    assert event["SUMMARY"] == (
        "Giao ban quý: Hội nghị giao ban trực tuyến quý III năm 2026\\, triển khai nhiệm vụ quý IV\\; tổng kết"
    )
    assert event["LOCATION"] == "Hội trường Đảng ủy xã Cẩm Đức"
    assert "\\n1. Báo cáo kết quả quý III\\n2. Triển khai" in event["DESCRIPTION"]
    assert "Cơ quan tham dự: Đảng ủy xã Cẩm Đức\\; Ủy ban nhân dân xã Cẩm Đức" in event["DESCRIPTION"]
    assert event["UID"].startswith(f"meeting-{online.pk}@") and event["STATUS"] == "CONFIRMED"


def test_the_calendar_holds_the_users_meetings_with_filters(world, online, client_for):
    planned = make_meeting(world, title="Giao ban quý IV", held=False)
    planned = services.meeting_transition(
        actor=world.officer, meeting=planned, action="cancel", expected_version=planned.version, reason="Hoãn"
    )
    url = reverse("meetings:calendar_ics")
    events = parse(client_for(world.upper).get(url).content)
    assert [e["UID"].split("@")[0] for e in events] == [f"meeting-{online.pk}", f"meeting-{planned.pk}"]
    assert events[1]["STATUS"] == "CANCELLED" and events[1]["SEQUENCE"] == "1"
    assert len(parse(client_for(world.officer).get(url, {"status": "held"}).content)) == 1
    assert parse(client_for(world.outsider).get(url).content) == []
    assert client_for(world.outsider).get(reverse("meetings:ics", args=[online.pk])).status_code == 404


def test_a_meeting_without_an_end_lasts_two_hours(world, client_for):
    meeting = make_meeting(world, ends_at=None, starts_at=dt.datetime(2026, 12, 18, 14, 0, tzinfo=dt.UTC), held=False)
    (event,) = parse(client_for(world.officer).get(reverse("meetings:ics", args=[meeting.pk])).content)
    assert event["DTSTART;TZID=Asia/Ho_Chi_Minh"] == "20261218T210000"
    assert event["DTEND;TZID=Asia/Ho_Chi_Minh"] == "20261218T230000"
