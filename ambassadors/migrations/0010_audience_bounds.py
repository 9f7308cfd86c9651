"""Audience figures are bounded (they feed estimated reach and earned media value): figures
above the bound are brought down to it first; comms staff may view and correct them."""

import django.core.validators
from django.db import migrations, models

from core.provisioning import roles_sync

MAX_AUDIENCE = 50_000


def clamp(apps, schema_editor):
    SocialProfile = apps.get_model("ambassadors", "SocialProfile")
    SocialProfile.objects.filter(audience_size__gt=MAX_AUDIENCE).update(audience_size=MAX_AUDIENCE)


def provision(apps, schema_editor):
    roles_sync(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("ambassadors", "0009_notification_about"),
    ]

    operations = [
        migrations.RunPython(clamp, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="socialprofile",
            name="audience_size",
            field=models.PositiveIntegerField(
                default=0,
                help_text=(
                    "Roughly how many connections or followers. Used only for estimated reach."
                ),
                validators=[django.core.validators.MaxValueValidator(MAX_AUDIENCE)],
                verbose_name="approximate audience",
            ),
        ),
        migrations.AddConstraint(
            model_name="socialprofile",
            constraint=models.CheckConstraint(
                condition=models.Q(("audience_size__lte", MAX_AUDIENCE)),
                name="audience_within_bounds",
            ),
        ),
        migrations.RunPython(provision, migrations.RunPython.noop),
    ]
