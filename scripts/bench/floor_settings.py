"""The benchmark's floor: civicnews' settings with one bare view that renders 25 rows (scripts/bench.py)."""

from __future__ import annotations

from civicnews.settings import *  # noqa: F403

ROOT_URLCONF = "floor_urls"
