"""Bidirectional text: keep a piece of text from reordering the text around it.

Arabic text shown beside other text (a concordance cell, a table cell, a label in a
terminal) can carry explicit bidirectional controls of its own: an override (RLO,
U+202E) left open by its author, or an embedding cut from its closing PDF by a
concordance window. Left open, such a control reorders everything after it. These
functions close what a text leaves open and set it apart in its own direction
(Unicode Bidirectional Algorithm, UAX #9): :func:`close_bidi` appends the missing
PDF and PDI, :func:`isolate` wraps plain text in FIRST STRONG ISOLATE (FSI, U+2068)
... POP DIRECTIONAL ISOLATE (PDI, U+2069), and :func:`isolate_html` escapes it and
sets it in ``<bdi>``, the HTML element of the same isolate.

Nothing is removed: the characters shown are the original text's.

Examples
--------
>>> t = "\u202eabc"                       # an override left open
>>> [hex(ord(c)) for c in close_bidi(t)]
['0x202e', '0x61', '0x62', '0x63', '0x202c']
>>> isolate("السعر") == "\u2068السعر\u2069"
True
>>> isolate_html("<b>\u202e")
'<bdi>&lt;b&gt;\u202e\u202c</bdi>'
"""

from __future__ import annotations

import html

__all__ = ["close_bidi", "isolate", "isolate_html", "FSI", "PDI", "PDF"]

#: FIRST STRONG ISOLATE: opens an isolate whose direction is that of its first
#: strong character.
FSI = "\u2068"
#: POP DIRECTIONAL ISOLATE: closes an isolate (LRI, RLI or FSI).
PDI = "\u2069"
#: POP DIRECTIONAL FORMATTING: closes an embedding or override (LRE, RLE, LRO, RLO).
PDF = "\u202c"

# The explicit embeddings and overrides LRE, RLE, LRO, RLO are closed by PDF; the
# isolates LRI, RLI, FSI by PDI (UAX #9, section 2). LRM, RLM and ALM are marks and
# open nothing.
_EMBEDDINGS = frozenset("\u202a\u202b\u202d\u202e")
_ISOLATES = frozenset("\u2066\u2067\u2068")
_OPENERS = _EMBEDDINGS | _ISOLATES


def close_bidi(text: str) -> str:
    """``text`` with every embedding, override and isolate it leaves open closed.

    Follows the matching rules of UAX #9 (rules X6a and X7): a PDI closes the last
    open isolate and every embedding opened after it; a PDF closes the last embedding
    unless an isolate was opened after it; unmatched PDF and PDI do nothing. The
    missing PDF and PDI are appended, innermost first, so the text's own controls
    cannot reorder what follows it (a table's next cell, text copied out of a page).

    Parameters
    ----------
    text : str

    Returns
    -------
    str
        ``text`` followed by the closing controls it lacks (``text`` itself when it
        leaves nothing open).

    Examples
    --------
    >>> [hex(ord(c)) for c in close_bidi("\u2067a\u202bb")]
    ['0x2067', '0x61', '0x202b', '0x62', '0x202c', '0x2069']
    >>> close_bidi("\u2067a\u202bb\u2069") == "\u2067a\u202bb\u2069"
    True
    >>> close_bidi("plain")
    'plain'
    """
    if _OPENERS.isdisjoint(text):
        return text
    stack: list[str] = []
    for c in text:
        if c in _EMBEDDINGS:
            stack.append(PDF)
        elif c in _ISOLATES:
            stack.append(PDI)
        elif c == PDF:
            if stack and stack[-1] == PDF:
                stack.pop()
        elif c == PDI and PDI in stack:
            while stack.pop() != PDI:
                pass
    return text + "".join(reversed(stack))


def isolate(text: str) -> str:
    """Plain ``text`` as a bidi isolate: ``FSI + close_bidi(text) + PDI``.

    Its direction is that of its first strong character, and neither it nor the text
    around it can reorder the other (for terminals, CSV cells, plot labels: wherever
    there is no HTML ``<bdi>``).

    Examples
    --------
    >>> [hex(ord(c)) for c in isolate("\u202eab")]
    ['0x2068', '0x202e', '0x61', '0x62', '0x202c', '0x2069']
    """
    return f"{FSI}{close_bidi(text)}{PDI}"


def isolate_html(text: str) -> str:
    """HTML for a piece of text: escaped, its bidi controls closed
    (:func:`close_bidi`) and set in ``<bdi>``, so its direction is its own and it
    cannot reorder the text around it.

    Examples
    --------
    >>> isolate_html("a < b")
    '<bdi>a &lt; b</bdi>'
    """
    return f"<bdi>{html.escape(close_bidi(text))}</bdi>"
