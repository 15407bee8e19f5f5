"""Find the decisions in one agenda item's verbatim text.

Minutes print decisions in a handful of shapes: a ``RESOLVED:`` marker followed by a
numbered or lettered list, an inline ``RESOLVED that …``, a ``Decision –`` line, ``AGREED``,
or, when there is no formal marker at all, a plain sentence such as "The Executive approved
the proposal in principle". Each :class:`Resolution` we return quotes an exact span of the
input (list labels and padding excluded), so the answer layer can show it word for word; a
decision its marker introduces directly also keeps the span from the marker on
(``Resolution.quote``: "RESOLVED to endorse the strategy."), the line people quote.

Printed decision lists are often broken up: an intro ending in ":" ("County Council is asked
to agree the following:"), then short group headings between the entries ("2025-26 Council
Tax", "In addition:"). An unlabelled short line followed by the list's next label is read as
such a heading and the list goes on. An intro ending in ":" before a list starting at its
first label is kept as a resolution of its own, and each entry is one too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.extract.text import Line, split_lines, strip_span
from index.extract.vocabulary import DEFAULT, Vocabulary
from index.lexicon import sentence_end, sentence_spans
from index.models import Resolution, ResolutionKind

_SPACE = " \t\u00a0"

# A list label at the start of a line: 1)  1.  (1)  (a)  a)  A)  a.  i)  (iv)  •  ·  o  -
_LABEL_RE = re.compile(
    r"""
    (?P<label>
        \( (?P<paren>[0-9]{1,3}|[A-Za-z]|[ivxlcdm]{2,6}|[IVXLCDM]{2,6}) \)
      | (?P<close>[0-9]{1,3}|[A-Za-z]|[ivxlcdm]{2,6}|[IVXLCDM]{2,6}) \)
      | (?P<dot>[0-9]{1,3}|[A-Za-z]|[ivxlcdm]{2,6}|[IVXLCDM]{2,6}) \.(?![0-9])
      | (?P<bullet>[•·▪■◦●o*\-–])
    )
    """,
    re.VERBOSE,
)

# Capitalised (not shouted) lead-ins must be followed by punctuation or "that"/"to", so that
# "Resolved issues were…" or "Decision making was discussed" are not taken for decisions.
_SOFT_TAIL_RE = re.compile(r"[ \t\u00a0]*(?:[:–—-]|$|(?:that|That|to|To)\b)")
_TAIL_PUNCT = " \t\u00a0:–—-"

_INLINE_NUMBER_RE = re.compile(r"(?:^|(?<=[\s;:,]))\((?P<n>\d{1,2}|[a-z])\)[ \t\u00a0]*")
_TRAILING_CONNECTOR_RE = re.compile(r"(?:[;,][ \t\u00a0]*(?:and|or)?|[ \t\u00a0]+(?:and|or))\s*$")

# Decision sentences used when the minutes have no formal RESOLVED/Decision marker.
_BODY_NOUNS = (
    r"Executive|Board|Committee|Sub-Committee|Panel|Cabinet|Council|Alliance|Partnership|"
    r"Forum|Group|Meeting|Members|Trust|Authority|Commission"
)
_DECISION_SENTENCE_RE = re.compile(
    rf"""
    (?:The[ \t\u00a0]+(?:(?:[A-Z][\w&’'-]*|and|of|for|&)[ \t\u00a0]+){{0,8}}?(?:{_BODY_NOUNS})|Members)
    [ \t\u00a0]+(?:then[ \t\u00a0]+|also[ \t\u00a0]+|unanimously[ \t\u00a0]+|formally[ \t\u00a0]+)?
    (?P<verb>approved|agreed|noted|resolved|endorsed|accepted|supported|decided|ratified|
             adopted|confirmed)\b
    """,
    re.VERBOSE,
)
_MINUTES_AGREED_RE = re.compile(
    r"(?:The[ \t\u00a0]+)?minutes\b[^.\n]{0,80}?\b(?:were[ \t\u00a0]+|was[ \t\u00a0]+)?"
    r"(?:agreed|approved|confirmed|accepted|signed)[ \t\u00a0]+as[ \t\u00a0]+(?:a[ \t\u00a0]+|the[ \t\u00a0]+)?"
    r"(?:correct|true|accurate)",
    re.IGNORECASE,
)
_VERB_KIND = {
    "approved": ResolutionKind.APPROVED,
    "endorsed": ResolutionKind.APPROVED,
    "ratified": ResolutionKind.APPROVED,
    "adopted": ResolutionKind.APPROVED,
    "accepted": ResolutionKind.APPROVED,
    "supported": ResolutionKind.APPROVED,
    "noted": ResolutionKind.NOTED,
}


@dataclass(frozen=True)
class _Marker:
    """Where a line opens a decision: the keyword's span, its kind, a paragraph label's style."""

    start: int
    end: int
    kind: str
    para_style: tuple[str, str] | None


@dataclass(frozen=True)
class _Label:
    text: str
    style: tuple[str, str]  # (shape, family), e.g. ("(x)", "lower")
    content: int  # offset where the labelled text starts


@dataclass
class _Item:
    start: int
    end: int
    label: str | None


def extract_resolutions(text: str, vocabulary: Vocabulary = DEFAULT) -> list[Resolution]:
    """Every decision in ``text``; each ``Resolution.text`` is an exact substring of it.

    ``vocabulary`` names the words that open a decision and the lines that end one (the
    format's; :data:`~index.extract.vocabulary.DEFAULT` for the formats that predate it).
    """
    lines = split_lines(text)
    found: list[tuple[int, Resolution]] = []
    index = 0
    while index < len(lines):
        marker = _find_marker(text, lines[index], vocabulary)
        if marker is None:
            index += 1
            continue
        index, resolutions = _read_decision(text, lines, index, marker, vocabulary)
        found.extend(resolutions)
    if not found:
        found = _decision_sentences(text, vocabulary)
    return [resolution for _, resolution in sorted(found, key=lambda pair: pair[0])]


# ----------------------------------------------------------------------------- markers


def _find_marker(text: str, line: Line, vocab: Vocabulary) -> _Marker | None:
    """The lead-in opening a decision on ``line`` (after any paragraph label), if there is one."""
    content = _content_start(line)
    para_style = None
    label = _label_at(text, line, content)
    if label is not None and label.style[0] != "bullet":
        para_style = label.style
        content = label.content
    found = vocab.lead_in(text, content, line.end)
    if found is None:
        head = text[content : line.end]
        mid = vocab.mid_line.search(head) if vocab.mid_line is not None else None
        if mid is None or not re.search(r"(?:^|[.;:]\s+|\bwas\s+|\bit\s+)$", head[: mid.start()]):
            return None
        return _Marker(
            content + mid.start(), content + mid.end(), ResolutionKind.RESOLVED, para_style
        )
    match, kind = found
    keyword = match["kw"]
    tail = text[match.end() : line.end]
    if not keyword.isupper() and not _SOFT_TAIL_RE.match(tail):
        return None
    if keyword.isupper() and tail[:1].isalpha():
        return None
    if kind == ResolutionKind.DECISION and re.match(r"[ \t\u00a0:–—-]*\d", tail):
        return None  # "Decision - 24/00093 - …" cites a decision by its number
    return _Marker(match.start("kw"), match.end(), kind, para_style)


def _content_start(line: Line) -> int:
    offset = line.start
    while offset < line.end and line.text[offset - line.start] in _SPACE:
        offset += 1
    return offset


def _label_at(text: str, line: Line, offset: int | None = None) -> _Label | None:
    """The list label opening ``line`` (from ``offset``), with the offset of its content."""
    start = _content_start(line) if offset is None else offset
    match = _LABEL_RE.match(text, start, line.end)
    if match is None:
        return None
    after = match.end()
    follow = text[after] if after < line.end else ""
    if match["bullet"] is not None:
        if follow and follow not in _SPACE:
            return None
        shape, family = "bullet", match["bullet"]
    else:
        value = match["paren"] or match["close"] or match["dot"]
        shape = "(x)" if match["paren"] else ("x)" if match["close"] else "x.")
        bracketed = shape != "x."
        glued = bool(follow) and follow not in _SPACE
        if glued and not (bracketed and (follow.isupper() or follow in "\"“‘'")):
            return None
        if shape == "x." and value.isalpha() and not follow:
            return None
        family = _family(value)
    content = after
    while content < line.end and text[content] in _SPACE:
        content += 1
    return _Label(text[match.start() : after], (shape, family), content)


def _family(value: str) -> str:
    if value.isdigit():
        return "num"
    if len(value) > 1:
        return "roman" if value.islower() else "ROMAN"
    return "lower" if value.islower() else "upper"


def _same_style(label: tuple[str, str], current: tuple[str, str]) -> bool:
    """Same list? Single roman-looking letters (c, d, i, v) belong to a lettered list."""
    if label[0] != current[0]:
        return False
    if label[0] == "bullet":
        return True
    families = {label[1], current[1]}
    # Printed lists slip between cases ("A) … b) … c)"), so case alone does not split a list.
    return len(families) == 1 or families in (
        {"lower", "roman"},
        {"upper", "ROMAN"},
        {"lower", "upper"},
    )


# ----------------------------------------------------------------------------- decisions


def _read_decision(
    text: str, lines: list[Line], index: int, marker: _Marker, vocab: Vocabulary
) -> tuple[int, list[tuple[int, Resolution]]]:
    """Read the decision opened on ``lines[index]``; return the next line index and its items."""
    kind = marker.kind
    tail_start = marker.end
    line = lines[index]
    while tail_start < line.end and text[tail_start] in _TAIL_PUNCT:
        tail_start += 1
    intro_start, intro_end, index = _paragraph(text, lines, index, tail_start, vocab)
    intro = text[intro_start:intro_end]
    if intro and not intro.endswith(":"):
        inline = _split_inline(text, intro_start, intro_end, kind)
        if len(inline) == 1 and inline[0][1].label is None:
            item = _Item(intro_start, intro_end, None)
            return index, [(intro_start, _resolution(text, item, kind, marker))]
        return index, inline
    index, items = _read_list(text, lines, index, marker.para_style, vocab)
    if items:
        # "RESOLVED that:" + "This Council believes that:" is no line to quote: an intro to
        # a list keeps no marker quote, its entries are what people quote.
        lead = marker if len(items) == 1 or items[1].label is None else None
        return index, [
            (item.start, _resolution(text, item, kind, lead if position == 0 else None))
            for position, item in enumerate(items)
        ]
    if intro and len(intro.rstrip(":").split()) > 2:
        item = _Item(intro_start, intro_end, None)
        return index, [(intro_start, _resolution(text, item, kind, marker))]
    return index, []


# "RESOLVED" … "That the report be noted.": what may stand between a marker and the decision
# it introduces for the two to be quoted as one line (punctuation, "that:"/"to:", one break).
_MARKER_GAP_RE = re.compile(r"[\s:–—-]*(?:(?:that|That|to|To)[ \t\u00a0]*:)?[ \t\u00a0]*\n?\s*")


def _quote_from(text: str, marker: _Marker | None, item: _Item, start: int) -> int | None:
    """Where the decision's quote starts: at its marker, when the marker introduces it directly."""
    if marker is None or item.label is not None or start < marker.end:
        return None
    gap = text[marker.end : start]
    if gap.count("\n") > 2 or not _MARKER_GAP_RE.fullmatch(gap):
        return None
    return marker.start


def _first_of_a_list(label: str | None) -> bool:
    """``1.`` under ``7. RESOLVED that Cabinet:`` starts a list; ``8.`` is the next paragraph."""
    return (label or "").strip("()[]. \u00a0") in {"1", "a", "A", "i", "I"}


def _ordinal(label: str | None) -> int | None:
    core = (label or "").strip("()[]. \u00a0")
    if core.isdigit():
        return int(core)
    if len(core) == 1 and core.isalpha():
        return ord(core.lower()) - ord("a") + 1
    return None


def _follows(label: str | None, current: _Item | None) -> bool:
    """Does ``label`` come next after the current item's label (2. after 1., b) after a))?"""
    now, before = _ordinal(label), _ordinal(current.label if current else None)
    return now is None or before is None or now == before + 1


def _paragraph(
    text: str, lines: list[Line], index: int, start: int, vocab: Vocabulary
) -> tuple[int, int, int]:
    """The span from ``start`` to the end of its paragraph (wrapped lines), and the next line.

    A paragraph ends at a blank line, a labelled line, a stop line, or — for lines that do not
    look wrapped — a line ending a sentence followed by one starting a new one.
    """
    end = lines[index].end
    index += 1
    while index < len(lines):
        line = lines[index]
        if line.blank or _is_stop(text, line, vocab) or _label_at(text, line) is not None:
            break
        if _find_marker(text, line, vocab) is not None:
            break
        if not _continues(text[start:end], line.stripped):
            break
        end = line.end
        index += 1
    span_start, span_end = strip_span(text, start, end)
    return span_start, span_end, index


def _continues(previous: str, next_line: str) -> bool:
    """Does ``next_line`` carry on the sentence of ``previous`` (a PDF-wrapped line)?"""
    previous = previous.rstrip()
    if not previous:
        return False
    if next_line[:1].islower() or next_line[:1].isdigit():
        return True
    return previous[-1] not in ".!?:;"


def _read_list(
    text: str,
    lines: list[Line],
    index: int,
    para_style: tuple[str, str] | None,
    vocab: Vocabulary,
) -> tuple[int, list[_Item]]:
    """Items of the list that follows a RESOLVED:/Decision marker, or unlabelled paragraphs."""
    items: list[_Item] = []
    list_style: tuple[str, str] | None = None
    current: _Item | None = None
    sub_style: tuple[str, str] | None = None
    restarted_under_paragraph = False
    blank_before = False
    while index < len(lines):
        line = lines[index]
        if line.blank:
            blank_before = True
            index += 1
            continue
        if _is_stop(text, line, vocab) or _find_marker(text, line, vocab) is not None:
            break
        label = _label_at(text, line)
        if label is not None:
            if list_style is None and current is None:
                if (
                    para_style is not None
                    and _same_style(label.style, para_style)
                    and not _first_of_a_list(label.text)
                ):
                    break  # the next numbered paragraph of the minutes, not a sub-item
                list_style = label.style
                restarted_under_paragraph = para_style is not None and _same_style(
                    label.style, para_style
                )
            elif restarted_under_paragraph and not _follows(label.text, current):
                break  # "8." after "3." is the minutes' next paragraph again
            elif list_style is None and _introduces_list(text, items, label):
                list_style = label.style  # "… agree the following:" then (a): the entries
                restarted_under_paragraph = para_style is not None and _same_style(
                    label.style, para_style
                )
            elif list_style is None or not _same_style(label.style, list_style):
                opens_sub_list = (
                    sub_style is None
                    and current is not None
                    and (text[current.start : current.end].rstrip().endswith(":"))
                )
                if opens_sub_list:
                    sub_style = label.style
                if current is not None and sub_style and _same_style(label.style, sub_style):
                    current.end = line.end  # a sub-list belongs to the item introducing it
                    blank_before = False
                    index += 1
                    continue
                break
            sub_style = None
            current = _Item(label.content, line.end, label.text)
            items.append(current)
        elif current is None:
            if items or not _opens_resolution(line.stripped, first=not items):
                break
            current = _Item(_content_start(line), line.end, None)
            items.append(current)
        elif _group_heading(text, lines, index, items, list_style, blank_before):
            pass  # "2025-26 Council Tax" between (e) and (f): the list goes on
        elif (intro := _second_intro(text, lines, index, list_style, vocab)) is not None:
            first, last, index = intro  # "And;", "This Council agrees to …:", a) again
            items.append(_Item(_content_start(lines[first]), lines[last].end, None))
            current = items[-1]
            continue
        else:
            so_far = text[current.start : current.end]
            if blank_before:
                if current.label is None and _opens_resolution(line.stripped, first=False):
                    current = _Item(_content_start(line), line.end, None)
                    items.append(current)
                elif so_far.rstrip()[-1:] not in ".!?:;" and line.stripped[:1].islower():
                    current.end = line.end
                else:
                    break
            elif _continues(so_far, line.stripped):
                current.end = line.end
            else:
                break
        blank_before = False
        index += 1
    return index, items


def _introduces_list(text: str, items: list[_Item], label: _Label) -> bool:
    """Is the one unlabelled paragraph read so far an intro ending in ":" to a list that
    starts at its first label ("… is asked to agree the following:" then "(a) …")?"""
    if len(items) != 1 or items[0].label is not None or not _first_of_a_list(label.text):
        return False
    return text[items[0].start : items[0].end].rstrip().endswith(":")


_HEADING_MAX_WORDS = 8


def _group_heading(
    text: str,
    lines: list[Line],
    index: int,
    items: list[_Item],
    list_style: tuple[str, str] | None,
    blank_before: bool,
) -> bool:
    """Is ``lines[index]`` a short heading grouping the list's entries ("Key Policies")?

    It has no label, few words, no sentence punctuation at its end (a colon is allowed:
    "In addition:"), it comes after a finished entry or a blank line, and the next line that
    is not blank carries the list's next label (or the first one, after an intro).
    """
    line = lines[index]
    words = line.stripped.split()
    if not words or len(words) > _HEADING_MAX_WORDS or line.stripped[-1] in ".;,!?":
        return False
    if not (line.stripped[0].isupper() or line.stripped[0].isdigit()):
        return False
    current = items[-1]
    if not blank_before and text[current.start : current.end].rstrip()[-1:] not in ".;:":
        return False  # a wrapped last line of the entry, not a heading
    following = _next_nonblank(lines, index + 1)
    if following is None:
        return False
    label = _label_at(text, lines[following])
    if label is None:
        return False
    if list_style is None:
        return _introduces_list(text, items, label)
    return _same_style(label.style, list_style) and _follows(label.text, current)


_CONNECTOR_LINE_RE = re.compile(r"(?:and|And|AND|or|Or)[;,:]?")
_INTRO_MAX_LINES = 4


def _second_intro(
    text: str,
    lines: list[Line],
    index: int,
    list_style: tuple[str, str] | None,
    vocab: Vocabulary,
) -> tuple[int, int, int] | None:
    """(first line, last line, line of the list's first label) of a second intro at ``index``.

    Motions resolve in parts: "… d) Urgent action is required." then "And;", then "This
    Council agrees to call on the Cabinet Member to:" and a list from "a)" again. The intro
    is a short unlabelled paragraph ending in ":" (after an optional connector line) and the
    list after it has the same label style as the one before.
    """
    if list_style is None:
        return None
    position = index
    if _CONNECTOR_LINE_RE.fullmatch(lines[position].stripped):
        following = _next_nonblank(lines, position + 1)
        if following is None:
            return None
        position = following
    start = position
    for _ in range(_INTRO_MAX_LINES):
        line = lines[position]
        if line.blank or _label_at(text, line) is not None or _is_stop(text, line, vocab):
            return None
        if line.stripped.endswith(":"):
            break
        position += 1
        if position >= len(lines):
            return None
    else:
        return None
    first = _next_nonblank(lines, position + 1)
    if first is None:
        return None
    label = _label_at(text, lines[first])
    if label is None or not _first_of_a_list(label.text):
        return None
    return (start, position, first) if _same_style(label.style, list_style) else None


def _next_nonblank(lines: list[Line], index: int) -> int | None:
    while index < len(lines):
        if not lines[index].blank:
            return index
        index += 1
    return None


def _opens_resolution(line: str, *, first: bool) -> bool:
    """Unlabelled decision paragraphs: the first one after the marker, then "That …" ones."""
    return first or bool(re.match(r"(?:That|that|To|to)\b", line))


def _is_stop(text: str, line: Line, vocab: Vocabulary) -> bool:
    """Does ``line`` end the decision being read? Not when it opens a decision itself: a format
    whose lead-in looks like another's stop ("Motion carried: That …") keeps its decisions."""
    if not vocab.is_stop(line.text):
        return False
    return _find_marker(text, line, vocab) is None


def _split_inline(text: str, start: int, end: int, kind: str) -> list[tuple[int, Resolution]]:
    """``Resolved: that (1) …; (2) …`` gives one resolution per number; otherwise one in all."""
    body = text[start:end]
    numbered = _sequence(list(_INLINE_NUMBER_RE.finditer(body)))
    if len(numbered) >= 2:
        found = []
        for position, mark in enumerate(numbered):
            item_end = numbered[position + 1].start() if position + 1 < len(numbered) else len(body)
            item = _Item(start + mark.end(), start + item_end, mark.group().strip(_SPACE))
            found.append((item.start, _resolution(text, item, kind)))
        return found
    return [(start, _resolution(text, _Item(start, end, None), kind))]


def _sequence(marks: list[re.Match[str]]) -> list[re.Match[str]]:
    """The run of inline labels counting (1), (2), … or (a), (b), … from the first."""
    run: list[re.Match[str]] = []
    for mark in marks:
        value = mark["n"]
        expected = ("1", "a") if not run else (_next_label(run[-1]["n"]),)
        if value in expected:
            run.append(mark)
    return run


def _next_label(value: str) -> str:
    return str(int(value) + 1) if value.isdigit() else chr(ord(value) + 1)


def _resolution(text: str, item: _Item, kind: str, marker: _Marker | None = None) -> Resolution:
    start, end = strip_span(text, item.start, item.end)
    trimmed = _TRAILING_CONNECTOR_RE.search(text, start, end)
    if trimmed is not None and trimmed.start() > start:
        start, end = strip_span(text, start, trimmed.start())
    quote_start = _quote_from(text, marker, item, start)
    quote = text[quote_start:end] if quote_start is not None else None
    return Resolution(text=text[start:end], label=item.label, kind=kind, quote=quote)


# ----------------------------------------------------------------------------- sentences


def _decision_sentences(text: str, vocab: Vocabulary) -> list[tuple[int, Resolution]]:
    """Decisions recorded as plain sentences, for minutes with no RESOLVED/Decision marker."""
    found: list[tuple[int, Resolution]] = []
    lines = split_lines(text)
    for number, line in enumerate(lines):
        if line.blank:
            continue
        for start in _sentence_starts(text, line):
            kind = _sentence_kind(text, start, line.end)
            if kind is None:
                continue
            end = _sentence_end(text, lines, number, start, vocab)
            span_start, span_end = strip_span(text, start, end)
            found.append((span_start, Resolution(text=text[span_start:span_end], kind=kind)))
    return found


def _sentence_starts(text: str, line: Line) -> list[int]:
    return [start for start, _ in sentence_spans(text, _content_start(line), line.end)]


def _sentence_kind(text: str, start: int, line_end: int) -> str | None:
    if _MINUTES_AGREED_RE.match(text, start, line_end):
        return ResolutionKind.AGREED
    match = _DECISION_SENTENCE_RE.match(text, start, line_end)
    if match is None:
        return None
    return _VERB_KIND.get(match["verb"], ResolutionKind.AGREED)


def _sentence_end(text: str, lines: list[Line], number: int, start: int, vocab: Vocabulary) -> int:
    """End of the sentence at ``start``; a sentence ending in ":" takes its bullet list along."""
    index = number
    end = lines[index].end
    search_from = start
    while True:
        found = sentence_end(text, search_from, end)
        if found is not None:
            return found
        following = index + 1
        if (
            following < len(lines)
            and not lines[following].blank
            and _label_at(text, lines[following]) is None
            and not _is_stop(text, lines[following], vocab)
        ):
            search_from, index = lines[following].start, following
            end = lines[following].end
            continue
        break
    if text[start:end].rstrip().endswith(":"):
        end = _bullets_after(text, lines, index + 1, end)
    return end


def _bullets_after(text: str, lines: list[Line], index: int, end: int) -> int:
    style: tuple[str, str] | None = None
    while index < len(lines):
        line = lines[index]
        if line.blank:
            index += 1
            continue
        label = _label_at(text, line)
        if label is None or (style is not None and not _same_style(label.style, style)):
            break
        style = label.style
        end = line.end
        index += 1
    return end
