"""Clean scraped Arabic news pages: title, byline, Arabic-month dates, boilerplate.

A page as a scraper gives it (see the seed article in the project's corpora) looks like::

    <title>
    <title again>
    <section> | <day> <month> <year> | <author>
    <paragraph>
    اقرأ أيضاً: <a cross-link>
    <paragraph>
    ...
    <cookie banner>

:func:`parse_article` turns it into a :class:`~arabcorpus.io.readers.Document` whose text
is the body paragraphs, each stripped of surrounding whitespace and invisible format
characters (a BOM, a right-to-left mark...) and otherwise verbatim, joined by blank lines, and whose ``meta`` holds ``title``, ``section``, ``date`` (ISO
``YYYY-MM-DD``), ``author``, ``byline`` (the raw byline line) and ``removed``: every
line that was dropped, as ``{"line": ..., "rule": ...}``, so nothing is lost.

Boilerplate lines are recognised by the named rules in :data:`DEFAULT_RULES`, all in
this one place. A :class:`Rule` is a name plus a regular expression (searched in the
stripped line) or a predicate ``str -> bool``. Extend or replace them::

    >>> credits = Rule("source_credit", r"^المصدر\\s*:")
    >>> doc = parse_article("عنوان\\n\\nنص الخبر.\\nالمصدر: وكالات",
    ...                     rules=DEFAULT_RULES + (credits,))
    >>> doc.meta["removed"]
    [{'line': 'المصدر: وكالات', 'rule': 'source_credit'}]

A rule with ``remove="match"`` cuts only the text its pattern matches, for residue
that shares a line with the article; :data:`SAUDINEWSNET_RULES` uses such rules for
SaudiNewsNet::

    >>> page = ("عين اليوم – متابعات أعلنت الوزارة نتائج القبول.\\n"
    ...         "وبدأ التسجيل اليوم. سمات التعليم القبول")
    >>> doc = parse_article(page, SAUDINEWSNET_RULES, header=False)
    >>> print(doc.text)
    أعلنت الوزارة نتائج القبول.
    <BLANKLINE>
    وبدأ التسجيل اليوم.
    >>> doc.meta["removed"]  # doctest: +NORMALIZE_WHITESPACE
    [{'line': 'عين اليوم – متابعات', 'rule': 'ayn_alyoum_credit'},
     {'line': 'سمات التعليم القبول', 'rule': 'ayn_alyoum_tags'}]

:func:`parse_date` reads Arabic dates written with either month series, the
Egyptian/Gulf transliterations (يناير ... ديسمبر) or the Levantine/Iraqi Syriac names
(كانون الثاني ... كانون الأول), plus the Maghrebi forms (جانفي, أفريل, جويلية, أوت,
غشت, شتنبر, نونبر, دجنبر), in ASCII, Arabic-Indic (٠-٩) or Extended (۰-۹) digits.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Union

from arabcorpus.text import chars as _chars
from arabcorpus.util.validate import check_choice, check_str

if TYPE_CHECKING:  # pragma: no cover
    from arabcorpus.io.stream import Document

__all__ = [
    "Rule",
    "DEFAULT_RULES",
    "SAUDINEWSNET_RULES",
    "MONTHS",
    "SECTIONS",
    "CleanedDocuments",
    "parse_date",
    "parse_byline",
    "parse_article",
    "clean_documents",
]

# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------

#: Arabic month names -> month number. Both Middle-Eastern series and the Maghrebi
#: forms, in their usual spellings; lookups also ignore hamza on alef, alef maksura vs
#: yeh and teh marbuta vs heh (so ابريل, إبريل and أبريل all match).
MONTHS: dict[str, int] = {
    # Egypt, Gulf, Sudan, Libya (from the European names)
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "إبريل": 4, "مايو": 5,
    "يونيو": 6, "يونيه": 6, "يوليو": 7, "يوليه": 7, "أغسطس": 8, "سبتمبر": 9,
    "أكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    # Levant and Iraq (Syriac names)
    "كانون الثاني": 1, "شباط": 2, "آذار": 3, "نيسان": 4, "أيار": 5, "حزيران": 6,
    "تموز": 7, "آب": 8, "أيلول": 9, "تشرين الأول": 10, "تشرين الثاني": 11,
    "كانون الأول": 12,
    # Algeria and Tunisia (from French), Morocco
    "جانفي": 1, "فيفري": 2, "أفريل": 4, "ماي": 5, "جوان": 6, "جويلية": 7, "أوت": 8,
    "يوليوز": 7, "غشت": 8, "شتنبر": 9, "نونبر": 11, "دجنبر": 12,
}

# Letters folded when looking a month name up (ابريل = أبريل = إبريل, ...).
_FOLD = str.maketrans("أإآٱىة", "ااااي" + "ه")
_LETTER_CLASS = {"ا": "[اأإآٱ]", "ي": "[يى]", "ه": "[هة]"}


def _fold(text: str) -> str:
    return " ".join(text.translate(_FOLD).split())


_MONTH_KEYS: dict[str, int] = {_fold(name): num for name, num in MONTHS.items()}
# The text itself is never translated (str.translate is slow on Arabic text): the
# pattern accepts every spelling, and ``\d`` with ``int`` reads all three digit sets.
_MONTH_ALT = "|".join(
    r"\s+".join("".join(_LETTER_CLASS.get(c, re.escape(c)) for c in word)
                for word in key.split())
    for key in sorted(_MONTH_KEYS, key=len, reverse=True))
_MONTH = rf"(?<![^\W\d_])(?:{_MONTH_ALT})(?![^\W\d_])"  # not inside a word
# "29 أغسطس 2020", "٢٩ آب/أغسطس ٢٠٢٠", "29 من أغسطس، 2020"
_DAY_MONTH_YEAR = re.compile(
    rf"(?<!\d)(?P<d>\d{{1,2}})\s*(?:من\s+)?(?P<m>{_MONTH})"
    rf"(?:\s*[/\\-]\s*(?:{_MONTH}))?\s*[،,]?\s*(?P<y>\d{{4}})(?!\d)")
# "أغسطس 29، 2020": found from the digits, then the month name is looked for just
# before them (scanning for 40 month names at every position is slow).
_DAY_COMMA_YEAR = re.compile(r"(?<!\d)(?P<d>\d{1,2})\s*[،,]\s*(?P<y>\d{4})(?!\d)")
_MONTH_BEFORE = re.compile(rf"(?P<m>{_MONTH})\s+$")
# "2020-08-29", "2020/8/29"
_ISO = re.compile(r"(?<!\d)(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)")
# "29/08/2020", "29-8-2020": day first, as Arabic sources write it
_DMY = re.compile(r"(?<!\d)(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4})(?!\d)")
_YEAR = re.compile(r"\d{4}")
_HIJRI_AFTER = re.compile(r"\s*(?:هـ|ه\b|هجري)")


def _month_number(token: str) -> int:
    return _MONTH_KEYS[_fold(token)]


def parse_date(text: str) -> str | None:
    """Find the first Gregorian date in ``text`` and return it as ISO ``YYYY-MM-DD``.

    Recognised: day + Arabic month name + year (either month series, also written as a
    pair such as ``آب/أغسطس``, with an optional من and comma), month + day + year,
    ``YYYY-MM-DD`` and day-first ``DD/MM/YYYY``; digits may be ASCII, Arabic-Indic or
    Extended Arabic-Indic. Impossible dates (``31 شباط``) and years marked Hijri
    (``هـ``) are not returned.

    Parameters
    ----------
    text : str
        A byline, a date line, or any text containing a date.

    Returns
    -------
    str or None
        The ISO date, or None if no valid date was found.

    Raises
    ------
    TypeError
        If ``text`` is not a str.

    Examples
    --------
    >>> parse_date("29 أغسطس 2020")
    '2020-08-29'
    >>> parse_date("٢٩ آب ٢٠٢٠")
    '2020-08-29'
    >>> parse_date("السبت ١٥ تموز ٢٠١٥ - 10:30")
    '2015-07-15'
    >>> parse_date("3 تشرين الثاني 2019"), parse_date("7 كانون الأول، 2021")
    ('2019-11-03', '2021-12-07')
    >>> parse_date("31 فبراير 2020") is None, parse_date("لا تاريخ هنا") is None
    (True, True)
    """
    check_str(text, "text")
    folded = text
    if _YEAR.search(folded) is None:  # cheap pre-test: every form needs a 4-digit year
        return None
    found: list[tuple[int, str]] = []
    for pattern in (_DAY_MONTH_YEAR, _DAY_COMMA_YEAR, _ISO, _DMY):
        for m in pattern.finditer(folded):
            if _HIJRI_AFTER.match(folded, m.end()):
                continue
            start = m.start()
            if pattern is _DAY_MONTH_YEAR:
                month = _month_number(m["m"])
            elif pattern is _DAY_COMMA_YEAR:
                before = _MONTH_BEFORE.search(folded, max(0, start - 30), start)
                if before is None:
                    continue
                month, start = _month_number(before["m"]), before.start()
            else:
                month = int(m["m"])
            try:
                date = _dt.date(int(m["y"]), month, int(m["d"]))
            except ValueError:
                continue
            found.append((start, date.isoformat()))
            break
    return min(found)[1] if found else None


# ---------------------------------------------------------------------------
# Boilerplate rules
# ---------------------------------------------------------------------------

Matcher = Union[str, "re.Pattern[str]", Callable[[str], bool]]


_REMOVE_MODES = ("line", "match")


@dataclass(frozen=True)
class Rule:
    """A named test for a boilerplate line, or a pattern cut out of lines.

    Parameters
    ----------
    name : str
        Recorded in ``meta["removed"]`` for every line (or piece) the rule removes.
    match : str, compiled pattern, or callable
        A regular expression (a str is compiled) that is *searched* in the stripped
        line (anchor it with ``^`` / ``$`` as needed), or a function ``str -> bool``
        given the stripped line. ``remove="match"`` needs a regular expression.
    max_length : int or None, default None
        If set, lines longer than this many characters never match (guards rules whose
        words could open a real paragraph).
    description : str, default ""
        What the rule is for (shown in docs).
    remove : {"line", "match"}, default "line"
        ``"line"``: a line the rule matches is removed whole. ``"match"``: every
        non-overlapping match of the pattern is cut out of the line (see :meth:`cut`)
        and the rest of the line stays body text; for page residue that shares a line
        with the article, such as a trailing tag list.

    Raises
    ------
    TypeError
        For an empty name, a ``match`` that is neither a regex nor a callable, or a
        callable with ``remove="match"``.
    ValueError
        For an unknown ``remove`` value.

    Examples
    --------
    >>> r = Rule("ad", r"^(?:إعلان|اعلان)$")
    >>> r("إعلان"), r("إعلان الحكومة عن الميزانية")
    (True, False)
    >>> Rule("short", lambda line: len(line) < 3)("ok")
    True

    A ``"match"`` rule cuts only what its pattern matches:

    >>> tags = Rule("tags_tail", r"(?<=\\.) وسوم:.*$", remove="match")
    >>> tags.cut("انتهى الاجتماع. وسوم: سياسة اقتصاد")
    ('انتهى الاجتماع.', ['وسوم: سياسة اقتصاد'])
    >>> tags.cut("نص بلا وسوم")
    ('نص بلا وسوم', [])
    """

    name: str
    match: Matcher
    max_length: int | None = None
    description: str = ""
    remove: str = "line"

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name:
            raise TypeError(f"Rule name must be a non-empty str, not {self.name!r}")
        if self.remove not in _REMOVE_MODES:
            raise ValueError(f"Rule {self.name!r}: unknown remove={self.remove!r}; "
                             "valid values: 'line' (drop the whole line), "
                             "'match' (cut the matched text)")
        if isinstance(self.match, str):
            object.__setattr__(self, "match", re.compile(self.match))
        elif not (isinstance(self.match, re.Pattern) or callable(self.match)):
            raise TypeError("Rule match must be a regex str, a compiled pattern or a "
                            f"callable, not {type(self.match).__name__}")
        if self.remove == "match" and not isinstance(self.match, re.Pattern):
            raise TypeError(f"Rule {self.name!r}: remove='match' needs a regular "
                            "expression (a str or compiled pattern) to know what to cut, "
                            f"not a {type(self.match).__name__}; use remove='line' for "
                            "a predicate")
        anchored = (isinstance(self.match, re.Pattern) and self.match.pattern.startswith("^")
                    and not self.match.flags & re.MULTILINE)
        object.__setattr__(self, "_anchored", anchored)

    def __call__(self, line: str) -> bool:
        """Whether the (stripped) ``line`` is boilerplate under this rule.

        For a ``remove="match"`` rule: whether the pattern is found in the line, i.e.
        whether :meth:`cut` would cut something.
        """
        if self.max_length is not None and len(line) > self.max_length:
            return False
        if isinstance(self.match, re.Pattern):
            if self._anchored:  # same answer as search, without scanning the line
                return self.match.match(line) is not None
            return self.match.search(line) is not None
        return bool(self.match(line))

    def cut(self, line: str) -> tuple[str, list[str]]:
        """Cut every non-overlapping match of a ``remove="match"`` rule out of ``line``.

        Whitespace around each cut is tidied: nothing is left at the ends of the
        line, and where text remains on both sides of a cut that had whitespace next
        to it, one space joins them (pieces glued to the cut are joined directly).
        Empty matches are ignored; ``max_length`` applies as for ``__call__``.

        Parameters
        ----------
        line : str
            A stripped line.

        Returns
        -------
        (str, list of str)
            The rest of the line (``""`` when nothing but whitespace is left) and the
            cut pieces, stripped, in line order.

        Raises
        ------
        TypeError
            If the rule is a ``remove="line"`` rule.
        """
        if self.remove != "match":
            raise TypeError(f"Rule {self.name!r} has remove={self.remove!r}; cut() is for "
                            "remove='match' rules")
        if self.max_length is not None and len(line) > self.max_length:
            return line, []
        return _cut_spans(line, self._spans(line))

    def _spans(self, line: str) -> list[tuple[int, int]]:
        if self._anchored:
            m = self.match.match(line)
            return [m.span()] if m is not None and m.end() > m.start() else []
        return [m.span() for m in self.match.finditer(line) if m.end() > m.start()]


def _cut_spans(line: str, spans: list[tuple[int, int]]) -> tuple[str, list[str]]:
    """Remove ``spans`` (sorted, non-overlapping) from ``line``, tidying whitespace."""
    if not spans:
        return line, []
    out = line[:spans[0][0]]
    for k, (a, b) in enumerate(spans):
        right = line[b:spans[k + 1][0] if k + 1 < len(spans) else len(line)]
        spaced = (out[-1:].isspace() or line[a].isspace() or line[b - 1].isspace()
                  or right[:1].isspace())
        left, right = out.rstrip(), right.lstrip()
        if left and right:
            out = f"{left} {right}" if spaced else left + right
        else:  # keep a pending space so the next cut still knows about it
            out = (left + " " if left and spaced else left) + right
    return out.strip(), [c for c in (line[a:b].strip() for a, b in spans) if c]


_AYDAN = r"(?:أيضاً|أيضًا|أيضا|ايضاً|ايضًا|ايضا)"
_PLATFORMS = (r"(?:فيسبوك|فيس بوك|الفيسبوك|تويتر|إكس|اكس|انستغرام|إنستغرام|انستجرام|"
              r"إنستجرام|يوتيوب|اليوتيوب|تيليغرام|تلغرام|تليغرام|تيليجرام|تلجرام|واتساب|"
              r"واتس اب|الواتساب|لينكد إن|تيك توك|سناب شات|جوجل نيوز|غوغل نيوز|"
              r"facebook|twitter|instagram|youtube|telegram|whatsapp|tiktok|google news)")

_COOKIE = ("تعريف الارتباط", "ملفات الارتباط", "كوكيز")
_CONSENT = ("نستخدم", "يستخدم", "موافق", "أوافق", "اوافق", "قبول", "أقبل", "سياسة",
            "الخصوصية", "تجربة", "accept", "agree")


def _is_cookie_banner(line: str) -> bool:
    """A cookie term (ملفات تعريف الارتباط, كوكيز, cookie) and a consent word."""
    if not any(k in line for k in _COOKIE):
        if "ookie" not in line and "OOKIE" not in line:
            return False
    low = line.lower()
    return any(k in low for k in _CONSENT)


#: The boilerplate rules applied by default, in order (the first that matches names
#: the removal). A tuple: extend it with ``DEFAULT_RULES + (my_rule,)``.
DEFAULT_RULES: tuple[Rule, ...] = (
    Rule("read_also", rf"^(?:ا|أ|إ)قر(?:أ|ا|ؤوا|أوا|ءوا)\s+(?:{_AYDAN}|المزيد)(?:\s*[:：\-–]|$)",
         description="cross-links: اقرأ أيضاً: ..., اقرأ أيضا: ..., اقرأ المزيد"),
    Rule("may_interest", r"^قد\s+(?:يهمك|يهمكم|يعجبك|يعجبكم|يهمّك)(?:\s+(?:أيضاً|أيضا|ايضا))?"
                         r"(?:\s*[:：\-–]|$)",
         description="cross-links: قد يهمك: ..."),
    Rule("see_also", rf"^(?:شاهد|شاهدوا|طالع|طالعوا|تابع|اقرأ كذلك)\s+(?:{_AYDAN}|كذلك)"
                     r"(?:\s*[:：\-–]|$)",
         description="cross-links: شاهد أيضاً, طالع أيضا"),
    Rule("related", r"^(?:(?:مواضيع|موضوعات|أخبار|اخبار|مقالات|روابط|قصص)\s+)?(?:ذات صلة|متعلقة)"
                    r"(?:\s*[:：\-–]|$)",
         description="headings of related-article lists"),
    Rule("follow_us", rf"^(?:تابعونا|تابعنا|تابعوا|تابعي|تابع|تابعوني)\s+(?:\S+\s+){{0,6}}?"
                      rf"(?:على|عبر|في)\s+(?:{_PLATFORMS}|قناتنا|حسابنا|حساباتنا|صفحتنا|"
                      r"تطبيق|مواقع التواصل|شبكات التواصل|منصات)",
         max_length=160, description="follow prompts: تابعونا على تويتر ..."),
    Rule("share", rf"^(?:شارك|شاركوا|شاركي|انشر|انشروا|مشاركة)(?:\s+(?:الخبر|المقال|"
                  rf"المقالة|الموضوع|هذا|هذه|الصفحة|عبر|على))*\s*(?:[:：\-–]|$|{_PLATFORMS})",
         max_length=160, description="share prompts: شارك الخبر, شارك على فيسبوك"),
    Rule("social_links", rf"^(?:{_PLATFORMS}[\s|,،/•·\-–]*)+$",
         description="a line of social network names only"),
    Rule("subscribe", r"^(?:اشترك|اشتركوا|اشتركي|سجل|للاشتراك)\s+(?:الآن\s+)?(?:في|ب|على)\s*"
                      r"(?:ال)?(?:نشرة|نشرتنا|قناة|قناتنا|خدمة|القائمة)",
         max_length=160, description="newsletter and channel sign-ups"),
    Rule("tags", r"^(?:الكلمات المفتاحية|كلمات مفتاحية|الوسوم|وسوم|العلامات|كلمات دالة)\s*[:：]",
         description="tag lists"),
    Rule("advertisement", r"^[\s\-–—]*(?:إعلان|اعلان|مساحة إعلانية|advertisement)[\s\-–—]*$",
         description="advertisement placeholders"),
    Rule("cookie_consent", _is_cookie_banner,
         max_length=400, description="cookie banners: نحن نستخدم ملفات تعريف الارتباط ... موافق"),
    Rule("site_consent", r"^(?:باستخدامك|باستخدامكم|بمواصلة|بمواصلتك|باستمرارك)\s+(?:في\s+)?"
                         r"(?:ل|استخدام\s+)?(?:هذا\s+)?(?:الموقع|موقعنا|التصفح)",
         max_length=400, description="'by using this site you agree ...' banners"),
)

# SaudiNewsNet page residue (see SAUDINEWSNET_RULES). The "match" patterns open with
# a literal (or are anchored with ^) so that the regex engine skips to candidate
# positions quickly: they are searched in every line of every article.
_DASH = r"(?:\s*[-–—]\s*|\s+[_ـ]+\s+)"
_WORD = r"(?![_ـ]+\s)[^\s\-–—:()]+"
_PERSON = rf"{_WORD}(?:\s+{_WORD}){{0,3}}"
_AYN = r"عين اليومم?"  # the site's name (once misspelt in the data)
_PHOTO = r"(?:\s*\(\s*(?:رصد\s+و)?تصوير\s*:?[^()]{0,40}\))?"
# What may stand before a tag list: sentence-final punctuation, a closing quote or
# bracket, and the bidi controls the site put after the last sentence.
_SENTENCE_END = "[.!؟?…“”\"»)\u200f\u202b\u202c]"
# The tail after سمات: at most 30 tags, no comma, semicolon or colon, and not ending
# like a sentence.
_TAG_TAIL = r"(?:\s+[^\s،,؛:]+){1,30}(?<![.!؟?:،])$"
# The Okaz columnist SMS footer ("للتواصل أرسل sms إلى 88548 الاتصالات، 636250
# موبايلي، 738303 زين تبدأ بالرمز 153 مسافة ثم الرسالة"), broken over 1-4 lines.
_OKAZ_SMS_WORD = (r"(?:(?:للتواصل|أرسل|رسالة|نصية|sms|SMS|إلى|الاتصالات|موبايلي|زين|تبدأ|"
                  r"بالرمز|مسافة|ثم|الرسالة|أو)(?![^\W\d_])|(?:88548|636250|738303|"
                  r"\d{1,4})(?!\d))")
_OKAZ_SMS_LINE = re.compile(rf"(?:[\s,،]*{_OKAZ_SMS_WORD})+[\s,،]*")
_OKAZ_SMS_MARKS = ("sms", "SMS", "88548", "636250", "738303", "بالرمز", "مسافة ثم",
                   "ثم الرسالة")


def _is_okaz_sms(line: str) -> bool:
    """A line made only of the Okaz SMS footer's words, with one of its marks."""
    return (any(k in line for k in _OKAZ_SMS_MARKS)
            and _OKAZ_SMS_LINE.fullmatch(line) is not None)


