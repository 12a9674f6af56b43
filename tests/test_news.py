"""Tests for arabcorpus.io.news: scraped news pages -> clean Documents."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from arabcorpus.io.news import (DEFAULT_RULES, MONTHS, SAUDINEWSNET_RULES, Rule, clean_documents,
                             parse_article, parse_byline, parse_date)
from arabcorpus.text.chars import INVISIBLES
from arabcorpus.io.readers import Document

SEED_TITLE = "تحذيرات دولية من إعادة ترتيب صفوف داعش!"


def _seed_lines(page_text: str) -> list[str]:
    return [line.strip() for line in page_text.splitlines() if line.strip()]


def _is_header_or_boilerplate(line: str) -> bool:
    """The seed's non-body lines, identified independently of the module's rules."""
    return (line == SEED_TITLE or line.startswith("سياسي |")
            or line.startswith(("اقرأ أيضاً:", "قد يهمك:")) or "ملفات تعريف الارتباط" in line)


# ---------------------------------------------------------------------------
# A scraped page as the seed article has it
# ---------------------------------------------------------------------------

SEED_BYLINE = "سياسي | 29 أغسطس 2020 | مالك الحافظ"
_BODY = [
    "في الوقت الذي أصدرت فيه وزارة الخزانة بيانا جديدا، عقدت المجموعة الدولية اجتماعها السنوي.",
    "وأكد المرصد تواصل الاشتباكات بين الطرفين في ريف المحافظة الشرقي منذ يومين.",
    "ووثق المرصد خسائر بشرية جراء القصف المتواصل على القرى الحدودية.",
    "في حين قالت مصادر محلية إن عددا من المقاتلين انسحبوا من مواقعهم ليلا.",
    "وبالعودة إلى مجموعة مكافحة التمويل، فإن رئاستها تتناوب بين الدول الأعضاء.",
    "وبناء على ذلك، واصل أعضاء المجموعة جهودهم لتجفيف مصادر التمويل.",
    "ويحافظ التنظيم مؤخرا على نشاطه في البادية، وفق تقارير ميدانية متطابقة.",
    "ولعل التساؤل الأبرز يتعلق بقدرة التنظيم على إعادة بناء صفوفه من جديد.",
    "الباحث المتخصص في شؤون الجماعات المسلحة اعتبر خلال حديث صحفي أن الخطر قائم.",
    "وكشف الباحث عن عدد من العوامل التي تساعد في بقاء التنظيم رغم الضربات.",
    "وأشار إلى أن الدعم المالي يأتي في مقدمة تلك العوامل بحسب تقديره.",
    "وأوضح أن التنظيم يستخدم العملات الرقمية في نقل الأموال بين خلاياه.",
    "فيما قال كاتب وباحث آخر إن التنظيم غير أساليبه خلال العامين الماضيين.",
    "ورأى أن التنظيم بدأ يعرض نفسه من جديد على أنصاره في المنطقة.",
    "وأردف بالقول إن التنظيمات المسلحة لا تنتهي بخسارة الأرض وحدها.",
    "ومطلع العام الجاري أفاد تقرير أممي بأن التنظيم ما زال يملك مقاتلين.",
    "كما أوضح التقرير أن مرونة التنظيم تعود إلى مصادر تمويله الكافية.",
    "وكان مسؤول أممي قد أعلن الأسبوع الماضي أن التهديد لم يتراجع.",
    "وأخبر المسؤول مجلس الأمن أن المقاتلين يتحركون في خلايا صغيرة.",
    'وأوضح أن التهديد تنامى منذ بداية العام في ظل تفشي وباء "كورونا".',
]
_READ_ALSO = ["اقرأ أيضاً: هل يستطيع التنظيم إعادة بناء نفسه؟",
              "اقرأ أيضاً:\xa0قواعد جديدة في شرق البلاد… ما الأسباب؟"]
_MAY_INTEREST = "قد يهمك:\xa0ما أسباب الضربات الأخيرة؟"
_COOKIE = ('نحن نستخدم ملفات تعريف الارتباط "الكوكيز" لنمنحك أفضل تجربة مستخدم '
           "ممكنة. موافق")


def _page() -> str:
    """A scraped page laid out as the seed article (``seed/000_fac4a86e05235b2d.txt``
    in the shared corpora) is: the title twice, the byline, 20 paragraphs separated
    by blank and no-break-space lines, two "read also" and one "may interest you"
    link, and the cookie banner last."""
    b = _BODY
    lines = [SEED_TITLE, "", SEED_TITLE, SEED_BYLINE, "",
             b[0], "", "", b[1], "", b[2], "", b[3], "", b[4], "", _READ_ALSO[0], "",
             b[5], "", b[6], "", b[7], "", b[8], "\xa0", "\xa0" + b[9], "", "",
             _MAY_INTEREST, "", "", b[10], "", b[11], "", b[12], "\xa0", b[13], "",
             b[14], "", b[15], "", "", _READ_ALSO[1], "", "",
             b[16], "", b[17], "", b[18], "", b[19], "", _COOKIE]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def page_text() -> str:
    return _page()


@pytest.fixture(scope="module")
def page_doc(page_text):
    return parse_article(page_text)


def test_seed_article_as_scraped(seed_text):
    """The real page the cleaning rules were written for."""
    doc = parse_article(seed_text)
    assert doc.meta["title"] == SEED_TITLE
    assert (doc.meta["section"], doc.meta["date"], doc.meta["author"]) == (
        "سياسي", "2020-08-29", "مالك الحافظ")
    assert [r["rule"] for r in doc.meta["removed"]] == [
        "repeated_title", "read_also", "may_interest", "read_also", "cookie_consent"]
    paragraphs = doc.text.split("\n\n")
    assert len(paragraphs) == 20
    assert paragraphs[0].startswith("في الوقت الذي أصدرت فيه وزارة الخزانة")
    assert paragraphs[-1].endswith('تفشي وباء "كورونا".')


def test_page_returns_document(page_doc):
    assert isinstance(page_doc, Document)
    assert page_doc.id.startswith("article-")


def test_page_header(page_doc):
    meta = page_doc.meta
    assert meta["title"] == SEED_TITLE
    assert meta["section"] == "سياسي"
    assert meta["date"] == "2020-08-29"
    assert meta["author"] == "مالك الحافظ"
    assert meta["byline"] == SEED_BYLINE
    assert SEED_TITLE not in page_doc.text
    assert "مالك الحافظ" not in page_doc.text


def test_page_removed_lines_and_rules(page_doc, page_text):
    removed = page_doc.meta["removed"]
    assert [r["rule"] for r in removed] == [
        "repeated_title", "read_also", "may_interest", "read_also", "cookie_consent"]
    assert all(set(r) == {"line", "rule"} for r in removed)
    lines = _seed_lines(page_text)
    read_also = [line for line in lines if line.startswith("اقرأ أيضاً")]
    may_interest = [line for line in lines if line.startswith("قد يهمك")]
    cookie = lines[-1]
    assert len(read_also) == 2 and len(may_interest) == 1
    assert "ملفات تعريف الارتباط" in cookie and cookie.endswith("موافق")
    assert [r["line"] for r in removed] == [SEED_TITLE, *read_also[:1], *may_interest,
                                           *read_also[1:], cookie]
    for line in read_also + may_interest + [cookie]:
        assert line not in page_doc.text


def test_page_every_body_paragraph_intact(page_doc, page_text):
    body = [line for line in _seed_lines(page_text) if not _is_header_or_boilerplate(line)]
    assert len(body) == 20
    paragraphs = page_doc.text.split("\n\n")
    assert paragraphs == body  # verbatim and in order
    for line in body:
        assert line in page_doc.text
    assert paragraphs[0].startswith("في الوقت الذي أصدرت فيه وزارة الخزانة")
    assert paragraphs[-1].endswith('تفشي وباء "كورونا".')


def test_page_nothing_lost(page_doc, page_text):
    """Every non-blank line of the page is in the text, the header meta, or removed."""
    kept = set(page_doc.text.split("\n\n"))
    kept |= {page_doc.meta["title"], page_doc.meta["byline"]}
    kept |= {r["line"] for r in page_doc.meta["removed"]}
    assert set(_seed_lines(page_text)) <= kept


def test_page_with_no_rules_keeps_boilerplate(page_text):
    doc = parse_article(page_text, rules=())
    assert [r["rule"] for r in doc.meta["removed"]] == ["repeated_title"]
    assert "اقرأ أيضاً:" in doc.text and "الكوكيز" in doc.text
    assert doc.meta["date"] == "2020-08-29"


def test_page_id_is_stable(page_text):
    assert parse_article(page_text).id == parse_article(page_text).id
    assert parse_article(page_text, doc_id="seed").id == "seed"


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------

GREGORIAN = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس",
             "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]
SYRIAC = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
          "تشرين الأول", "تشرين الثاني", "كانون الأول"]
INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
EASTERN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


@pytest.mark.parametrize("series", [GREGORIAN, SYRIAC], ids=["gregorian", "syriac"])
@pytest.mark.parametrize("digits", [None, INDIC, EASTERN], ids=["ascii", "indic", "eastern"])
def test_parse_date_every_month(series, digits):
    for month, name in enumerate(series, start=1):
        day = 3 + month  # 4 .. 15
        text = f"{day} {name} 2019"
        if digits is not None:
            text = text.translate(digits)
        assert parse_date(text) == f"2019-{month:02d}-{day:02d}", text


@pytest.mark.parametrize("text, expected", [
    ("29 أغسطس 2020", "2020-08-29"),
    ("٢٩ آب ٢٠٢٠", "2020-08-29"),
    ("١٥ تموز ٢٠١٥", "2015-07-15"),
    ("29 اغسطس 2020", "2020-08-29"),          # without hamza
    ("12 ابريل 2020", "2020-04-12"),
    ("12 إبريل 2020", "2020-04-12"),
    ("5 يونيه 2019", "2019-06-05"),
    ("5 يوليه 2019", "2019-07-05"),
    ("1 اكتوبر 2019", "2019-10-01"),
    ("1 تشرين الاول 2019", "2019-10-01"),    # الاول without hamza
    ("31 كانون الأول 1999", "1999-12-31"),
    ("31 كانون   الأول 1999", "1999-12-31"),  # extra spaces inside the name
    ("29 آب/أغسطس 2020", "2020-08-29"),       # both series together
    ("4 أبريل - نيسان 2015", "2015-04-04"),
    ("7 من كانون الأول، 2021", "2021-12-07"),
    ("السبت 29 أغسطس 2020 - 10:45 ص", "2020-08-29"),
    ("أغسطس 29، 2020", "2020-08-29"),
    ("2020-08-29", "2020-08-29"),
    ("29/08/2020", "2020-08-29"),
    ("٢٩/٠٨/٢٠٢٠", "2020-08-29"),
    ("14 جويلية 2019", "2019-07-14"),
    ("20 غشت 2019", "2019-08-20"),
    ("29 فبراير 2020", "2020-02-29"),         # leap year
    ("29أغسطس2020", "2020-08-29"),            # no spaces
    ("5 ماي 2020", "2020-05-05"),
])
def test_parse_date_forms(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", [
    "", "سياسي", "لا تاريخ هنا", "29 أغسطس", "أغسطس 2020",
    "31 شباط 2020", "29 فبراير 2019", "32 مايو 2020", "0 مايو 2020",
    "9-10-1436هـ", "15 محرم 1442 هـ", "قتل 14 عنصرا من قوات النظام",
    "100 مليون دولار في 2015",
    "5 مايوه 2020",  # a month name inside a longer word
])
def test_parse_date_none(text):
    assert parse_date(text) is None


def test_parse_date_first_date_wins():
    assert parse_date("من 3 مارس 2019 إلى 4 نيسان 2020") == "2019-03-03"
    assert parse_date("10 محرم 1442 هـ الموافق 29 أغسطس 2020") == "2020-08-29"


def test_months_table_is_complete():
    assert sorted(set(MONTHS.values())) == list(range(1, 13))
    for name in GREGORIAN + SYRIAC:
        assert name in MONTHS


def test_parse_date_type_error():
    with pytest.raises(TypeError, match="int"):
        parse_date(2020)


# ---------------------------------------------------------------------------
# Bylines
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("line, section, date, author", [
    ("سياسي | 29 أغسطس 2020 | مالك الحافظ", "سياسي", "2020-08-29", "مالك الحافظ"),
    ("مالك الحافظ | ٢٩ آب ٢٠٢٠ | سياسي", "سياسي", "2020-08-29", "مالك الحافظ"),
    ("29 أغسطس 2020 | سياسي | بقلم: مالك الحافظ", "سياسي", "2020-08-29", "مالك الحافظ"),
    ("سياسي | 29 أغسطس 2020", "سياسي", "2020-08-29", None),
    ("29 أغسطس 2020 | مالك الحافظ", None, "2020-08-29", "مالك الحافظ"),
    ("29 أغسطس 2020", None, "2020-08-29", None),
    ("سياسي | مالك الحافظ", "سياسي", None, "مالك الحافظ"),
    ("بقلم: مالك الحافظ", None, None, "مالك الحافظ"),
    ("كتب – عبدالكريم الحارثي", None, None, "عبدالكريم الحارثي"),
    ("اقتصاد • 3 آذار 2021 • أحمد علي", "اقتصاد", "2021-03-03", "أحمد علي"),
    ("روزنة - سياسي - 29 أغسطس 2020 - مالك الحافظ", "سياسي", "2020-08-29", "مالك الحافظ"),
])
def test_parse_byline(line, section, date, author):
    out = parse_byline(line)
    assert out is not None
    assert (out["section"], out["date"], out["author"]) == (section, date, author)


def test_parse_byline_keeps_extra_parts():
    out = parse_byline("روزنة - سياسي - 29 أغسطس 2020 - مالك الحافظ")
    assert out["extra"] == ["روزنة"]
    out = parse_byline("سياسي | 29 أغسطس 2020 | 10:45 ص | مالك الحافظ")
    assert (out["section"], out["date"], out["author"]) == ("سياسي", "2020-08-29",
                                                           "مالك الحافظ")
    assert out["extra"] == ["10:45 ص"]


@pytest.mark.parametrize("line", [
    "", "في الوقت الذي أصدرت فيه وزارة الخزانة الأميركية بيانا لها يوم أمس الجمعة",
    "تحرير المرور",  # no marker punctuation: a noun phrase, not 'edited by'
    "قتل 14 عنصرا من قوات النظام والقوات المحلية الرديفة له في 29 أغسطس 2020 بحسب المرصد",
    "x" * 201 + " | 29 أغسطس 2020",
])
def test_not_a_byline(line):
    assert parse_byline(line) is None


# ---------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------

def test_page_without_byline():
    page = "عنوان الخبر\n\nالفقرة الأولى من الخبر، وهي طويلة بما يكفي لتكون فقرة.\n\nالثانية."
    doc = parse_article(page)
    assert doc.meta["title"] == "عنوان الخبر"
    assert (doc.meta["section"], doc.meta["date"], doc.meta["author"],
            doc.meta["byline"]) == (None, None, None, None)
    assert doc.text.split("\n\n") == [
        "الفقرة الأولى من الخبر، وهي طويلة بما يكفي لتكون فقرة.", "الثانية."]
    assert doc.meta["removed"] == []


def test_title_only_page():
    doc = parse_article("  عنوان فقط  \n")
    assert doc.meta["title"] == "عنوان فقط"
    assert doc.text == ""


@pytest.mark.parametrize("before, between", [
    ("\ufeff", ""),                 # a BOM left by an editor or a scraper
    ("\ufeff\u200f", "\u200f"),    # BOM and right-to-left marks
    ("\u202b", "\u202c"),          # an embedding opened before the title
    ("\u200b", "\u2066"),          # zero-width space, an isolate
])
def test_invisible_controls_do_not_hide_title_byline_or_rules(before, between):
    page = (f"{before}عنوان الخبر\n{between}عنوان الخبر{between}\n"
            f"{between}محليات | 1 يناير 2021\n{between}الفقرة{between} الأولى.\n"
            f"{between}اقرأ أيضاً: خبر آخر\n{between}")
    doc = parse_article(page)
    assert doc.meta["title"] == "عنوان الخبر"
    assert doc.meta["removed"] == [
        {"line": "عنوان الخبر", "rule": "repeated_title"},
        {"line": "اقرأ أيضاً: خبر آخر", "rule": "read_also"}]
    assert doc.meta["date"] == "2021-01-01" and doc.meta["section"] == "محليات"
    # inside a line, invisible characters are kept
    assert doc.text == f"الفقرة{between} الأولى."


def test_page_article_with_bom_and_rtl_mark(page_text):
    plain = parse_article(page_text)
    marked = parse_article("\ufeff\u200f" + page_text)
    assert marked.text == plain.text
    assert marked.meta == plain.meta


@pytest.mark.parametrize("text", ["\ufeff", "\ufeff\n\u200f \n\u200b"])
def test_only_invisible_characters_is_an_empty_article(text):
    with pytest.raises(ValueError, match="empty article"):
        parse_article(text)


def test_byline_after_a_subtitle():
    page = "العنوان\nعنوان فرعي قصير\nمحليات | 1 يناير 2021\nالنص."
    doc = parse_article(page)
    assert doc.meta["date"] == "2021-01-01" and doc.meta["section"] == "محليات"
    assert doc.text == "عنوان فرعي قصير\n\nالنص."


def test_header_false_applies_rules_only():
    page = "29 أغسطس 2020 | سياسي\nنص الخبر.\nاقرأ أيضا: خبر آخر"
    doc = parse_article(page, header=False)
    assert doc.meta["title"] is None and doc.meta["date"] is None
    assert doc.text == "29 أغسطس 2020 | سياسي\n\nنص الخبر."
    assert doc.meta["removed"] == [{"line": "اقرأ أيضا: خبر آخر", "rule": "read_also"}]


@pytest.mark.parametrize("line, rule", [
    ("اقرأ أيضاً: داعش إلى الواجهة من جديد", "read_also"),
    ("اقرأ أيضا: عنوان", "read_also"),
    ("إقرأ أيضاً - عنوان", "read_also"),
    ("اقرأ المزيد", "read_also"),
    ("قد يهمك: ما أسباب استهداف", "may_interest"),
    ("قد يهمك أيضا: عنوان", "may_interest"),
    ("شاهد أيضاً: فيديو", "see_also"),
    ("شاهد أيضاً", "see_also"),
    ("أخبار ذات صلة", "related"),
    ("مواضيع ذات صلة:", "related"),
    ("تابعونا على تويتر", "follow_us"),
    ("تابعوا آخر الأخبار عبر قناتنا على تيليغرام", "follow_us"),
    ("شارك الخبر", "share"),
    ("شارك على فيسبوك", "share"),
    ("فيسبوك تويتر واتساب", "social_links"),
    ("اشترك في النشرة البريدية", "subscribe"),
    ("الكلمات المفتاحية: داعش، سوريا", "tags"),
    ("- إعلان -", "advertisement"),
    ('نحن نستخدم ملفات تعريف الارتباط "الكوكيز" لنمنحك أفضل تجربة مستخدم ممكنة. موافق',
     "cookie_consent"),
    ("This site uses cookies. Accept", "cookie_consent"),
    ("باستخدامك هذا الموقع فإنك توافق على سياسة الخصوصية", "site_consent"),
])
def test_each_default_rule(line, rule):
    doc = parse_article(f"عنوان\nنص.\n{line}")
    assert doc.meta["removed"] == [{"line": line, "rule": rule}]
    assert doc.text == "نص."


def test_rule_names_are_unique_and_documented():
    names = [r.name for r in DEFAULT_RULES]
    assert len(names) == len(set(names))
    assert all(r.description for r in DEFAULT_RULES)
    assert isinstance(DEFAULT_RULES, tuple)


@pytest.mark.parametrize("line", [
    "وتابع الوزير قائلا إن الاجتماع كان مثمرا",
    "تابع فاروق حديثه عن مصادر التمويل التي ما زالت تمنح التنظيم الحياة",
    "شارك في الاجتماع وزراء خارجية الدول الأعضاء في التحالف الدولي",
    "وأكد المرصد السوري أن الاشتباكات ما زالت متواصلة في ريف دير الزور",
    "إعلان الحكومة عن الميزانية الجديدة",
    "سياسة الارتباط بالدولار ما زالت قائمة رغم تجربة السنوات الماضية",
])
def test_body_lines_are_not_boilerplate(line):
    assert parse_article(f"عنوان\n{line}", rules=DEFAULT_RULES).text == line


def test_no_default_rule_fires_on_saudinewsnet_paragraphs(saudinewsnet_articles):
    """SaudiNewsNet's content is already clean article text: the rules must leave
    (almost) all of it alone. Checked on the first 3000 articles."""
    lines = [line.strip() for a in saudinewsnet_articles[:3000]
             for line in (a.get("content") or "").splitlines() if line.strip()]
    assert len(lines) > 10_000
    fired = [(line, r.name) for line in lines for r in DEFAULT_RULES if r(line)]
    # the only hits allowed are lines that are a bare social network name
    assert all(name == "social_links" for _, name in fired), fired
    assert len(fired) <= 5


def test_user_rules_extend_and_replace():
    page = "عنوان\nنص الخبر.\nاقرأ أيضا: خبر\nالمصدر: وكالات"
    source = Rule("source", re.compile(r"^المصدر\s*:"), description="source credits")
    doc = parse_article(page, rules=DEFAULT_RULES + (source,))
    assert [r["rule"] for r in doc.meta["removed"]] == ["read_also", "source"]
    assert doc.text == "نص الخبر."
    only = parse_article(page, rules=[source])
    assert [r["rule"] for r in only.meta["removed"]] == ["source"]
    short = Rule("short", lambda line: len(line) < 10)
    assert parse_article(page, rules=[short]).meta["removed"][0]["line"] == "نص الخبر."


def test_rule_max_length():
    r = Rule("x", r"^شارك", max_length=10)
    assert r("شارك الخبر") and not r("شارك " + "ا" * 20)


def test_rule_validation():
    with pytest.raises(TypeError, match="int"):
        Rule("bad", 3)
    with pytest.raises(TypeError, match="name"):
        Rule("", r"x")
    with pytest.raises(TypeError, match="rules\\[1\\].*str"):
        parse_article("عنوان\nنص", rules=[DEFAULT_RULES[0], "اقرأ"])
    with pytest.raises(TypeError, match="single Rule"):
        parse_article("عنوان\nنص", rules=DEFAULT_RULES[0])


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t\u00a0\n"])
def test_empty_article_raises(text):
    with pytest.raises(ValueError, match="empty article"):
        parse_article(text)


@pytest.mark.parametrize("bad", [None, 3, b"\xd8\xb9", ["عنوان"]])
def test_non_str_raises(bad):
    with pytest.raises(TypeError, match=type(bad).__name__):
        parse_article(bad)


def test_bad_doc_id():
    with pytest.raises(TypeError, match="doc_id"):
        parse_article("عنوان\nنص", doc_id=1)


_PAGE_ALPHABET = list("اقرأ يضا:قد يهمكسياسيبقلمكتب|-•–ـ\n\n\n \u00a0") + [
    "29", "٢٩", "2020", "٢٠٢٠", " أغسطس ", " آب ", " كانون الأول ", "اقرأ أيضاً: ",
    "شارك الخبر", "الكوكيز نستخدم", "سياسي | ", " | ", "10:30", "\ufeff", "\u200f",
    "\u202b", "\u200c"]
_INVISIBLE_EDGES = "".join(sorted(INVISIBLES))


@given(st.lists(st.sampled_from(_PAGE_ALPHABET), min_size=1, max_size=40).map("".join))
def test_parse_article_never_crashes_and_loses_nothing(page):
    strip = _strip_edges
    if not strip(page):
        with pytest.raises(ValueError, match="empty article"):
            parse_article(page)
        return
    doc = parse_article(page)
    meta = doc.meta
    assert set(meta) == {"title", "section", "date", "author", "byline", "removed"}
    assert meta["date"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta["date"])
    kept = set(doc.text.split("\n\n")) | {meta["title"], meta["byline"]}
    kept |= {r["line"] for r in meta["removed"]}
    assert {strip(line) for line in page.splitlines() if strip(line)} <= kept


@given(st.text(max_size=60))
def test_parse_date_and_byline_never_crash(text):
    date = parse_date(text)
    assert date is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", date)
    out = parse_byline(text)
    assert out is None or set(out) == {"section", "date", "author", "extra"}


# ---------------------------------------------------------------------------
# Many documents
# ---------------------------------------------------------------------------

def test_clean_documents_on_documents(page_text):
    docs = [Document("seed", page_text, {"file": "000.txt", "title": ""}),
            Document("other", "عنوان\nمحليات | 1 يناير 2021\nنص.", {"title": "من المصدر"})]
    cleaned = clean_documents(docs)
    out = list(cleaned)
    assert [d.id for d in out] == ["seed", "other"]
    assert out[0].text == parse_article(page_text).text
    assert out[0].meta["file"] == "000.txt"
    assert out[0].meta["title"] == SEED_TITLE          # empty source value: parsed wins
    assert out[1].meta["title"] == "من المصدر"         # source value wins
    assert out[1].meta["date"] == "2021-01-01"
    assert [d.text for d in cleaned] == [d.text for d in out]  # restartable


def test_clean_documents_on_strings_and_header_false():
    """Article bodies without a header (the bundled sample's cleaned texts) are kept
    paragraph by paragraph, nothing removed."""
    from arabcorpus.io.datasets import load_dataset

    texts = [d.text for d in load_dataset("sample")]
    assert len(texts) == 50
    out = list(clean_documents(texts, header=False))
    assert [d.id for d in out] == [f"doc-{i}" for i in range(len(texts))]
    for text, doc in zip(texts, out):
        paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
        assert doc.text == "\n\n".join(paragraphs)
        assert doc.meta["removed"] == []


def test_clean_documents_errors():
    docs = [Document("a", "عنوان\nنص."), Document("b", "  ")]
    with pytest.raises(ValueError, match="'b'.*empty article"):
        list(clean_documents(docs))
    kept = list(clean_documents(docs, errors="keep"))
    assert kept[1].text == "  " and kept[1].meta["clean_error"] == "empty article"
    with pytest.raises(ValueError, match="raise, keep"):
        clean_documents(docs, errors="ignore")
    with pytest.raises(TypeError, match="document 1.*int"):
        list(clean_documents(["عنوان\nنص", 5]))
    with pytest.raises(TypeError, match="single str"):
        clean_documents("عنوان\nنص")


def test_clean_documents_merges_removed():
    doc = Document("a", "عنوان\nنص.\nشارك الخبر", {"removed": [{"line": "x", "rule": "earlier"}]})
    (out,) = clean_documents([doc])
    assert [r["rule"] for r in out.meta["removed"]] == ["earlier", "share"]


# ---------------------------------------------------------------------------
# remove="match" rules
# ---------------------------------------------------------------------------

_CUT = Rule("cut", r"\[x+\]", remove="match")


@pytest.mark.parametrize("line, rest, cuts", [
    ("[x] نص الخبر", "نص الخبر", ["[x]"]),             # start
    ("نص الخبر [xx]", "نص الخبر", ["[xx]"]),           # end
    ("نص [x] الخبر", "نص الخبر", ["[x]"]),             # middle: one space left
    ("نص[x]الخبر", "نصالخبر", ["[x]"]),                # glued: joined directly
    ("نص [x] [xx] الخبر [x]", "نص الخبر", ["[x]", "[xx]", "[x]"]),  # all matches
    ("نص الخبر", "نص الخبر", []),
    ("[x]  [x]", "", ["[x]", "[x]"]),
])
def test_rule_cut(line, rest, cuts):
    assert _CUT.cut(line) == (rest, cuts)
    assert _CUT(line) is bool(cuts)


def test_match_rule_in_parse_article_records_cuts_in_page_order():
    first = Rule("first", r"^<<[^>]*>>", remove="match")
    last = Rule("last", r"\[x+\]", remove="match")
    page = "عنوان\n<<أ>> نص [x] أول [xx]\n[x]\nنص ثان\nاقرأ أيضا: خبر [x]"
    doc = parse_article(page, rules=DEFAULT_RULES + (last, first))
    assert doc.text == "نص أول\n\nنص ثان"          # the line emptied by the cut is dropped
    assert doc.meta["removed"] == [
        {"line": "<<أ>>", "rule": "first"}, {"line": "[x]", "rule": "last"},
        {"line": "[xx]", "rule": "last"}, {"line": "[x]", "rule": "last"},
        {"line": "اقرأ أيضا: خبر [x]", "rule": "read_also"}]  # a line rule wins whole


def test_match_rules_see_the_line_as_it_is_and_earlier_rule_wins_overlaps():
    a = Rule("a", r"XY", remove="match")
    b = Rule("b", r"YZ", remove="match")
    doc = parse_article("نص XYZ نص", rules=(a, b), header=False)
    assert doc.text == "نص Z نص"
    assert doc.meta["removed"] == [{"line": "XY", "rule": "a"}]


def test_match_rule_max_length_and_empty_matches():
    r = Rule("tail", r"\s*#.*$", max_length=20, remove="match")
    assert r.cut("نص #وسم") == ("نص", ["#وسم"])
    assert r.cut("نص طويل جدا جدا جدا جدا #وسم") == ("نص طويل جدا جدا جدا جدا #وسم", [])
    empty = Rule("empty", r"x*", remove="match")
    assert parse_article("نص", rules=(empty,), header=False).meta["removed"] == []


def test_rule_remove_validation():
    with pytest.raises(ValueError, match="'line'.*'match'"):
        Rule("bad", r"x", remove="cut")
    with pytest.raises(TypeError, match="regular expression"):
        Rule("bad", lambda line: True, remove="match")
    with pytest.raises(TypeError, match="remove='match'"):
        DEFAULT_RULES[0].cut("اقرأ أيضا: خبر")
    assert all(r.remove == "line" for r in DEFAULT_RULES)


def test_line_rules_unchanged_by_match_rules():
    """Adding match rules changes nothing on a page they do not match."""
    page = "عنوان\nنص الخبر.\nاقرأ أيضا: خبر\nشارك الخبر"
    extra = Rule("never", r"ZZZ", remove="match")
    assert (parse_article(page, DEFAULT_RULES + (extra,)).meta
            == parse_article(page, DEFAULT_RULES).meta)


# ---------------------------------------------------------------------------
# SaudiNewsNet rules
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("line, rest, removed", [
    ("حضر الوزير. رابط الخبر بصحيفة الوئام: الوزير يحضر", "حضر الوزير.",
     ["رابط الخبر بصحيفة الوئام: الوزير يحضر"]),
    ("شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك أكد الأمير أن", "أكد الأمير أن",
     ["شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك"]),
    ("Next Previous عين اليوم – واس استقبل خادم الحرمين", "استقبل خادم الحرمين",
     ["Next Previous عين اليوم – واس"]),
    ("عمر إبراهيم – عين اليوم", "", ["عمر إبراهيم – عين اليوم"]),
    ("عين اليوم – المدينة المنورة", "", ["عين اليوم – المدينة المنورة"]),
    ("حققت تقدما كبيرا حتى الآن. سمات الحرب اليمن علي صالح", "حققت تقدما كبيرا حتى الآن.",
     ["سمات الحرب اليمن علي صالح"]),
    ("a@b.comللتواصل مع الكاتب ارسل رسالة SMS تبدأ بالرمز (100) ثم مسافة ثم نص الرسالة "
     "إلى 88591 - Stc 635031 - Mobily 737221 - Zain", "a@b.com",
     ["للتواصل مع الكاتب ارسل رسالة SMS تبدأ بالرمز (100) ثم مسافة ثم نص الرسالة إلى "
      "88591 - Stc 635031 - Mobily 737221 - Zain"]),
    ("737221 - Zain", "", ["737221 - Zain"]),
    ("للتواصل أرسل sms إلى 88548 الاتصالات ,636250 موبايلي, 738303", "",
     ["للتواصل أرسل sms إلى 88548 الاتصالات ,636250 موبايلي, 738303"]),
    ("ثم الرسالة", "", ["ثم الرسالة"]),
    ("// انتهى //", "", ["// انتهى //"]),
    ("...المزيد", "", ["...المزيد"]),
])
def test_saudinewsnet_rules(line, rest, removed):
    doc = parse_article(line, SAUDINEWSNET_RULES, header=False)
    assert doc.text == rest
    assert [r["line"] for r in doc.meta["removed"]] == removed


@pytest.mark.parametrize("line", [
    "وتتميز الشخصية القيادية بعدة سمات أهمها الصبر",         # سمات inside a sentence
    "انتهى اللقاء. سمات الشخصية القيادية كثيرة، ومنها الصبر",  # a sentence, not tags
    "سمات التميّز والريادة في شخصية السديري منوعة ومؤثرة، وهي أكبر من أن تحصى",
    "وقال لـ”عين اليوم” إن الاجتماع كان مثمرا",
    "علمت “عين اليوم” أن الوزارة وجهت بذلك",
    "شارك من خلال الفريق التطوعي عدد من الشباب",
    "الرياض 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م واس",     # datelines stay
    "زين",
    "سيتم إرسال رسالة قصيرة (SMS) إلى جميع المرشحين",
])
def test_saudinewsnet_rules_leave_content(line):
    doc = parse_article(line, SAUDINEWSNET_RULES, header=False)
    assert doc.text == line and doc.meta["removed"] == []


def test_saudinewsnet_rule_names_are_unique_and_documented():
    names = [r.name for r in SAUDINEWSNET_RULES]
    assert len(names) == len(set(names))
    assert all(r.description for r in SAUDINEWSNET_RULES)
    assert SAUDINEWSNET_RULES[:len(DEFAULT_RULES)] == DEFAULT_RULES
    import arabcorpus
    assert arabcorpus.SAUDINEWSNET_RULES is SAUDINEWSNET_RULES


@pytest.fixture(scope="module")
def saudinewsnet_cleaned(saudinewsnet_dir):
    from arabcorpus.io.readers import read_saudinewsnet
    docs = list(read_saudinewsnet(saudinewsnet_dir))
    return docs, list(clean_documents(docs, SAUDINEWSNET_RULES, header=False))


# Articles (not records) each rule touched on the 31,030 SaudiNewsNet articles
# (30,676 with content), measured, per source: {rule: {source: (low, high)}}.
_SNN_EXPECTED = {
    "weeam_link": {"alweeam": (2090, 2090)},
    "okaz_share": {"okaz": (157, 157)},
    "okaz_sms": {"okaz": (75, 80)},
    "madina_sms": {"almadina": (228, 232)},
    "madina_sms_lines": {"almadina": (153, 157)},
    "ayn_alyoum_credit": {"3alyoum": (1600, 1670)},
    "ayn_alyoum_nav": {"3alyoum": (95, 105)},
    "ayn_alyoum_tags": {"3alyoum": (1650, 1720)},
    "spa_end": {"was": (360, 370), "alyaum": (0, 6), "alriyadh": (0, 2)},
    "aawsat_more": {"aawsat": (115, 125)},
}


def test_saudinewsnet_rules_on_the_corpus(saudinewsnet_cleaned):
    docs, cleaned = saudinewsnet_cleaned
    assert len(cleaned) == len(docs) > 30_000
    touched: dict[tuple[str, str], int] = {}
    for doc in cleaned:
        for name in {r["rule"] for r in doc.meta["removed"]}:
            key = (name, doc.meta["source"])
            touched[key] = touched.get(key, 0) + 1
    for name, per_source in _SNN_EXPECTED.items():
        for source, (low, high) in per_source.items():
            assert low <= touched.get((name, source), 0) <= high, (name, source, touched)
    # no rule fires on a source it is not meant for (social_links: a bare network name)
    expected = {(n, s) for n, per in _SNN_EXPECTED.items() for s in per}
    stray = {k: v for k, v in touched.items() if k not in expected}
    assert set(stray) <= {("social_links", "3alyoum")} and sum(stray.values()) <= 5, stray

    by_source: dict[str, list] = {}
    for doc in cleaned:
        by_source.setdefault(doc.meta["source"], []).append(doc)
    assert not any("رابط الخبر بصحيفة الوئام" in d.text for d in by_source["alweeam"])
    assert not any(d.text.startswith("شارك من خلال") for d in by_source["okaz"])
    assert not any(re.search(r"88548|738303|بالرمز", d.text) for d in by_source["okaz"])
    assert not any("Next Previous" in d.text for d in by_source["3alyoum"])
    assert not any("737221 - Zain" in d.text for d in by_source["almadina"])
    assert not any(re.search(r"//\s*انتهى\s*//", d.text) for d in by_source["was"])
    # every document keeps text, except alweeam photo galleries whose whole content
    # was the link line
    empty = [d for d in cleaned if not d.text.strip()]
    assert len(empty) <= 15
    assert all(d.meta["source"] == "alweeam" and [r["rule"] for r in d.meta["removed"]]
               == ["weeam_link"] for d in empty)


def _strip_edges(line: str) -> str:
    """A line without whitespace and invisible format characters at its ends."""
    while line != (line := line.strip().strip(_INVISIBLE_EDGES)):
        pass
    return line


def test_saudinewsnet_cleaning_loses_nothing(saudinewsnet_cleaned):
    """Every character of the content (whitespace, and invisible format characters at
    the ends of a line, aside) is in the text or in a removed record (a cut may split
    a glued word, so characters are compared)."""
    docs, cleaned = saudinewsnet_cleaned
    for doc, out in zip(docs[::10], cleaned[::10]):
        kept = "".join([out.text, *(r["line"] for r in out.meta["removed"])])
        source = "".join(map(_strip_edges, doc.text.splitlines()))
        assert sorted("".join(kept.split())) == sorted("".join(source.split())), doc.id
