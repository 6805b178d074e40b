"""Drop the foreign-key indexes that a composite index already starts with (issue 12).

Evidence.official is the first column of ``evidence_official_article``, Participant.official of
``participant_official_meeting``, Meeting.city of ``meeting_city_date``, MeetingSource.meeting of
``meetingsource_unique``, Role.official and Alias.official of their unique constraints: the index on
the column alone answered nothing the composite does not, and cost every insert (an article writes
~25 evidence rows). Only the indexes are dropped: Django's own ``AlterField`` would rebuild each
table on SQLite, losing the triggers migrations 0006 and 0010 put on them.
"""

from __future__ import annotations

import django.db.models.deletion
from django.db import migrations, models

# (table, column, the name Django gave the index)
INDEXES = [
    ("events_alias", "official_id", "events_alias_official_id_ff767193"),
    ("events_evidence", "official_id", "events_evidence_official_id_d170a1a4"),
    ("events_meeting", "city_id", "events_meeting_city_id_3b311920"),
    ("events_meetingsource", "meeting_id", "events_meetingsource_meeting_id_00dfd474"),
    ("events_participant", "official_id", "events_participant_official_id_960c514a"),
    ("events_role", "official_id", "events_role_official_id_b8df095d"),
]


class Migration(migrations.Migration):
    dependencies = [("events", "0012_trigram_operator_cost")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{name}"', f'CREATE INDEX "{name}" ON "{table}" ("{column}")'
                )
                for table, column, name in INDEXES
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="alias",
                    name="official",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="aliases",
                        to="events.official",
                    ),
                ),
                migrations.AlterField(
                    model_name="evidence",
                    name="official",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="evidence",
                        to="events.official",
                    ),
                ),
                migrations.AlterField(
                    model_name="meeting",
                    name="city",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="meetings",
                        to="events.city",
                    ),
                ),
                migrations.AlterField(
                    model_name="meetingsource",
                    name="meeting",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="reports",
                        to="events.meeting",
                    ),
                ),
                migrations.AlterField(
                    model_name="participant",
                    name="official",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="participations",
                        to="events.official",
                    ),
                ),
                migrations.AlterField(
                    model_name="role",
                    name="official",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="roles",
                        to="events.official",
                    ),
                ),
            ],
        )
    ]
