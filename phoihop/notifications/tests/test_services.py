"""notifications.services and jobs: a notification is never stored twice; immediate
e-mails are grouped (one per person per run) and never sent twice; the daily digest is
ONE e-mail however many notifications; preferences refuse unknown kinds and deliveries;
the delivery is queued on the worker only after commit."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django_q.models import OrmQ

from phoihop.accounts.models import Role
from phoihop.accounts.tests.factories import MembershipFactory, UserFactory
from phoihop.audit.models import AuditEntry
from phoihop.notifications import jobs, kinds, services
from phoihop.notifications.kinds import Delivery
from phoihop.notifications.models import Notification, NotificationPreference
from phoihop.notifications.tests.factories import NotificationFactory


@pytest.fixture
def officer(world):
    world.officer.email = "officer@camduc.example.vn"
    world.officer.save()
    return world.officer


def make(user, count, kind=kinds.TASK_DUE_SOON):
    return [NotificationFactory(recipient=user, kind=kind) for _index in range(count)]


class TestNotify:
    def test_creates_one_per_recipient_and_never_twice(self, world, officer):
        created = services.notify(
            [world.officer, world.partner.pk],
            kinds.TASK_OVERDUE,
            title="Nhiệm vụ quá hạn: Báo cáo tháng 9",
            body="Hạn hoàn thành là 25/09/2026.",
            url="/programs/tasks/7/",
            dedupe_key="task-overdue:7:2026-09-25",
        )
        assert created == 2
        again = services.notify(
            [world.officer, world.partner],
            kinds.TASK_OVERDUE,
            title="Nhiệm vụ quá hạn: Báo cáo tháng 9",
            dedupe_key="task-overdue:7:2026-09-25",
        )
        assert again == 0
        assert Notification.objects.count() == 2

    def test_the_same_key_for_another_user_is_another_notification(self, world):
        services.notify([world.officer], kinds.TASK_DUE_SOON, title="Sắp đến hạn", dedupe_key="k:1")
        assert services.notify([world.partner], kinds.TASK_DUE_SOON, title="Sắp đến hạn", dedupe_key="k:1") == 1

    def test_an_unknown_kind_is_refused_in_vietnamese(self, world):
        with pytest.raises(ValidationError) as error:
            services.notify([world.officer], "meeting_invitation", title="Mời họp", dedupe_key="x")
        assert error.value.message_dict == {"kind": ["Loại thông báo không tồn tại: meeting_invitation."]}
        assert not Notification.objects.exists()

    def test_a_link_outside_the_site_is_refused(self, world):
        with pytest.raises(ValidationError):
            services.notify([world.officer], kinds.TASK_DUE_SOON, title="x", url="https://evil.example", dedupe_key="x")

    def test_immediate_delivery_is_queued_after_commit_only_for_those_who_want_it(
        self, world, officer, django_capture_on_commit_callbacks
    ):
        NotificationPreference.objects.create(user=world.partner, kind=kinds.TASK_OVERDUE, delivery=Delivery.IN_APP)
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            services.notify([world.officer, world.partner], kinds.TASK_OVERDUE, title="Quá hạn", dedupe_key="o:1")
        assert not OrmQ.objects.exists()  # nothing queued before the commit
        for callback in callbacks:
            callback()
        queued = OrmQ.objects.get()
        assert queued.func() == services.DELIVERY_JOB
        assert queued.kwargs() == {"user_ids": [world.officer.pk]}

    def test_a_digest_kind_queues_nothing(self, world, officer, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            services.notify([world.officer], kinds.TASK_DUE_SOON, title="Sắp đến hạn", dedupe_key="s:1")
        assert callbacks == []
        assert not OrmQ.objects.exists()


class TestRecipients:
    def test_members_in_force_today_of_those_organisations(self, world):
        former = UserFactory(username="former")
        MembershipFactory(user=former, organization=world.target, valid_to=dt.date(2020, 1, 1))
        inactive = UserFactory(username="inactive", is_active=False)
        MembershipFactory(user=inactive, organization=world.target)
        users = services.organization_recipients([world.target.pk, world.commune_committee.pk])
        assert [user.username for user in users] == ["officer", "partner"]

    def test_by_role(self, world):
        users = services.organization_recipients([world.target.pk, world.commune_committee.pk], [Role.FOCAL_POINT])
        assert [user.username for user in users] == ["partner"]


class TestImmediateDelivery:
    def test_several_notifications_in_one_run_are_one_email(self, world, officer, mailoutbox):
        make(officer, 3, kind=kinds.TASK_OVERDUE)
        assert jobs.deliver_immediate([officer.pk]) == 1
        assert len(mailoutbox) == 1
        mail = mailoutbox[0]
        assert mail.to == ["officer@camduc.example.vn"]
        assert mail.subject == "[phoihop] 3 thông báo mới"
        assert "Bạn có thông báo mới trên phoihop:" in mail.body
        assert "http://127.0.0.1:8000/notifications/" in mail.body
        assert not Notification.objects.filter(delivered_at__isnull=True).exists()

    def test_one_notification_is_an_email_named_after_it(self, world, officer, mailoutbox):
        (notification,) = make(officer, 1, kind=kinds.TASK_OVERDUE)
        jobs.deliver_immediate()
        assert mailoutbox[0].subject == f"[phoihop] {notification.title}"
        assert f"http://127.0.0.1:8000/notifications/{notification.pk}/open/" in mailoutbox[0].body

    def test_links_use_the_base_url_setting(self, world, officer, mailoutbox, settings):
        settings.PHOIHOP_BASE_URL = "https://phoihop.anhoa.gov.vn"
        (notification,) = make(officer, 1, kind=kinds.TASK_OVERDUE)
        jobs.deliver_immediate()
        assert f"https://phoihop.anhoa.gov.vn/notifications/{notification.pk}/open/" in mailoutbox[0].body

    def test_running_twice_sends_nothing_the_second_time(self, world, officer, mailoutbox):
        make(officer, 2, kind=kinds.TASK_OVERDUE)
        jobs.deliver_immediate()
        assert jobs.deliver_immediate() == 0
        assert len(mailoutbox) == 1

    def test_digest_and_in_app_kinds_are_not_sent_at_once(self, world, officer, mailoutbox):
        make(officer, 2, kind=kinds.TASK_DUE_SOON)  # digest by default
        NotificationPreference.objects.create(user=officer, kind=kinds.TASK_OVERDUE, delivery=Delivery.IN_APP)
        make(officer, 1, kind=kinds.TASK_OVERDUE)
        assert jobs.deliver_immediate() == 0
        assert mailoutbox == []

    def test_a_failed_send_leaves_them_to_send_again(self, world, officer, mailoutbox, monkeypatch):
        make(officer, 2, kind=kinds.TASK_OVERDUE)

        def broken(*args, **kwargs):
            raise ConnectionRefusedError("SMTP server down")

        monkeypatch.setattr(services, "send_mail", broken)
        with pytest.raises(services.DeliveryError):
            jobs.deliver_immediate()
        assert Notification.objects.filter(delivered_at__isnull=True).count() == 2
        monkeypatch.undo()
        assert jobs.deliver_immediate() == 1
        assert len(mailoutbox) == 1

    def test_one_refused_address_does_not_stop_the_others(self, world, officer, mailoutbox, monkeypatch):
        world.partner.email = "dau-moi@ubnd-camduc.example.vn"
        world.partner.save(update_fields=["email"])
        first, second = sorted([officer, world.partner], key=lambda user: user.pk)
        make(first, 1, kind=kinds.TASK_OVERDUE)
        make(second, 1, kind=kinds.TASK_OVERDUE)
        real_send = services.send_mail

        def refuses_the_first(subject, body, sender, to, **kwargs):
            if to == [first.email]:
                raise ConnectionRefusedError("550 mailbox unavailable")
            return real_send(subject, body, sender, to, **kwargs)

        monkeypatch.setattr(services, "send_mail", refuses_the_first)
        with pytest.raises(services.DeliveryError, match="1 of 2"):
            jobs.deliver_immediate()
        assert [mail.to for mail in mailoutbox] == [[second.email]]
        assert Notification.objects.get(recipient=first).delivered_at is None  # retried next run
        assert Notification.objects.get(recipient=second).delivered_at is not None

    def test_users_without_an_address_keep_them_in_app(self, world, mailoutbox):
        make(world.partner, 2, kind=kinds.TASK_OVERDUE)
        assert jobs.deliver_immediate() == 0
        assert Notification.objects.filter(delivered_at__isnull=True).count() == 2


class TestDigest:
    def test_forty_notifications_are_one_email(self, world, officer, mailoutbox):
        make(officer, 40)
        assert jobs.send_daily_digest() == 1
        assert len(mailoutbox) == 1
        mail = mailoutbox[0]
        assert mail.subject.startswith("[phoihop] Thư tổng hợp ngày ")
        assert mail.subject.endswith(": 40 thông báo")
        assert mail.body.count("/open/") == 40
        assert "Các thông báo của phoihop chưa gửi tới ngày" in mail.body

    def test_each_person_gets_their_own_single_digest(self, world, officer, mailoutbox):
        world.partner.email = "partner@camduc.example.vn"
        world.partner.save()
        make(officer, 5)
        make(world.partner, 7)
        assert jobs.send_daily_digest() == 2
        assert sorted(mail.to[0] for mail in mailoutbox) == ["officer@camduc.example.vn", "partner@camduc.example.vn"]

    def test_a_digest_is_never_sent_twice(self, world, officer, mailoutbox):
        make(officer, 4)
        jobs.send_daily_digest()
        assert jobs.send_daily_digest() == 0
        make(officer, 1)
        jobs.send_daily_digest()
        assert len(mailoutbox) == 2
        assert mailoutbox[1].subject.endswith(": 1 thông báo")

    def test_a_user_may_choose_the_digest_for_an_immediate_kind(self, world, officer, mailoutbox):
        services.notification_preferences_set(
            actor=officer, user=officer, choices={kinds.TASK_OVERDUE: Delivery.DIGEST}
        )
        make(officer, 3, kind=kinds.TASK_OVERDUE)
        make(officer, 2, kind=kinds.TASK_DUE_SOON)
        assert jobs.deliver_immediate() == 0
        assert jobs.send_daily_digest() == 1
        assert mailoutbox[0].subject.endswith(": 5 thông báo")

    def test_the_digest_sweeps_immediate_ones_left_behind(self, world, officer, mailoutbox):
        make(officer, 2, kind=kinds.TASK_OVERDUE)
        make(officer, 2, kind=kinds.TASK_DUE_SOON)
        assert jobs.send_daily_digest() == 2  # the digest, and the immediate ones nobody sent
        assert not Notification.objects.filter(delivered_at__isnull=True).exists()


class TestPreferences:
    def test_defaults_come_from_the_kinds(self, world):
        rows = services.preferences_for(world.officer)
        assert [(row["kind"], row["delivery"]) for row in rows] == [
            (kind.key, kind.default_delivery) for kind in kinds.KINDS
        ]
        assert [(row["kind"], row["delivery"]) for row in rows][:2] == [
            (kinds.TASK_DUE_SOON, Delivery.DIGEST),
            (kinds.TASK_OVERDUE, Delivery.IMMEDIATE),
        ]
        assert rows[0]["label"] == "Nhiệm vụ sắp đến hạn"

    def test_a_change_is_stored_and_audited(self, world):
        services.notification_preferences_set(
            actor=world.officer, user=world.officer, choices={kinds.TASK_DUE_SOON: Delivery.IMMEDIATE}
        )
        assert NotificationPreference.objects.get(user=world.officer).delivery == Delivery.IMMEDIATE
        entry = AuditEntry.objects.get(event="notification_preferences")
        assert entry.changes == {"Nhiệm vụ sắp đến hạn": ["Gộp vào thư tổng hợp hằng ngày", "Gửi thư điện tử ngay"]}

    def test_unknown_kind_or_delivery_changes_nothing(self, world):
        with pytest.raises(ValidationError) as error:
            services.notification_preferences_set(
                actor=world.officer,
                user=world.officer,
                choices={kinds.TASK_DUE_SOON: Delivery.IN_APP, "tin_don": "immediate", kinds.TASK_OVERDUE: "fax"},
            )
        messages = error.value.message_dict
        assert messages["tin_don"] == ["Loại thông báo không tồn tại: tin_don."]
        assert messages[kinds.TASK_OVERDUE][0].startswith("Cách nhận không hợp lệ: fax.")
        assert not NotificationPreference.objects.exists()
