"""modern.gov pages saved from a browser → text shaped like the pages' copied text.

The parser and the quote check both read the text made here, so its shape matters more
than its beauty: each block (paragraph, heading, table cell, list item) becomes its own
line with a blank line after it, ``<br>`` becomes a line break, runs of ordinary whitespace
collapse to one space, entities are decoded, and non-breaking spaces are kept as they are
(minutes pad list labels with them and the parsers expect that). Scripts, styles, navigation
and footers are dropped. Image alt text is kept, as a browser's copy does ("pdf icon PDF 219 KB").
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup
from bs4.element import Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

_DROP = {
    "script",
    "style",
    "noscript",
    "nav",
    "footer",
    "head",
    "template",
    "iframe",
    "svg",
    "button",
    "select",
    "option",
    "input",
    "textarea",
    "object",
    "embed",
}
_BLOCK = {
    "address",
    "article",
    "aside",
    "blockquote",
    "caption",
    "dd",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "body",
    "form",
}
_SKIP_STRINGS = (Comment, Declaration, Doctype, ProcessingInstruction)
_ASCII_SPACE_RE = re.compile(r"[ \t\r\n\f\v]+")
_PARAGRAPH = "\n\n"
_LINE = "\n"


class _TextWriter:
    """Accumulates inline text into lines; blocks end a line with a blank line after it."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.line: list[str] = []
        self.pending: str | None = None

    def write(self, value: str) -> None:
        self.line.append(_ASCII_SPACE_RE.sub(" ", value))

    def end_line(self, separator: str) -> None:
        content = "".join(self.line).strip(" ")
        self.line.clear()
        if content:
            if self.parts:
                self.parts.append(self.pending or separator)
            self.parts.append(content)
            self.pending = separator
        elif self.parts and (self.pending is None or len(separator) > len(self.pending)):
            self.pending = separator

    def text(self) -> str:
        self.end_line(_PARAGRAPH)
        return "".join(self.parts)


def html_to_text(html: str) -> str:
    soup = BeautifulSoup(html, "lxml")
    writer = _TextWriter()
    _walk(soup, writer)
    return writer.text()


_END_BLOCK = object()
"""Marker pushed after a block's children: when popped, the block's line ends."""


def _walk(root: Tag, writer: _TextWriter) -> None:
    """Depth-first, document order, with an explicit stack instead of recursion.

    Pages nest as deep as they like (a probe used 20,000 ``<div>``s; lxml keeps them all), and
    Python's recursion limit is 1,000, so a recursive walk would fail on a legal if silly page.
    """
    stack: list[object] = list(reversed(root.contents))
    while stack:
        node = stack.pop()
        if node is _END_BLOCK:
            writer.end_line(_PARAGRAPH)
            continue
        if isinstance(node, NavigableString):
            if not isinstance(node, _SKIP_STRINGS):
                writer.write(str(node))
            continue
        if not isinstance(node, Tag):
            continue
        name = node.name.lower() if node.name else ""
        if name in _DROP or _hidden(node):
            continue
        if name == "br":
            writer.end_line(_LINE)
            continue
        if name == "img":
            alt = str(node.get("alt") or "").strip()
            if alt:
                writer.write(alt)
            continue
        if name in _BLOCK:
            writer.end_line(_PARAGRAPH)
            stack.append(_END_BLOCK)
        stack.extend(reversed(node.contents))


def _hidden(tag: Tag) -> bool:
    if tag.has_attr("hidden") or tag.get("aria-hidden") == "true":
        return True
    style = str(tag.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style