# The Al-Madina columnist SMS footer ("للتواصل مع الكاتب ارسل رسالة SMS تبدأ بالرمز
# (100) ثم مسافة ثم نص الرسالة إلى 88591 - Stc 635031 - Mobily 737221 - Zain").
_MADINA_SMS_PART = (r"تبدأ بالرمز\s*\(\d{1,4}\)\s*ثم مسافة ثم نص الرسالة إلى|88591\s*-\s*Stc|"
                    r"635031\s*-\s*Mobily|737221\s*-\s*Zain")
_MADINA_SMS_TAIL = (r"تبدأ بالرمز\s*\(\d{1,4}\)\s*ثم مسافة ثم نص الرسالة إلى\s*88591\s*-\s*Stc"
                    r"\s*635031\s*-\s*Mobily\s*737221\s*-\s*Zain")

#: :data:`DEFAULT_RULES` plus rules for the page residue that SaudiNewsNet's scraper
#: left in ``content``, much of it inside article lines (``remove="match"`` rules cut
#: it out and keep the rest). Use with ``header=False``::
#:
#:     clean_documents(read_saudinewsnet(folder), SAUDINEWSNET_RULES, header=False)
#:
#: Datelines such as ``الرياض 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م واس`` are kept:
#: they carry the place and date of the report.
SAUDINEWSNET_RULES: tuple[Rule, ...] = DEFAULT_RULES + (
    Rule("weeam_link", r"رابط الخبر بصحيفة الوئام\s*:.*$", remove="match",
         description="alweeam: ' رابط الخبر بصحيفة الوئام: <title>' closing the last "
                     "paragraph, or alone on the last line"),
    Rule("okaz_share", r"^شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك", remove="match",
         description="okaz: the share bar 'شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك' "
                     "opening the first paragraph"),
    Rule("okaz_sms", _is_okaz_sms,
         description="okaz: the columnists' SMS footer 'للتواصل أرسل sms إلى 88548 "
                     "الاتصالات ... زين تبدأ بالرمز N مسافة ثم الرسالة', lines made only of "
                     "its words (it is often broken over two to four lines)"),
    Rule("madina_sms", r"للتواصل مع الكاتب ارسل رسالة SMS(?:\s*" + _MADINA_SMS_TAIL + r")?$",
         remove="match",
         description="almadina: the columnists' SMS footer 'للتواصل مع الكاتب ارسل رسالة "
                     "SMS تبدأ بالرمز (N) ثم مسافة ثم نص الرسالة إلى 88591 - Stc 635031 - "
                     "Mobily 737221 - Zain' ending the last line (often glued to an e-mail)"),
    Rule("madina_sms_lines", r"^(?:" + _MADINA_SMS_PART + r")$",
         description="almadina: the same footer broken over lines, its four other pieces "
                     "('تبدأ بالرمز (N) ...', '88591 - Stc', '635031 - Mobily', "
                     "'737221 - Zain')"),
    Rule("ayn_alyoum_credit",
         rf"^(?=.{{0,150}}?عين اليوم)(?:Next Previous\s+)?(?:{_AYN}(?:{_DASH}|\s*:\s*)(?:{_WORD}(?:\s+{_WORD}){{0,2}}"
         rf"{_PHOTO}$|(?:مكة المكرمة|المدينة المنورة|{_WORD}){_PHOTO}(?=\s))"
         rf"|(?:(?:رصد\s+و)?تصوير\s*:\s*)?(?:{_PERSON}{_DASH})?{_PERSON}(?:{_DASH}|\s*:\s*)"
         rf"{_AYN}{_PHOTO}:?(?=\s|$))", remove="match",
         description="3alyoum: the credit opening an article, 'عين اليوم – <place>' or "
                     "'<author> – عين اليوم', alone or before the first sentence"),
    Rule("ayn_alyoum_nav", r"Next Previous(?![^\W\d_])", remove="match",
         description="3alyoum: the slideshow buttons 'Next Previous'"),
    Rule("ayn_alyoum_tags",
         rf"سمات(?:(?<=^سمات)|(?<={_SENTENCE_END}\sسمات)|(?<={_SENTENCE_END}سمات)|"
         rf"(?<={_SENTENCE_END}\s\sسمات)){_TAG_TAIL}", remove="match",
         description="3alyoum: the tag list 'سمات <tag> <tag> ...' after the last "
                     "sentence (after sentence-final punctuation, or alone on a line)"),
    Rule("spa_end", r"//\s*(?:انتهى|يتبع)\s*//(?:\s*\d{1,2}:\d{2}\s*ت\s*م)?$", remove="match",
         description="was (SPA): the wire markers '// انتهى //' (end) and '// يتبع //' "
                     "(continued)"),
    Rule("aawsat_more", r"^(?:\.{2,}\s*المزيد|المزيد\s*\.{2,})$",
         description="aawsat: the '...المزيد' (read more) link ending a teaser"),
)

