"""Notifications keep their text per language (`texts`), read in the recipient's language
when delivered. Rows made before were written in one language only: that text stands for
every language, as a person's own words do."""

from django.conf import settings
from django.db import migrations, models

BATCH = 1000


def fill_texts(apps, schema_editor):
    Notification = apps.get_model("ambassadors", "Notification")
    languages = [code for code, _name in settings.LANGUAGES]
    rows = Notification.objects.filter(texts={}).only("pk", "subject", "body")
    batch = []
    for row in rows.iterator(chunk_size=BATCH):
        row.texts = {code: {"subject": row.subject, "body": row.body} for code in languages}
        batch.append(row)
        if len(batch) == BATCH:
            Notification.objects.bulk_update(batch, ["texts"])
            batch = []
    Notification.objects.bulk_update(batch, ["texts"])


class Migration(migrations.Migration):
    dependencies = [
        ("ambassadors", "0010_audience_bounds"),
    ]

    operations = [
        migrations.AddField(
            model_name="notification",
            name="texts",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.RunPython(fill_texts, migrations.RunPython.noop, elidable=True),
    ]
