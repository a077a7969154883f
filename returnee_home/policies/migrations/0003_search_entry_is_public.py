"""Whether a search entry may be shown to the public, kept on the entry so that public
searches need no join; filled in for the entries already there."""

from typing import Any

from django.db import migrations, models
from django.db.models import Q

from returnee_home.core.fulltext import CreateFullTextIndex


def fill(apps: Any, schema_editor: Any) -> None:
    Entry = apps.get_model("policies", "PolicySearchEntry")
    Entry.objects.filter(policy__is_published=True).filter(
        Q(interpretation__isnull=True) | Q(interpretation__is_published=True)
    ).update(is_public=True)


class Migration(migrations.Migration):
    dependencies = [("policies", "0002_search_index_and_themes")]

    operations = [
        migrations.AddField(
            model_name="policysearchentry",
            name="is_public",
            field=models.BooleanField(default=False, verbose_name="shown to the public"),
        ),
        # SQLite rebuilds the table to add a column, which drops its triggers: put the
        # full-text structures back (idempotent; the FTS table is rebuilt from the rows).
        CreateFullTextIndex("policies", "policysearchentry"),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
