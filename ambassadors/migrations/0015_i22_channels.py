"""E-mail on or off for everything becomes a choice of channels per kind of message."""

from django.db import migrations, models

CATEGORIES = ("suggestions", "missions", "mentor", "desk", "other")


def email_off_everywhere(apps, schema_editor):
    # Who had turned e-mail off keeps it off for every kind; the rest get the default.
    Ambassador = apps.get_model("ambassadors", "Ambassador")
    Ambassador.objects.filter(email_notifications=False).update(
        channel_choices=dict.fromkeys(CATEGORIES, [])
    )


def email_back(apps, schema_editor):
    Ambassador = apps.get_model("ambassadors", "Ambassador")
    for ambassador in Ambassador.objects.exclude(channel_choices={}).only("channel_choices"):
        if not any("email" in chosen for chosen in ambassador.channel_choices.values()):
            Ambassador.objects.filter(pk=ambassador.pk).update(email_notifications=False)


class Migration(migrations.Migration):
    dependencies = [
        ("ambassadors", "0014_i21_source_api"),
    ]

    operations = [
        migrations.AddField(
            model_name="ambassador",
            name="channel_choices",
            field=models.JSONField(
                blank=True, default=dict, verbose_name="channels per kind of message"
            ),
        ),
        migrations.AddField(
            model_name="ambassador",
            name="channels_paused",
            field=models.BooleanField(
                default=False,
                help_text="Everything still shows here in the platform, but nothing is sent to you.",
                verbose_name="pause every channel",
            ),
        ),
        migrations.RunPython(email_off_everywhere, email_back),
        migrations.RemoveField(
            model_name="ambassador",
            name="email_notifications",
        ),
    ]
