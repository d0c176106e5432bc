"""The default taxonomy is there after migrations and again after a flush (post_migrate)."""

from django.core.management.sql import emit_post_migrate_signal

from phoihop.opinion.models import Tag, Topic
from phoihop.opinion.taxonomy import TAGS, TOPICS


def test_the_migrations_write_the_default_topics_and_tags(db):
    assert set(Topic.objects.values_list("code", flat=True)) >= {code for code, _ in TOPICS}
    assert Topic.objects.get(code="land").name == "Đất đai, giải phóng mặt bằng"
    assert Tag.objects.count() >= len(TAGS)


def test_post_migrate_writes_missing_defaults_and_leaves_changed_ones(db):
    Topic.objects.filter(code="land").update(name="Đất đai")  # renamed by an administrator
    Topic.objects.exclude(code="land").filter(items__isnull=True).delete()
    Tag.objects.all().delete()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert Topic.objects.filter(code__in=[code for code, _ in TOPICS]).count() == len(TOPICS)
    assert Topic.objects.get(code="land").name == "Đất đai"
    assert sorted(Tag.objects.values_list("name", flat=True)) == sorted(TAGS)
