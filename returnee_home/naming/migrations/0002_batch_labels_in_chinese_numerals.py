"""Named Homes' batch labels in the one official wording, 2021年第一批: labels written by the
naming step as 2021年第1批 before the wording was settled are rewritten."""

import re
from typing import Any

from django.db import migrations

DIGIT_LABEL = re.compile(r"^(\d{4})年第(\d+)批$")


def forwards(apps: Any, schema_editor: Any) -> None:
    from returnee_home.naming.labels import batch_label_zh

    Home = apps.get_model("orgs", "Home")
    for home in Home.objects.filter(batch_label__regex=r"^[0-9]{4}年第[0-9]+批$").only(
        "pk", "batch_label"
    ):
        match = DIGIT_LABEL.match(home.batch_label)
        if match:
            label = batch_label_zh(int(match.group(1)), int(match.group(2)))
            Home.objects.filter(pk=home.pk).update(batch_label=label)


class Migration(migrations.Migration):
    dependencies = [
        ("naming", "0001_initial"),
        ("orgs", "0002_invitation"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
