"""PostgreSQL only: an index of the Italian text-search vector of the search document.

The search's stemmed match (projects/search.py, ``_stem_matches``) computes
``to_tsvector('italian', search_document)`` for every project on every search without it
(~80 ms for 500 projects). The expression here is the one Django writes for
``SearchVector("search_document", config="italian")``, so the planner uses the index.
SQLite has no text-search vectors: nothing to do there.
"""

from django.db import migrations

INDEX = "project_search_vector_it"
CREATE = (
    f"CREATE INDEX IF NOT EXISTS {INDEX} ON projects_project USING gin "
    "(to_tsvector('italian'::regconfig, COALESCE(search_document, '')))"
)
DROP = f"DROP INDEX IF EXISTS {INDEX}"


def run(sql):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return operation


class Migration(migrations.Migration):
    dependencies = [("projects", "0008_project_featured_order")]

    operations = [migrations.RunPython(run(CREATE), run(DROP), elidable=False)]
