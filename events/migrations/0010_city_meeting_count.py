"""Each city's number of meetings kept on its row by the database (issue 12).

The cities list, the map's busiest cities and the home search show and sort by it; counting 60,000
meetings by city for each request cost 10–25 ms of SQL. Triggers on ``events_meeting`` keep
``events_city.meeting_count`` in step whatever writes a meeting (ingest, a worker, the admin, a
cascade); ``City.save()`` never writes the column back. The column starts as a count of the
meetings already there.

SQLite drops a table's triggers when a migration rebuilds the table (altering ``events_meeting``'s
columns does): such a migration must create them again (``SQLITE_TRIGGERS`` below).
"""

from __future__ import annotations

from django.db import migrations, models

SQLITE_TRIGGERS = [
    """CREATE TRIGGER city_meeting_count_insert AFTER INSERT ON events_meeting
       WHEN NEW.city_id IS NOT NULL BEGIN
         UPDATE events_city SET meeting_count = meeting_count + 1 WHERE id = NEW.city_id;
       END""",
    """CREATE TRIGGER city_meeting_count_delete AFTER DELETE ON events_meeting
       WHEN OLD.city_id IS NOT NULL BEGIN
         UPDATE events_city SET meeting_count = meeting_count - 1 WHERE id = OLD.city_id;
       END""",
    """CREATE TRIGGER city_meeting_count_update AFTER UPDATE OF city_id ON events_meeting
       WHEN OLD.city_id IS NOT NEW.city_id BEGIN
         UPDATE events_city SET meeting_count = meeting_count - 1 WHERE id = OLD.city_id;
         UPDATE events_city SET meeting_count = meeting_count + 1 WHERE id = NEW.city_id;
       END""",
]
SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS city_meeting_count_{event}" for event in ("insert", "delete", "update")
]

POSTGRES_FUNCTION = """
CREATE FUNCTION events_city_meeting_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.city_id IS NOT DISTINCT FROM NEW.city_id THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE events_city SET meeting_count = meeting_count - 1 WHERE id = OLD.city_id;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    UPDATE events_city SET meeting_count = meeting_count + 1 WHERE id = NEW.city_id;
  END IF;
  RETURN NULL;
END $$"""
POSTGRES_TRIGGER = """
CREATE TRIGGER city_meeting_count AFTER INSERT OR DELETE OR UPDATE OF city_id ON events_meeting
FOR EACH ROW EXECUTE FUNCTION events_city_meeting_count()"""
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS city_meeting_count ON events_meeting",
    "DROP FUNCTION IF EXISTS events_city_meeting_count()",
]

RECOUNT = """UPDATE events_city SET meeting_count =
  (SELECT COUNT(*) FROM events_meeting WHERE events_meeting.city_id = events_city.id)"""


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE_TRIGGERS, "postgresql": [POSTGRES_FUNCTION, POSTGRES_TRIGGER]}
    for statement in [*statements.get(vendor, []), RECOUNT]:
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    drops = {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}
    for statement in drops.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("events", "0009_article_newest_first")]

    operations = [
        migrations.AddField(
            model_name="city",
            name="meeting_count",
            field=models.IntegerField(
                "meetings",
                default=0,
                editable=False,
                help_text="Meetings in this city, kept by the database's triggers.",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
