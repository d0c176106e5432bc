"""The default taxonomy of public-opinion topics (issue 5, item 2). Administrators change
it afterwards; a topic already there is left as it is."""

from django.db import migrations


def add_defaults(apps, schema_editor):
    from phoihop.opinion.taxonomy import ensure_defaults

    ensure_defaults(apps.get_model("opinion", "Topic"), apps.get_model("opinion", "Tag"), schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("opinion", "0001_initial")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
