"""The default taxonomy of public-opinion topics and event tags (issue 5, item 2).

Written by the data migration `opinion/0002_default_topics` and again after every
`post_migrate` (which also follows a test database flush), so the defaults are always
there; administrators change them afterwards, and a topic or tag already there — by its
code, or its folded name — is left as it is.
"""

from __future__ import annotations

from phoihop.core.text import fold

TOPICS = [
    ("politics-ideology", "Chính trị, tư tưởng"),
    ("economy", "Kinh tế"),
    ("land", "Đất đai, giải phóng mặt bằng"),
    ("culture-society", "Văn hóa, xã hội"),
    ("health", "Y tế"),
    ("education", "Giáo dục"),
    ("environment-disasters", "Môi trường, thiên tai"),
    ("religion-ethnicity", "Tôn giáo, dân tộc"),
    ("defence-security", "Quốc phòng, an ninh"),
    ("foreign-affairs", "Đối ngoại"),
    ("party-building", "Xây dựng Đảng"),
]

TAGS = ["Tết Nguyên đán", "Hội nghị Trung ương", "Đại hội Đảng các cấp", "Bầu cử"]


def ensure_defaults(topic_model, tag_model, using: str = "default") -> None:
    """Add the default topics and tags that are missing (two queries when none is)."""
    topics = topic_model.objects.using(using)
    have = set(topics.filter(code__in=[code for code, _ in TOPICS]).values_list("code", flat=True))
    topics.bulk_create(
        [
            topic_model(code=code, name=name, position=position * 10)
            for position, (code, name) in enumerate(TOPICS, start=1)
            if code not in have
        ]
    )
    tags = tag_model.objects.using(using)
    have = set(tags.filter(folded_name__in=[fold(name) for name in TAGS]).values_list("folded_name", flat=True))
    tags.bulk_create([tag_model(name=name, folded_name=fold(name)) for name in TAGS if fold(name) not in have])


def ensure_defaults_after_migrate(sender, using="default", apps=None, **kwargs) -> None:
    """`post_migrate` receiver: the defaults, with the models as the migration state has
    them (`migrate`) or as the code has them (`flush` sends no `apps`)."""
    if apps is None:
        from django.apps import apps
    try:
        topic_model, tag_model = apps.get_model("opinion", "Topic"), apps.get_model("opinion", "Tag")
    except LookupError:  # migrated back before the opinion app
        return
    ensure_defaults(topic_model, tag_model, using)
