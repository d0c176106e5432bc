import factory

from phoihop.accounts.tests.factories import UserFactory
from phoihop.notifications import kinds
from phoihop.notifications.models import Notification


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    kind = kinds.TASK_DUE_SOON
    title = factory.Sequence(lambda n: f"Nhiệm vụ sắp đến hạn: Tuyên truyền số {n}")
    body = "Hạn hoàn thành: 30/09/2026; phần việc của cơ quan bạn chưa hoàn thành."
    url = "/programs/tasks/1/"
    dedupe_key = factory.Sequence(lambda n: f"test:{n}")
