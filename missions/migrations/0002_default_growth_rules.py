"""Default growth rules (comms staff can change them): three approved missions of the stage,
its required courses and the current guidelines."""

from django.db import migrations


def create_rules(apps, schema_editor):
    GrowthRule = apps.get_model("missions", "GrowthRule")
    for stage in (1, 2):
        GrowthRule.objects.get_or_create(
            from_stage=stage,
            defaults={"approved_missions": 3, "require_courses": True, "require_guidelines": True},
        )


class Migration(migrations.Migration):
    dependencies = [("missions", "0001_initial")]

    operations = [migrations.RunPython(create_rules, migrations.RunPython.noop)]
