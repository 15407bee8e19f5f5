"""Text safe to print on a terminal: minutes are untrusted input, and a saved page or a PDF can
carry escape sequences (``ESC [2J`` clears the screen, ``ESC ]0;…`` retitles the window, a
hyperlink sequence disguises a link). The terminal template environment passes every
``{{ expression }}`` through :func:`printable`, so no template can print them by forgetting.

Newlines and tabs stay (quotes keep their shape); every other C0/C1 control character and every
escape sequence goes. The JSON output needs none of this: ``json.dumps`` escapes controls.
"""

from __future__ import annotations

import re

# CSI (ESC [ … final byte), OSC (ESC ] … BEL or ESC \), and other two-byte ESC sequences.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]|\x9b[0-?]*[ -/]*[@-~]"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(value: object) -> str:
    """``value`` as text with escape sequences and control characters removed."""
    text = "" if value is None else str(value)
    return _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))
