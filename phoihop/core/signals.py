"""The project's own signals.

`bulk_created`: sent by a service after `Model.objects.bulk_create(...)` — for which
Django sends no `post_save` — with the created rows (their primary keys set), so that
listeners such as the search index keep up, in one statement for the whole batch.
"""

from django.dispatch import Signal

bulk_created = Signal()  # sender: the model class; instances: the list of created rows