# ---------------------------------------------------------------------------
# Byline
# ---------------------------------------------------------------------------

_SEPARATORS = re.compile(r"\s*(?:[|｜•·]|\s[-–—ـ]\s)\s*")
_AUTHOR_MARK = re.compile(r"^(?:بقلم\s*[:：\-–ـ]?|بواسطة\s*[:：\-–ـ]?|(?:كتب|كتبت|كتبه|إعداد|اعداد|"
                          r"تحرير|الكاتب|المحرر|تقرير|حوار)\s*[:：\-–ـ])\s*")
_TIME = re.compile(r"^\d{1,2}[:：]\d{2}(?:[:：]\d{2})?\s*(?:ص|م|صباحا|صباحاً|مساء|مساءً|"
                   r"[AaPp]\.?[Mm]\.?)?$")
_AUTHOR_WORDS = frozenset({"بقلم", "بواسطة", "كتب", "كتبت", "كتبه", "إعداد", "اعداد", "تحرير",
                           "الكاتب", "المحرر", "تقرير", "حوار"})
#: Common section names of Arabic news sites (singular adjective and noun forms).
SECTIONS: frozenset[str] = frozenset("""
سياسي سياسة سياسية السياسة أخبار اخبار الأخبار محليات محلي محلية عربي عربية عربي-دولي
دولي دولية العالم عالمي اقتصاد اقتصادي اقتصادية الاقتصاد رياضة رياضي رياضية الرياضة
ثقافة ثقافي ثقافية الثقافة فن فنون الفن منوعات مجتمع اجتماعي المجتمع صحة الصحة علوم
تكنولوجيا تقنية التكنولوجيا رأي الرأي مقالات مقال تقارير تقرير تحقيقات حوارات حوار
إقتصاد ملفات ميديا فيديو صور مال أعمال سوريا مصر لبنان العراق الخليج فلسطين
""".split())


