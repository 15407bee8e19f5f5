"""Sidecar metadata (``<file>.meta.json``, folder ``manifest.json``), validated field by field.

A sidecar is the deployer's word about a file, and what it says is shown to every officer
(App Home, answer headers, the source link button), so it is checked, never trusted: a field
of the wrong type or an impossible date is dropped with a warning naming the file and the
field, and the minutes still index without it. One bad field never costs the good ones, and a
bad sidecar never costs the minutes file.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError
from pydantic_core import PydanticCustomError

from index.links import has_credentials, safe_link

SIDECAR_SUFFIX = ".meta.json"
MANIFEST_NAME = "manifest.json"
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
MAX_URL_CHARS = 3000
"""Slack refuses a link button whose URL is longer, and the whole answer with it."""


@dataclass(frozen=True)
class SourceMeta:
    """What a sidecar or folder manifest says about a file; every field already validated."""

    url: str | None = None
    body: str | None = None
    date: dt.date | None = None
    title: str | None = None


@dataclass
class LoadedMeta:
    meta: SourceMeta = field(default_factory=SourceMeta)
    warnings: list[str] = field(default_factory=list)


def _json_kind(value: object) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    return "text" if isinstance(value, str) else "null"


def _text(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise PydanticCustomError("text", "expected text, got {kind}", {"kind": _json_kind(value)})
    return value.strip() or None


def _url(value: object) -> str | None:
    text = _text(value)
    if text is None:
        return None
    link = safe_link(text)  # http(s), a host, no user:password@, quoted (index.links)
    if link is None and has_credentials(text):  # never repeated: it holds a password
        raise PydanticCustomError("url", "a URL with a user or password is not accepted")
    if link is None:
        raise PydanticCustomError(
            "url", "{value} is not an http(s) URL", {"value": repr(text[:80])}
        )
    if len(link) > MAX_URL_CHARS:
        raise PydanticCustomError(
            "url", "longer than {limit} characters", {"limit": f"{MAX_URL_CHARS:,}"}
        )
    return link


def _date(value: object) -> dt.date | None:
    text = _text(value)
    if text is None:
        return None
    if not _ISO_DATE.fullmatch(text):
        raise PydanticCustomError(
            "date", "{value} is not a YYYY-MM-DD date", {"value": repr(text[:40])}
        )
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise PydanticCustomError(
            "date", "{value} is not a real date ({why})", {"value": repr(text), "why": str(exc)}
        ) from exc


class _Fields(BaseModel):
    """The fields a sidecar may hold; anything else is reported as unknown and ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    url: Annotated[str | None, BeforeValidator(_url)] = None
    body: Annotated[str | None, BeforeValidator(_text)] = None
    date: Annotated[dt.date | None, BeforeValidator(_date)] = None
    title: Annotated[str | None, BeforeValidator(_text)] = None


KNOWN_FIELDS = tuple(_Fields.model_fields)


def validate_fields(data: dict[str, Any], origin: str, entry: str = "") -> LoadedMeta:
    """Validate one sidecar object; each bad field becomes ``<origin>: metadata: <field>: <reason>``.

    ``entry`` names the file a manifest entry is for (``manifest.json: metadata: a.txt: date: …``).
    """
    label = f"{entry}: " if entry else ""
    warnings: list[str] = []
    try:
        fields = _Fields.model_validate(data)
    except ValidationError as exc:
        bad: set[str] = set()
        for error in exc.errors():
            name = str(error["loc"][0]) if error["loc"] else "?"
            bad.add(name)
            reason = error["msg"]
            if error["type"] == "extra_forbidden":
                reason = f"unknown field, ignored (known: {', '.join(KNOWN_FIELDS)})"
            warnings.append(f"{origin}: metadata: {label}{name}: {reason}")
        fields = _Fields.model_validate({k: v for k, v in data.items() if k not in bad})
    meta = SourceMeta(url=fields.url, body=fields.body, date=fields.date, title=fields.title)
    return LoadedMeta(meta, warnings)


def load_meta(path: Path) -> LoadedMeta:
    """The file's sidecar wins; else its entry in the folder's ``manifest.json``; else nothing.

    A manifest maps file names (relative to its folder) to the same fields as a sidecar.
    Problems come back as warnings, never as exceptions: the minutes file indexes regardless.
    """
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    if sidecar.is_file():
        data, problem = _read_json(sidecar)
        if problem or not isinstance(data, dict):
            problem = problem or f"expected a JSON object, got {_json_kind(data)}"
            return LoadedMeta(warnings=[f"{sidecar}: metadata: {problem}; ignored"])
        return validate_fields(data, str(sidecar))
    manifest = path.parent / MANIFEST_NAME
    if not manifest.is_file():
        return LoadedMeta()
    data, problem = _read_json(manifest)
    if problem or not isinstance(data, dict):
        problem = problem or (
            f"expected an object mapping file names to metadata, got {_json_kind(data)}"
        )
        return LoadedMeta(warnings=[f"{manifest}: metadata: {problem}; ignored"])
    entry = data.get(path.name)
    if entry is None:
        return LoadedMeta()
    if not isinstance(entry, dict):
        return LoadedMeta(
            warnings=[
                f"{manifest}: metadata: {path.name}: expected an object, got "
                f"{_json_kind(entry)}; ignored"
            ]
        )
    return validate_fields(entry, str(manifest), entry=path.name)


def _read_json(path: Path) -> tuple[Any, str]:
    """The JSON value in ``path`` and ``""``, or ``None`` and why not, in words for a warning."""
    try:
        return json.loads(path.read_text(encoding="utf-8-sig")), ""
    except OSError as exc:
        return None, f"unreadable ({exc.strerror or exc})"
    except UnicodeDecodeError as exc:
        return None, f"not UTF-8 text (byte offset {exc.start})"
    except ValueError as exc:
        return None, f"not valid JSON ({exc})"
    except RecursionError:  # "[[[[…" thousands deep: the decoder runs out of stack
        return None, "not valid JSON (nested too deeply to read)"
