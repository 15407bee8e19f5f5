"""Placeholder HTML-to-text (replaced in issue 2)."""

from __future__ import annotations

from bs4 import BeautifulSoup


def html_to_text(html: str) -> str:
    return BeautifulSoup(html, "lxml").get_text("\n")