def _is_section(part: str) -> bool:
    return part in SECTIONS or (len(part.split()) == 1 and part.replace("ال", "", 1) in SECTIONS)


def parse_byline(line: str) -> dict[str, str | None] | None:
    """Read a byline such as ``سياسي | 29 أغسطس 2020 | مالك الحافظ``.

    The line is split at ``|``, ``•``, ``·`` or a spaced dash. The part holding a date
    gives ``date``; a part opened by بقلم, كتب, إعداد, تحرير, ... gives ``author``
    (marker removed); a known section name (:data:`SECTIONS`) gives ``section``. Other
    parts are assigned by position: before the date the section, after it the author
    (without a date: first the section, last the author), or to the other slot if
    that one is taken. Parts left over, and parts that are a time (``10:30 ص``) or have
    no letters, are kept in ``extra``.

    Parameters
    ----------
    line : str
        One line.

    Returns
    -------
    dict or None
        ``{"section", "date", "author", "extra"}`` (values may be None; ``extra`` is a
        list), or None when the line does not look like a byline: it must be short
        (at most 200 characters) and either hold a date (alone or with at most a few
        words around it), or have two or more parts one of which is an author marker,
        a date or a known section.

    Examples
    --------
    >>> parse_byline("سياسي | 29 أغسطس 2020 | مالك الحافظ")
    {'section': 'سياسي', 'date': '2020-08-29', 'author': 'مالك الحافظ', 'extra': []}
    >>> parse_byline("بقلم: سعد الشارع - ١٥ تموز ٢٠١٥")["author"]
    'سعد الشارع'
    >>> parse_byline("في الوقت الذي أصدرت فيه وزارة الخزانة بيانا") is None
    True
    """
    check_str(line, "line")
    line = line.strip()
    if not line or len(line) > 200:
        return None
    parts = [p.strip() for p in _SEPARATORS.split(line) if p.strip()]
    for i in range(len(parts) - 2, -1, -1):  # "كتب - فلان": the marker lost its colon
        if parts[i] in _AUTHOR_WORDS:
            parts[i:i + 2] = [f"{parts[i]}: {parts[i + 1]}"]
    dates = [parse_date(p) for p in parts]
    date_at = next((i for i, d in enumerate(dates) if d), None)
    authors = [i for i, p in enumerate(parts) if _AUTHOR_MARK.match(p)]
    sections = [i for i, p in enumerate(parts) if _is_section(p)]
    if len(parts) == 1:
        words = len(line.split())
        if not ((date_at is not None and words <= 8) or (authors and words <= 6)):
            return None
    elif date_at is None and not authors and not sections:
        return None
    out: dict[str, Any] = {"section": None, "date": None, "author": None, "extra": []}
    used: set[int] = set()
    if date_at is not None:
        out["date"] = dates[date_at]
        used.add(date_at)
    if authors:
        out["author"] = _AUTHOR_MARK.sub("", parts[authors[0]]).strip() or None
        used.add(authors[0])
    for i in sections:
        if i not in used and out["section"] is None:
            out["section"] = parts[i]
            used.add(i)
    # Other parts by position: first to the slot their side of the date gives them,
    # then to whichever slot is still free; the rest is kept in "extra".
    pending: list[tuple[int, str, str]] = []
    for i in range(len(parts)):
        if i in used:
            continue
        if _TIME.match(parts[i]) or not any(c.isalpha() for c in parts[i]):
            out["extra"].append(parts[i])  # a time, a number, a stray symbol
            continue
        if date_at is not None:
            slot = "section" if i < date_at else "author"
        else:  # no date: the first part is the section, later parts the author
            slot = "section" if i == 0 and len(parts) > 1 else "author"
        if out[slot] is None:
            out[slot] = parts[i]
        else:
            pending.append((i, slot, parts[i]))
    for _, slot, part in pending:
        other = "author" if slot == "section" else "section"
        if out[other] is None:
            out[other] = part
        else:
            out["extra"].append(part)
    return out


