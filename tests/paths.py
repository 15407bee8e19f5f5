"""Where things are, for every test: the checkout, our fixtures, and ../shared beside it."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
SAMPLES = REPO / "samples" / "minutes"
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
