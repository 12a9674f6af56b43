"""Tests for arabcorpus.news: scraped news pages -> clean Documents."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from arabcorpus.news import (DEFAULT_RULES, MONTHS, Rule, clean_documents, parse_article,
                             parse_byline, parse_date)
from arabcorpus.readers import Document

SEED_TITLE = "تحذيرات دولية من إعادة ترتيب صفوف داعش!"


def _seed_lines(seed_text: str) -> list[str]:
    return [line.strip() for line in seed_text.splitlines() if line.strip()]


def _is_header_or_boilerplate(line: str) -> bool:
    """The seed's non-body lines, identified independently of the module's rules."""
    return (line == SEED_TITLE or line.startswith("سياسي |")
            or line.startswith(("اقرأ أيضاً:", "قد يهمك:")) or "ملفات تعريف الارتباط" in line)


# ---------------------------------------------------------------------------
# The seed article
# ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_doc(seed_text):
    return parse_article(seed_text)


def test_seed_returns_document(seed_doc):
    assert isinstance(seed_doc, Document)
    assert seed_doc.id.startswith("article-")


def test_seed_header(seed_doc):
    meta = seed_doc.meta
    assert meta["title"] == SEED_TITLE
    assert meta["section"] == "سياسي"
    assert meta["date"] == "2020-08-29"
    assert meta["author"] == "مالك الحافظ"
    assert meta["byline"] == "سياسي | 29 أغسطس 2020 | مالك الحافظ"
    assert SEED_TITLE not in seed_doc.text
    assert "مالك الحافظ" not in seed_doc.text


def test_seed_removed_lines_and_rules(seed_doc, seed_text):
    removed = seed_doc.meta["removed"]
    assert [r["rule"] for r in removed] == [
        "repeated_title", "read_also", "may_interest", "read_also", "cookie_consent"]
    assert all(set(r) == {"line", "rule"} for r in removed)
    lines = _seed_lines(seed_text)
    read_also = [line for line in lines if line.startswith("اقرأ أيضاً")]
    may_interest = [line for line in lines if line.startswith("قد يهمك")]
    cookie = lines[-1]
    assert len(read_also) == 2 and len(may_interest) == 1
    assert "ملفات تعريف الارتباط" in cookie and cookie.endswith("موافق")
    assert [r["line"] for r in removed] == [SEED_TITLE, *read_also[:1], *may_interest,
                                           *read_also[1:], cookie]
    for line in read_also + may_interest + [cookie]:
        assert line not in seed_doc.text


def test_seed_every_body_paragraph_intact(seed_doc, seed_text):
    body = [line for line in _seed_lines(seed_text) if not _is_header_or_boilerplate(line)]
    assert len(body) == 20
    paragraphs = seed_doc.text.split("\n\n")
    assert paragraphs == body  # verbatim and in order
    for line in body:
        assert line in seed_doc.text
    assert paragraphs[0].startswith("في الوقت الذي أصدرت فيه وزارة الخزانة")
    assert paragraphs[-1].endswith('تفشي وباء "كورونا".')


def test_seed_nothing_lost(seed_doc, seed_text):
    """Every non-blank line of the page is in the text, the header meta, or removed."""
    kept = set(seed_doc.text.split("\n\n"))
    kept |= {seed_doc.meta["title"], seed_doc.meta["byline"]}
    kept |= {r["line"] for r in seed_doc.meta["removed"]}
    assert set(_seed_lines(seed_text)) <= kept


def test_seed_with_no_rules_keeps_boilerplate(seed_text):
    doc = parse_article(seed_text, rules=())
    assert [r["rule"] for r in doc.meta["removed"]] == ["repeated_title"]
    assert "اقرأ أيضاً:" in doc.text and "الكوكيز" in doc.text
    assert doc.meta["date"] == "2020-08-29"


def test_seed_id_is_stable(seed_text):
    assert parse_article(seed_text).id == parse_article(seed_text).id
    assert parse_article(seed_text, doc_id="seed").id == "seed"


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
    "شارك الخبر", "الكوكيز نستخدم", "سياسي | ", " | ", "10:30"]


@given(st.lists(st.sampled_from(_PAGE_ALPHABET), min_size=1, max_size=40).map("".join))
def test_parse_article_never_crashes_and_loses_nothing(page):
    if not page.strip():
        with pytest.raises(ValueError, match="empty article"):
            parse_article(page)
        return
    doc = parse_article(page)
    meta = doc.meta
    assert set(meta) == {"title", "section", "date", "author", "byline", "removed"}
    assert meta["date"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta["date"])
    kept = set(doc.text.split("\n\n")) | {meta["title"], meta["byline"]}
    kept |= {r["line"] for r in meta["removed"]}
    assert {line.strip() for line in page.splitlines() if line.strip()} <= kept


@given(st.text(max_size=60))
def test_parse_date_and_byline_never_crash(text):
    date = parse_date(text)
    assert date is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", date)
    out = parse_byline(text)
    assert out is None or set(out) == {"section", "date", "author", "extra"}


# ---------------------------------------------------------------------------
# Many documents
# ---------------------------------------------------------------------------

def test_clean_documents_on_documents(seed_text):
    docs = [Document("seed", seed_text, {"file": "000.txt", "title": ""}),
            Document("other", "عنوان\nمحليات | 1 يناير 2021\nنص.", {"title": "من المصدر"})]
    cleaned = clean_documents(docs)
    out = list(cleaned)
    assert [d.id for d in out] == ["seed", "other"]
    assert out[0].text == parse_article(seed_text).text
    assert out[0].meta["file"] == "000.txt"
    assert out[0].meta["title"] == SEED_TITLE          # empty source value: parsed wins
    assert out[1].meta["title"] == "من المصدر"         # source value wins
    assert out[1].meta["date"] == "2021-01-01"
    assert [d.text for d in cleaned] == [d.text for d in out]  # restartable


def test_clean_documents_on_strings_and_header_false(saudinewsnet_articles):
    texts = [a["content"] for a in saudinewsnet_articles[:50] if (a.get("content") or "").strip()]
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
