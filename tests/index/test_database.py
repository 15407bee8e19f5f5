"""The durable-state engine: SQLite in the data folder by default, one engine per URL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import String, select
from sqlalchemy.orm import Mapped, mapped_column

from index.database import Base, engine_for, session_factory
from index.errors import ConfigError
from index.settings import IndexSettings


class Note(Base):
    __tablename__ = "test_notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(String(200))


def test_default_database_is_sqlite_in_the_state_folder(tmp_path: Path) -> None:
    settings = IndexSettings(data_dir=tmp_path)
    assert settings.database.startswith("sqlite:///")
    Session = session_factory(settings.database)
    with Session.begin() as session:
        session.add(Note(text="kept"))
    assert (tmp_path / "state" / "minutes-bot.sqlite3").is_file()
    # A second factory for the same URL sees the same rows (one engine per URL).
    with session_factory(settings.database)() as session:
        assert session.scalars(select(Note.text)).all() == ["kept"]
    assert engine_for(settings.database) is engine_for(settings.database)


def test_a_malformed_url_is_one_clear_error() -> None:
    with pytest.raises(ConfigError, match="MINUTES_BOT_DATABASE_URL"):
        engine_for("not a url at all")
