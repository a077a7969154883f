"""The full-text index structures of the policy search entries, and the policy themes the
province uses (reference data: the importer maps header lines `政策主题:` to these)."""

from typing import Any

from django.db import migrations

from returnee_home.core.fulltext import CreateFullTextIndex
from returnee_home.policies.reference import ensure_themes


def add_themes(apps: Any, schema_editor: Any) -> None:
    ensure_themes(apps.get_model("policies", "Theme"))


class Migration(migrations.Migration):
    dependencies = [("policies", "0001_initial")]

    operations = [
        CreateFullTextIndex("policies", "policysearchentry"),
        migrations.RunPython(add_themes, migrations.RunPython.noop),
    ]
