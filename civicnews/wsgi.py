"""WSGI entry point: ``gunicorn civicnews.wsgi``."""

from __future__ import annotations

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civicnews.settings")
application = get_wsgi_application()

# Load the URLconf and the views (and what they import) now, then move every object that exists to
# the collector's permanent generation: they live as long as the process, and a full collection
# walking them (~145,000 objects, ~100 ms on the benchmark machine) was the slow tail of the pages
# under load. Objects that requests create are collected as usual.
get_resolver().url_patterns  # noqa: B018 (imports every view)
gc.freeze()