# ---------------------------------------------------------------------------
# Articles
# ---------------------------------------------------------------------------

#: What :func:`parse_article` strips from both ends of a line: every whitespace
#: character (what :meth:`str.strip` removes) and the invisible format characters of
#: :data:`arabcorpus.text.chars.INVISIBLES` (BOM, zero-width space, ZWNJ, ZWJ, word joiner,
#: soft hyphen, and the bidi marks, embeddings, overrides and isolates). A scraped page
#: often begins with a BOM or a right-to-left mark, and a line that begins with one is
#: not seen as the title again, nor matched by a rule anchored with ``^``.
_EDGE_CHARS = "".join(sorted({chr(c) for c in range(0x3001) if chr(c).isspace()}
                             | _chars.INVISIBLES))
_INVISIBLE_DELETE = str.maketrans("", "", "".join(sorted(_chars.INVISIBLES)))


def _strip_line(line: str) -> str:
    """``line`` without whitespace and invisible format characters at its ends."""
    return line.strip(_EDGE_CHARS)


def _document_class() -> type:
    from arabcorpus.io.stream import Document
    return Document


_INVISIBLE = re.compile("[" + "".join(map(re.escape, sorted(_chars.INVISIBLES))) + "]")


def _same(a: str, b: str) -> bool:
    """True if two lines differ only in whitespace and invisible format characters."""
    # str.translate is slow on Arabic text: delete only where there is something to
    if _INVISIBLE.search(a) or _INVISIBLE.search(b):
        a, b = a.translate(_INVISIBLE_DELETE), b.translate(_INVISIBLE_DELETE)
    return " ".join(a.split()) == " ".join(b.split())


