"""Indexed lookups for finding an official while ingesting (issue 12).

``find_official`` compared each name of an article with every official case-blind (``iexact`` on the
names and aliases: 13 ms at 26,000 officials) and then scanned the names for the surname (``LIKE
'%smith'``: 9 ms), for each official of each article. Now the names and aliases are looked up
through indexes on ``LOWER(name)``, and the surname through a column of its own, filled here for the
officials already stored, and PostgreSQL analyses both tables. The column is nullable so that SQLite adds it in place: rebuilding
``events_official`` would drop the search triggers of migration 0006.
"""

from __future__ import annotations

from django.db import migrations, models
from django.db.models.functions import Lower

from events.names import surname_of


def fill_surnames(apps, schema_editor):
    Official = apps.get_model("events", "Official")
    batch = []
    for official in Official.objects.only("pk", "name").iterator(chunk_size=2000):
        official.surname = surname_of(official.name)
        batch.append(official)
        if len(batch) >= 2000:
            Official.objects.bulk_update(batch, ["surname"])
            batch = []
    Official.objects.bulk_update(batch, ["surname"])


def analyze(apps, schema_editor):
    """PostgreSQL keeps statistics of an expression index only from the next ANALYZE: until then it
    guesses hundreds of rows per name and joins by scanning every official (4 ms per lookup)."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ANALYZE events_official, events_alias")


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0010_city_meeting_count"),
    ]

    operations = [
        migrations.AddField(
            model_name="official",
            name="surname",
            field=models.CharField(
                editable=False,
                help_text="The name's last word, folded (names.surname_of).",
                max_length=200,
                null=True,
            ),
        ),
        migrations.RunPython(fill_surnames, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="alias",
            index=models.Index(Lower("name"), name="alias_lower_name"),
        ),
        migrations.AddIndex(
            model_name="official",
            index=models.Index(fields=["surname"], name="official_surname"),
        ),
        migrations.AddIndex(
            model_name="official",
            index=models.Index(Lower("name"), name="official_lower_name"),
        ),
        migrations.RunPython(analyze, migrations.RunPython.noop, elidable=True),
    ]
