"""``/healthz``: whether this process can serve pages, for load balancers and ``make serve``."""

from __future__ import annotations

import logging

from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """200 ``{"status": "ok"}`` when the database answers a query; 503 with the reason when not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        logger.error("health check: the database does not answer: %s", exc)
        return JsonResponse({"status": "error", "database": f"unavailable: {type(exc).__name__}"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