def _check_rules(rules: Iterable[Rule] | None) -> tuple[Rule, ...]:
    if rules is None or rules is DEFAULT_RULES:  # checked once (a tuple: immutable)
        return DEFAULT_RULES
    if isinstance(rules, (str, Rule)):
        raise TypeError("rules must be an iterable of Rule (e.g. DEFAULT_RULES + (rule,)), "
                        f"not a single {type(rules).__name__}")
    rules = tuple(rules)
    for i, r in enumerate(rules):
        if not isinstance(r, Rule):
            raise TypeError(f"rules[{i}] must be a Rule, not {type(r).__name__}")
    return rules


def _match_spans(line: str, rules: tuple[Rule, ...]) -> list[tuple[int, int, str]]:
    """The spans the ``remove="match"`` rules cut from ``line``, in line order.

    Every rule is searched in the line as it is; a match overlapping a span already
    taken by an earlier rule is skipped.
    """
    found: list[tuple[int, int, str]] = []
    for rule in rules:
        if rule.max_length is not None and len(line) > rule.max_length:
            continue
        for a, b in rule._spans(line):
            if all(b <= x or a >= y for x, y, _ in found):
                found.append((a, b, rule.name))
    found.sort()
    return found


def parse_article(text: str, rules: Iterable[Rule] | None = None, *,
                  header: bool = True, doc_id: str | None = None) -> Document:
    """Clean one scraped news page into a :class:`~arabcorpus.io.readers.Document`.

    Steps, each line being stripped of surrounding whitespace (no-break spaces too)
    and of invisible format characters at its ends (a BOM, a right-to-left mark, any
    character of :data:`arabcorpus.text.chars.INVISIBLES`; inside a line they are kept):

    1. With ``header=True``, the first non-empty line is the title; the next non-empty
       line is dropped if it repeats the title, whitespace and invisible format
       characters aside (recorded with rule ``"repeated_title"``); one of the next two non-empty lines is read as a byline
       if :func:`parse_byline` accepts it.
    2. Every remaining non-empty line is tested against the ``remove="line"`` rules
       in order; the first rule that matches removes the whole line and is recorded
       in ``meta["removed"]``.
    3. A line no such rule removed is searched with every ``remove="match"`` rule
       (all of them, in the line as it is; a match overlapping one an earlier rule
       took is skipped). The matches are cut out together, whitespace at each cut
       tidied (see :meth:`Rule.cut`), and each is recorded as ``{"line": <the cut
       text, stripped>, "rule": ...}``; if nothing but whitespace is left, the line
       is dropped. The rest of the line is body. Line rules are not tried again on it.
    4. The lines left are the body paragraphs, verbatim, joined by ``"\\n\\n"``.

    Lines holding only whitespace and invisible format characters are dropped without
    a record (they carry nothing).

    Parameters
    ----------
    text : str
        The page's text.
    rules : iterable of Rule, optional
        Boilerplate rules; default :data:`DEFAULT_RULES`. Pass ``()`` to remove
        nothing, ``DEFAULT_RULES + (my_rule,)`` to add one.
    header : bool, default True
        Read the title and byline. Use False for text that starts with the body
        (SaudiNewsNet's ``content``, for example): only the rules are applied.
    doc_id : str, optional
        The document id; default ``"article-"`` plus the first 16 hex digits of the
        text's SHA-256.

    Returns
    -------
    Document
        ``meta`` has ``title``, ``section``, ``date`` (ISO str), ``author``, ``byline``
        (the raw byline line), all None when absent, and ``removed``: a list of
        ``{"line": str, "rule": str}`` in page order.

    Raises
    ------
    TypeError
        If ``text`` is not a str or a rule is not a :class:`Rule`.
    ValueError
        ``"empty article"`` if ``text`` is empty or holds only whitespace and
        invisible format characters.

    Examples
    --------
    >>> page = ("عنوان الخبر\\n\\nعنوان الخبر\\nاقتصاد | ٣ آذار ٢٠٢١ | كتب: أحمد علي\\n"
    ...         "الفقرة الأولى.\\n\\nاقرأ أيضاً: خبر آخر\\nالفقرة الثانية.")
    >>> doc = parse_article(page)
    >>> doc.text
    'الفقرة الأولى.\\n\\nالفقرة الثانية.'
    >>> doc.meta["title"], doc.meta["section"], doc.meta["date"], doc.meta["author"]
    ('عنوان الخبر', 'اقتصاد', '2021-03-03', 'أحمد علي')
    >>> [r["rule"] for r in doc.meta["removed"]]
    ['repeated_title', 'read_also']
    """
    check_str(text, "text")
    rules = _check_rules(rules)
    lines = [s for s in map(_strip_line, text.splitlines()) if s]
    if not lines:
        raise ValueError("empty article")
    meta: dict[str, Any] = {"title": None, "section": None, "date": None,
                            "author": None, "byline": None}
    removed: list[dict[str, str]] = []
    start = 0
    if header:
        meta["title"] = lines[0]
        start = 1
        if start < len(lines) and _same(lines[start], lines[0]):
            removed.append({"line": lines[start], "rule": "repeated_title"})
            start += 1
        for k in range(start, min(start + 2, len(lines))):
            byline = parse_byline(lines[k])
            if byline is not None:
                meta["byline"] = lines[k]
                meta["section"] = byline["section"]
                meta["date"] = byline["date"]
                meta["author"] = byline["author"]
                # lines between the title and the byline (a subtitle, a kicker) stay body
                body_head = lines[start:k]
                lines = lines[:start] + body_head + lines[k + 1:]
                break
    line_rules = tuple(r for r in rules if r.remove == "line")
    match_rules = tuple(r for r in rules if r.remove == "match")
    body: list[str] = []
    for line in lines[start:]:
        rule = next((r for r in line_rules if r(line)), None)
        if rule is not None:
            removed.append({"line": line, "rule": rule.name})
            continue
        if match_rules:
            found = _match_spans(line, match_rules)
            if found:
                removed.extend({"line": line[a:b].strip(), "rule": name}
                               for a, b, name in found if not line[a:b].isspace())
                line = _strip_line(_cut_spans(line, [(a, b) for a, b, _ in found])[0])
                if not line:
                    continue
        body.append(line)
    meta["removed"] = removed
    if doc_id is None:
        doc_id = "article-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    else:
        check_str(doc_id, "doc_id")
    return _document_class()(id=doc_id, text="\n\n".join(body), meta=meta)


