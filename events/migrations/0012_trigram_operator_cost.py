"""PostgreSQL: what pg_trgm's ``%`` operator costs, told to the planner (issue 12).

``similarity_op`` is declared as cheap as an integer comparison (COST 1), so once
``events_official`` has statistics the planner prefers reading every official and comparing each
name (59 ms at 26,000 officials, measured) to the trigram index ``events_official_name_trgm``
(14 ms): a misspelt name searched on the home page took 255 ms at p95. Comparing trigrams costs about
2 µs a row, a hundred times ``cpu_operator_cost``. A database whose pg_trgm belongs to another role
keeps the old cost, with a notice.
"""

from __future__ import annotations

from django.db import migrations

COST = """
DO $$ BEGIN
  ALTER FUNCTION similarity_op(text, text) COST {cost};
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'pg_trgm belongs to another role: similarity_op keeps its cost';
END $$"""


def set_cost(cost: int):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(COST.format(cost=cost))

    return run


class Migration(migrations.Migration):
    dependencies = [("events", "0011_official_name_lookups")]

    operations = [migrations.RunPython(set_cost(100), set_cost(1), elidable=True)]
