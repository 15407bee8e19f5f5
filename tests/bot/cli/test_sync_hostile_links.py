"""Values from a site reach stored links and Slack buttons only quoted, and only as http(s)
without credentials (issue 21, item 9), driven as the probe did: ``minutes-bot sync`` as a
process against the fake modern.gov site, whose web service prints an ``agendaitemid`` holding
``|``, spaces and ``<…>``, and whose documents pages link printed minutes as ``javascript:``
or with ``user:password@``; then what the index holds is read back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.settings import Settings
from index.schema import ItemMeta, decode_item
from index.store import open_store
from tests.bot.cli.sync_probe import run_sync
from tests.index.sites.fake_moderngov import ashcombe, bramley

pytestmark = pytest.mark.slow

TODAY = dt.date.today()


def _stored(data_dir: Path) -> list[ItemMeta]:
    got = open_store(Settings(data_dir=data_dir)).items.get(include=["metadatas"])
    return [decode_item(meta or {}) for meta in got["metadatas"]]


def _links(item: ItemMeta) -> list[str]:
    return [item.link, item.url or "", *(r.url for r in item.related)]


def test_a_hostile_item_id_is_quoted_into_its_link(tmp_path: Path) -> None:
    with ashcombe(TODAY) as site:
        site.fail_once.clear()
        site.slow.clear()
        site.redirect.clear()
        site.shown_ids[40102] = "40102 |<!channel> x"
        run = run_sync(tmp_path / "data", site.url)
        url = site.url
    assert run.code == 0, run.stdout + run.stderr
    items = {i.source_item_id: i for i in _stored(tmp_path / "data")}
    hostile = items["40102 |<!channel> x"]
    assert hostile.link == f"{url}mgAi.aspx?ID=40102%20%7C%3C%21channel%3E%20x"
    for item in items.values():
        for link in _links(item):
            assert not set(link) & set(' |<>"`'), link


def test_printed_minutes_links_are_http_without_credentials_or_dropped(tmp_path: Path) -> None:
    with bramley(TODAY) as site:
        site.printed_href[8001] = "javascript:alert(document.cookie)"
        site.printed_href[8101] = "http://bob:s3cret@evil.example/minutes.pdf"
        site.printed_href[8002] = "file:///etc/passwd"
        run = run_sync(tmp_path / "data", site.url)
    assert run.code == 0, run.stdout + run.stderr
    items = _stored(tmp_path / "data")
    assert {i.source_item_id for i in items} >= {"70102", "70201", "71101"}
    for item in items:
        assert [r for r in item.related if r.kind == "printed_minutes"] == [], item.related
        for link in _links(item):
            assert link.startswith("http://127.0.0.1:"), link
            assert "s3cret" not in link and "javascript" not in link