class CleanedDocuments:
    """A restartable iterable of cleaned documents (see :func:`clean_documents`)."""

    def __init__(self, docs: Any, rules: tuple[Rule, ...], header: bool, errors: str):
        self._docs = docs
        self._rules = rules
        self._header = header
        self._errors = errors

    def __repr__(self) -> str:
        return f"CleanedDocuments(header={self._header}, errors={self._errors!r})"

    def __iter__(self) -> Iterator[Document]:
        Document = _document_class()
        for i, doc in enumerate(self._docs):
            if isinstance(doc, str):
                doc = Document(id=f"doc-{i}", text=doc, meta={})
            elif not isinstance(doc, Document):
                raise TypeError(f"document {i} must be a Document or str, "
                                f"not {type(doc).__name__}")
            try:
                parsed = parse_article(doc.text, self._rules, header=self._header,
                                       doc_id=doc.id)
            except ValueError as exc:
                if self._errors == "raise":
                    raise ValueError(f"document {doc.id!r}: {exc}") from None
                yield Document(id=doc.id, text=doc.text,
                               meta={**doc.meta, "clean_error": str(exc)})
                continue
            meta = dict(parsed.meta)
            for key, value in doc.meta.items():
                if key == "removed":
                    meta["removed"] = list(value) + meta["removed"]
                elif value is not None and value != "" or key not in meta:
                    meta[key] = value
            yield Document(id=doc.id, text=parsed.text, meta=meta)


