"""The default taxonomy of public-opinion topics (issue 5, item 2). Administrators change
it afterwards; a topic already there is left as it is."""

from django.db import migrations

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


def add_defaults(apps, schema_editor):
    from phoihop.core.text import fold

    Topic = apps.get_model("opinion", "Topic")
    Tag = apps.get_model("opinion", "Tag")
    for position, (code, name) in enumerate(TOPICS, start=1):
        Topic.objects.get_or_create(code=code, defaults={"name": name, "position": position * 10})
    for name in TAGS:
        Tag.objects.get_or_create(folded_name=fold(name), defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("opinion", "0001_initial")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