def clean_documents(docs: Iterable[Document | str], rules: Iterable[Rule] | None = None,
                    *, header: bool = True, errors: str = "raise") -> CleanedDocuments:
    """Apply :func:`parse_article` to many documents.

    Parameters
    ----------
    docs : iterable of Document or str
        For example the stream returned by :func:`arabcorpus.io.readers.read`. A str gets
        the id ``"doc-<position>"``.
    rules : iterable of Rule, optional
        As in :func:`parse_article`.
    header : bool, default True
        As in :func:`parse_article`; use False for sources whose text has no title or
        byline lines (SaudiNewsNet).
    errors : {"raise", "keep"}, default "raise"
        What to do with an empty document: raise ``ValueError`` naming its id, or pass
        it through unchanged with ``meta["clean_error"]`` set.

    Returns
    -------
    CleanedDocuments
        A restartable iterable (restartable as long as ``docs`` is). Each Document
        keeps its id; its meta is the parsed meta updated with the source's non-empty
        meta values (so a title from the source wins), and ``removed`` lists what
        was dropped.

    Raises
    ------
    TypeError
        While iterating, for an item that is neither a Document nor a str.
    ValueError
        If ``errors`` is unknown; while iterating, for an empty document when
        ``errors="raise"``.

    Examples
    --------
    >>> pages = ["عنوان\\nمحليات | 1 يناير 2021\\nنص.", "عنوان آخر\\nنص آخر.\\nشارك الخبر"]
    >>> [(d.id, d.text, d.meta["date"]) for d in clean_documents(pages)]
    [('doc-0', 'نص.', '2021-01-01'), ('doc-1', 'نص آخر.', None)]
    """
    check_choice(errors, "errors", ("raise", "keep"))
    if isinstance(docs, str):
        raise TypeError("docs must be an iterable of documents, not a single str; "
                        "use parse_article() for one page")
    return CleanedDocuments(docs, _check_rules(rules), header, errors)
