"""Tests for arabcorpus.text.tokenize (tokens, kinds, spans), light_clitics and
sentences."""

from __future__ import annotations

import gc
import pickle
import sys
import tracemalloc
from contextlib import contextmanager

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from arabcorpus.text import tokenize as tk
from arabcorpus.text.light_clitics import segment_clitics
from arabcorpus.text.sentences import sentence_spans, split_sentences
from arabcorpus.text.tokenize import KINDS, Token, Tokens, token_spans, tokenize
from accelerators import require_built


def pairs(text: str, **kw) -> list[tuple[str, str]]:
    return [(t.text, t.kind) for t in tokenize(text, **kw)]


def texts(text: str, **kw) -> list[str]:
    return [t.text for t in tokenize(text, **kw)]


def assert_spans_ok(text: str, tokens: list[Token]) -> None:
    prev_end = 0
    for t in tokens:
        assert text[t.start:t.end] == t.text
        assert t.start >= prev_end and t.end > t.start
        assert t.kind in KINDS
        prev_end = t.end


# --- the contract ---------------------------------------------------------------------

def test_kinds_and_token_contract():
    assert KINDS == ("arabic", "latin", "number", "url", "email", "hashtag", "mention",
                     "punct", "symbol", "other")
    assert Token._fields == ("text", "start", "end", "kind")
    tok = tokenize("أكد")[0]
    assert isinstance(tok, Token) and tok == ("أكد", 0, 3, "arabic")
    starts, ends, kinds = token_spans("أكد 14.")
    assert (starts.dtype, ends.dtype, kinds.dtype) == (np.int64, np.int64, np.uint8)


# --- the Tokens sequence ---------------------------------------------------------------

_SAMPLE = "أكد 14 عنصرا، في #سوريا."
_SAMPLE_TOKENS = [Token("أكد", 0, 3, "arabic"), Token("14", 4, 6, "number"),
                  Token("عنصرا", 7, 12, "arabic"), Token("،", 12, 13, "punct"),
                  Token("في", 14, 16, "arabic"), Token("#سوريا", 17, 23, "hashtag"),
                  Token(".", 23, 24, "punct")]


def test_tokens_is_a_read_only_sequence_of_token():
    toks = tokenize(_SAMPLE)
    assert isinstance(toks, Tokens) and not isinstance(toks, list)
    assert len(toks) == 7 and bool(toks) and not tokenize("")
    assert toks == _SAMPLE_TOKENS and _SAMPLE_TOKENS == toks
    assert not toks != _SAMPLE_TOKENS
    assert list(toks) == toks.tolist() == _SAMPLE_TOKENS
    assert all(type(t) is Token for t in toks)
    assert toks[0] == _SAMPLE_TOKENS[0] and toks[-1] == _SAMPLE_TOKENS[-1]
    assert type(toks[1].start) is int and type(toks[1].kind) is str
    for i in (7, -8):
        with pytest.raises(IndexError):
            toks[i]
    with pytest.raises(TypeError):
        toks["a"]
    for sl in (slice(1, 3), slice(None, None, -1), slice(0, 7, 2), slice(5, 1),
               slice(-2, None)):
        part = toks[sl]
        assert isinstance(part, Tokens) and part == _SAMPLE_TOKENS[sl]
    assert list(reversed(toks)) == _SAMPLE_TOKENS[::-1]
    assert _SAMPLE_TOKENS[4] in toks and ("في", 0, 2, "arabic") not in toks
    assert toks.index(_SAMPLE_TOKENS[2]) == 2 and toks.count(_SAMPLE_TOKENS[3]) == 1
    with pytest.raises(TypeError):
        toks[0] = _SAMPLE_TOKENS[0]
    with pytest.raises(TypeError):
        hash(toks)


def test_tokens_equality():
    toks = tokenize(_SAMPLE)
    assert toks == tokenize(_SAMPLE) and toks == Tokens(_SAMPLE_TOKENS)
    assert toks != tokenize(_SAMPLE + " ب") and toks != _SAMPLE_TOKENS[:-1]
    assert toks != tokenize(" " + _SAMPLE)   # same strings, other spans
    assert toks == [tuple(t) for t in _SAMPLE_TOKENS]   # as a list of Token does
    assert toks != tuple(_SAMPLE_TOKENS) and toks != "أكد" and toks != None  # noqa: E711
    assert tokenize("") == [] == Tokens() and tokenize("") != [Token("", 0, 0, "arabic")]


def test_tokens_columns():
    toks = tokenize(_SAMPLE)
    assert toks.texts == [t.text for t in _SAMPLE_TOKENS]
    assert toks.texts is not toks.texts   # a copy: the sequence cannot be changed
    assert toks.starts.tolist() == [t.start for t in _SAMPLE_TOKENS]
    assert toks.ends.tolist() == [t.end for t in _SAMPLE_TOKENS]
    assert [KINDS[k] for k in toks.kinds] == [t.kind for t in _SAMPLE_TOKENS]
    assert (toks.starts.dtype, toks.ends.dtype, toks.kinds.dtype) == (
        np.int64, np.int64, np.uint8)
    for column in (toks.starts, toks.ends, toks.kinds):
        with pytest.raises(ValueError):
            column[0] = 1
    starts, ends, kinds = token_spans(_SAMPLE)
    assert np.array_equal(toks.starts, starts) and np.array_equal(toks.kinds, kinds)
    part = toks[2:4]
    assert part.texts == ["عنصرا", "،"] and part.starts.tolist() == [7, 12]


def test_tokens_constructor_repr_and_pickle():
    toks = Tokens(_SAMPLE_TOKENS)
    assert toks == _SAMPLE_TOKENS and toks.kinds.dtype == np.uint8
    assert Tokens(tokenize(_SAMPLE)) == toks
    assert Tokens(tuple(t) for t in _SAMPLE_TOKENS) == toks
    with pytest.raises(ValueError, match="noun"):
        Tokens([("كتاب", 0, 4, "noun")])
    assert repr(tokenize("أكد")) == \
        "Tokens([Token(text='أكد', start=0, end=3, kind='arabic')])"
    assert repr(Tokens()) == "Tokens([])"
    assert eval(repr(toks), {"Tokens": Tokens, "Token": Token}) == toks
    back = pickle.loads(pickle.dumps(toks))
    assert isinstance(back, Tokens) and back == toks
    with pytest.raises(ValueError):
        back.starts[0] = 5


def test_tokenize_many_returns_tokens():
    docs = tk.tokenize_many([_SAMPLE, "", "وبالتالي فإن"], clitics=True)
    assert all(isinstance(d, Tokens) for d in docs)
    assert docs[0] == tokenize(_SAMPLE, clitics=True) == _SAMPLE_TOKENS
    assert docs[1] == [] and docs[2].texts == ["و", "ب", "ال", "تالي", "فإن"]
    assert docs[2].starts.tolist() == [0, 1, 2, 4, 9]
    with pytest.raises(ValueError):
        docs[0].starts[0] = 1


# --- table of cases: real phrases from the seed article and SaudiNewsNet -------------

CASES = [
    # surface forms kept: tanwin, shadda, diacritics
    ("اقرأ أيضاً: داعش", [("اقرأ", "arabic"), ("أيضاً", "arabic"), (":", "punct"),
                          ("داعش", "arabic")]),
    ("قتلوا جرّاء هجوم", [("قتلوا", "arabic"), ("جرّاء", "arabic"), ("هجوم", "arabic")]),
    ("وَالمُسلِمِينَ", [("وَالمُسلِمِينَ", "arabic")]),
    # a preposition stretched with tatweel before a quoted name: tatweel is not a token
    ('حديث لـ "روزنة" أن', [("حديث", "arabic"), ("ل", "arabic"), ('"', "punct"),
                             ("روزنة", "arabic"), ('"', "punct"), ("أن", "arabic")]),
    ('لـ"روزنة"', [("ل", "arabic"), ('"', "punct"), ("روزنة", "arabic"),
                   ('"', "punct")]),
    ("كشف لـ”عين اليوم” الناطق", [("كشف", "arabic"), ("ل", "arabic"), ("”", "punct"),
                                   ("عين", "arabic"), ("اليوم", "arabic"),
                                   ("”", "punct"), ("الناطق", "arabic")]),
    # tatweel inside a word stays; a detached conjunction stays a token of its own
    ("كـتـاب", [("كـتـاب", "arabic")]),
    ("و أكد", [("و", "arabic"), ("أكد", "arabic")]),
    # ZWNJ inside a word stays, presentation forms are letters
    ("می\u200cخواهم", [("می\u200cخواهم", "arabic")]),
    ("\ufefb\ufe8e", [("\ufefb\ufe8e", "arabic")]),
    # script changes split
    ('شبكة "دير الزور24"', [("شبكة", "arabic"), ('"', "punct"), ("دير", "arabic"),
                            ("الزور", "arabic"), ("24", "number"), ('"', "punct")]),
    # numbers in three digit systems, separators and percent kept whole
    ("بلغ ٥٫٩٤٩٫٢١٢ تأشيرة", [("بلغ", "arabic"), ("٥٫٩٤٩٫٢١٢", "number"),
                               ("تأشيرة", "arabic")]),
    ("لحوالي ٢١٫٠٠٠ مريض", [("لحوالي", "arabic"), ("٢١٫٠٠٠", "number"),
                             ("مريض", "arabic")]),
    ("اقترعوا 99.97% من", [("اقترعوا", "arabic"), ("99.97%", "number"),
                            ("من", "arabic")]),
    ("۱۲۳٬۴۵۶ و ١٢٪ و 1,000,000", [("۱۲۳٬۴۵۶", "number"), ("و", "arabic"),
                                    ("١٢٪", "number"), ("و", "arabic"),
                                    ("1,000,000", "number")]),
    ("عام 2015.", [("عام", "arabic"), ("2015", "number"), (".", "punct")]),
    # clock times H:MM and H:MM:SS (one digit system, minutes and seconds 00-59) are
    # one number; a verse reference, a ratio or a longer run of colons is not
    ("من 6:30 إلى 10:00.", [("من", "arabic"), ("6:30", "number"), ("إلى", "arabic"),
                            ("10:00", "number"), (".", "punct")]),
    ("الساعة 12:05:59 و٦:٣٠ و۱۲:۰۵", [
        ("الساعة", "arabic"), ("12:05:59", "number"), ("و", "arabic"),
        ("٦:٣٠", "number"), ("و", "arabic"),
        ("۱۲:۰۵", "number")]),
    ("الساعة6:30", [("الساعة", "arabic"), ("6:30", "number")]),
    ("البقرة 2:255 بنسبة 3:1", [("البقرة", "arabic"), ("2", "number"), (":", "punct"),
                                ("255", "number"), ("بنسبة", "arabic"), ("3", "number"),
                                (":", "punct"), ("1", "number")]),
    ("6:60 1:00:00:00", [("6", "number"), (":", "punct"), ("60", "number"),
                         ("1", "number"), (":", "punct"), ("00", "number"),
                         (":", "punct"), ("00", "number"), (":", "punct"),
                         ("00", "number")]),
    ("٦:30", [("٦", "number"), (":", "punct"), ("30", "number")]),
    ("-5", [("-", "punct"), ("5", "number")]),
    # URLs without their final punctuation, e-mail addresses
    ("الرابط: http://riyahdedu.org/moe. من", [
        ("الرابط", "arabic"), (":", "punct"), ("http://riyahdedu.org/moe", "url"),
        (".", "punct"), ("من", "arabic")]),
    ("«أبل» https://developer.apple.com/resources قدم", [
        ("«", "punct"), ("أبل", "arabic"), ("»", "punct"),
        ("https://developer.apple.com/resources", "url"), ("قدم", "arabic")]),
    ("موقع www.sabq.org،", [("موقع", "arabic"), ("www.sabq.org", "url"),
                            ("،", "punct")]),
    ("a.khojah@asharqalawsat.com", [("a.khojah@asharqalawsat.com", "email")]),
    # hashtags and mentions
    ("هاشتاق (#جمعية_الثقافة_والفنون_بجدة_عودة_الروح).", [
        ("هاشتاق", "arabic"), ("(", "punct"),
        ("#جمعية_الثقافة_والفنون_بجدة_عودة_الروح", "hashtag"), (")", "punct"),
        (".", "punct")]),
    ("#السعودية #Saudi_Arabia @SPAregions", [
        ("#السعودية", "hashtag"), ("#Saudi_Arabia", "hashtag"),
        ("@SPAregions", "mention")]),
    ("# @ #1", [("#", "punct"), ("@", "punct"), ("#", "punct"), ("1", "number")]),
    # Latin words, punctuation runs, symbols, other scripts, stray marks
    ("COVID19 Qur'an H1N1", [("COVID19", "latin"), ("Qur'an", "latin"),
                             ("H1N1", "latin")]),
    ("جديد... هل؟!", [("جديد", "arabic"), ("...", "punct"), ("هل", "arabic"),
                      ("؟", "punct"), ("!", "punct")]),
    ("100 $ ﷼ € 😀", [("100", "number"), ("$", "symbol"), ("﷼", "symbol"),
                       ("€", "symbol"), ("😀", "symbol")]),
    ("Привет 你好", [("Привет", "other"), ("你好", "other")]),
    ("\u064e ب", [("\u064e", "other"), ("ب", "arabic")]),
    ("\u0650اسمٌ", [("\u0650اسمٌ", "arabic")]),
    # whitespace, invisibles and lone tatweel separate tokens and are not tokens
    ("\u200fأكد\u00a0\tذلك \u0640 هنا\ufeff", [("أكد", "arabic"), ("ذلك", "arabic"),
                                                ("هنا", "arabic")]),
    ("", []),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_tokenize_cases(text, expected):
    tokens = tokenize(text)
    assert [(t.text, t.kind) for t in tokens] == expected
    assert_spans_ok(text, tokens)


def test_every_whitespace_character_separates():
    spaces = [chr(c) for c in range(0x3001) if chr(c).isspace()]
    for sp in spaces:
        assert texts(f"أكد{sp}ذلك") == ["أكد", "ذلك"], repr(sp)


def test_punctuation_false_drops_only_punct():
    text = 'وأضاف: "التنظيمات ما زالت بحاجة للتواجد في البراري؛ و في أعالي الجبال".'
    kept = tokenize(text, punctuation=False)
    assert [t.text for t in kept] == [t.text for t in tokenize(text)
                                      if t.kind != "punct"]
    assert "؛" not in [t.text for t in kept] and "البراري" in [t.text for t in kept]
    starts, ends, kinds = token_spans(text, punctuation=False)
    assert [text[a:b] for a, b in zip(starts, ends)] == [t.text for t in kept]
    assert KINDS.index("punct") not in kinds.tolist()


# --- the seed article and SaudiNewsNet ------------------------------------------------

def test_seed_article(seed_text):
    tokens = tokenize(seed_text)
    assert_spans_ok(seed_text, tokens)
    words = [t.text for t in tokens]
    for word in ("جرّاء", "أيضاً", "مؤخراً", "داعش", "الأميركية"):
        assert word in words
    # 'لـ "روزنة"' occurs twice in the article: ل, ", روزنة, "
    hits = [i for i, t in enumerate(tokens) if t.text == "روزنة"]
    assert len(hits) == seed_text.count("روزنة")
    for i in hits:
        if seed_text[tokens[i - 2].start:tokens[i].start].startswith("لـ"):
            assert words[i - 2:i + 2] == ["ل", '"', "روزنة", '"']
    # the detached conjunction in 'و أكد'
    i = words.index("أكد")
    assert words[i - 1] == "و"
    numbers = [t.text for t in tokens if t.kind == "number"]
    assert numbers[:3] == ["29", "2020", "14"] and "100" in numbers
    starts, ends, kinds = token_spans(seed_text)
    assert starts.tolist() == [t.start for t in tokens]
    assert [KINDS[k] for k in kinds] == [t.kind for t in tokens]


def _find(texts_: list[str], needle: str) -> str:
    for text in texts_:
        if needle in text:
            return text
    pytest.fail(f"no SaudiNewsNet article contains {needle!r}")


@pytest.mark.parametrize("needle,expected", [
    ("لـ”عين اليوم”", [("ل", "arabic"), ("”", "punct"), ("عين", "arabic"),
                       ("اليوم", "arabic"), ("”", "punct")]),
    ("٥٫٩٤٩٫٢١٢", [("٥٫٩٤٩٫٢١٢", "number")]),
    ("http://riyahdedu.org/moe", [("http://riyahdedu.org/moe", "url")]),
    ("#تحرش_بفتاتين_بجدة", [("#تحرش_بفتاتين_بجدة", "hashtag")]),
    ("a.khojah@asharqalawsat.com", [("a.khojah@asharqalawsat.com", "email")]),
    ("أيضاً", [("أيضاً", "arabic")]),
])
def test_saudinewsnet_examples(request, needle, expected):
    """Each case in the SaudiNewsNet article that has it, or (where the data is
    missing) in a sentence of its own."""
    try:
        text = _find(request.getfixturevalue("saudinewsnet_texts"), needle)
    except pytest.skip.Exception:
        text = f"وقال {needle} أمس."
    tokens = tokenize(text)
    assert_spans_ok(text, tokens)
    at = text.index(needle)
    inside = [(t.text, t.kind) for t in tokens if at <= t.start < at + len(needle)]
    assert inside == expected


# --- clitics ------------------------------------------------------------------------

@pytest.mark.parametrize("word,expected", [
    ("والمسلمين", ["و", "ال", "مسلمين"]),
    ("وبالتالي", ["و", "ب", "ال", "تالي"]),
    ("بالإضافة", ["ب", "ال", "إضافة"]),
    ("فالتنظيم", ["ف", "ال", "تنظيم"]),
    ("كالعادة", ["ك", "ال", "عادة"]),
    ("للتنظيم", ["ل", "ل", "تنظيم"]),
    ("وللتنظيم", ["و", "ل", "ل", "تنظيم"]),
    ("وأكد", ["و", "أكد"]),
    ("ووثق", ["و", "وثق"]),
    ("تمويله", ["تمويل", "ه"]),
    ("جهودهم", ["جهود", "هم"]),
    ("وممارسة", ["و", "ممارسة"]),
    ("وَالمُسلِمِينَ", ["وَ", "ال", "مُسلِمِينَ"]),
    # left alone: too short, root letters, fixed words, article + nisba
    ("منه", ["منه"]), ("وقت", ["وقت"]), ("وزارة", ["وزارة"]), ("في", ["في"]),
    ("فريق", ["فريق"]), ("بلد", ["بلد"]), ("ذلك", ["ذلك"]), ("الذي", ["الذي"]),
    ("الله", ["الله"]), ("بالله", ["ب", "الله"]), ("والتي", ["و", "التي"]),
    ("بيانا", ["بيانا"]), ("الى", ["الى"]), ("لله", ["لله"]), ("abc", ["abc"]),
    ("14", ["14"]), ("", [""]),
])
def test_segment_clitics(word, expected):
    assert segment_clitics(word) == expected
    assert "".join(segment_clitics(word)) == word


def test_tokenize_with_clitics_keeps_spans(seed_text):
    tokens = tokenize(seed_text, clitics=True)
    assert_spans_ok(seed_text, tokens)
    plain = tokenize(seed_text)
    assert len(tokens) > len(plain)
    # the segments of each word concatenate back to it
    assert "".join(t.text for t in tokens) == "".join(t.text for t in plain)
    assert texts("وبالتالي فإن", clitics=True) == ["و", "ب", "ال", "تالي", "فإن"]
    marked = tokenize("وَالمُسلِمِينَ", clitics=True)
    assert [t.text for t in marked] == ["وَ", "ال", "مُسلِمِينَ"]


# --- sentences ----------------------------------------------------------------------

SENTENCE_CASES = [
    ("هل يستطيع إعادة بناء نفسه؟ تحذيرات دولية!", ["هل يستطيع إعادة بناء نفسه؟",
                                                   "تحذيرات دولية!"]),
    ("النسبة 12.5 بالمئة. وأكد ذلك", ["النسبة 12.5 بالمئة.", "وأكد ذلك"]),
    ("قال د. فاروق إن م. أحمد وص. 12 وأ. علي حضروا.",
     ["قال د. فاروق إن م. أحمد وص. 12 وأ. علي حضروا."]),
    ("زار Dr. Smith the U.S. Embassy. ثم عاد", ["زار Dr. Smith the U.S. Embassy.",
                                                "ثم عاد"]),
    ("الرابط http://riyahdedu.org/moe.php?x=1. من جهته", [
        "الرابط http://riyahdedu.org/moe.php?x=1.", "من جهته"]),
    ("تأسست عام 2015م. وقال", ["تأسست عام 2015م.", "وقال"]),
    ('قال: "انتهى الأمر." ثم غادر', ['قال: "انتهى الأمر."', "ثم غادر"]),
    ("الزور.وقال المرصد", ["الزور.", "وقال المرصد"]),
    ("من جديد... هل يستطيع", ["من جديد...", "هل يستطيع"]),
    ("عنوان بلا نقطة\n\nفقرة أولى.\nفقرة ثانية", ["عنوان بلا نقطة", "فقرة أولى.",
                                                 "فقرة ثانية"]),
    ("  ", []),
    ("", []),
]


@pytest.mark.parametrize("text,expected", SENTENCE_CASES)
def test_split_sentences_cases(text, expected):
    assert split_sentences(text) == expected
    assert [text[a:b] for a, b in sentence_spans(text)] == expected


def test_more_than_32_sentences():
    text = " ".join(f"هذه الجملة رقم {i}." for i in range(100))
    sentences = split_sentences(text)
    assert len(sentences) == 100
    assert sentences[-1] == "هذه الجملة رقم 99."


def test_seed_sentences(seed_text):
    spans = sentence_spans(seed_text)
    sentences = [seed_text[a:b] for a, b in spans]
    assert sentences[0] == "تحذيرات دولية من إعادة ترتيب صفوف داعش!"
    assert "سياسي | 29 أغسطس 2020 | مالك الحافظ" in sentences
    assert any(s.startswith("اقرأ أيضاً: داعش إلى الواجهة من جديد...") for s in sentences)
    # every non-empty line is at least one sentence, and more than one when a line
    # holds several full stops that end sentences
    lines = [line for line in seed_text.splitlines() if line.strip()]
    assert len(sentences) > len(lines)
    assert "نحن نستخدم ملفات تعريف الارتباط \"الكوكيز\" لنمنحك أفضل تجربة مستخدم " \
           "ممكنة." in sentences


# --- bad input ----------------------------------------------------------------------

@pytest.mark.parametrize("func", [tokenize, token_spans, split_sentences,
                                  sentence_spans, segment_clitics])
@pytest.mark.parametrize("value,name", [(None, "NoneType"), (b"abc", "bytes"),
                                        (12, "int"), (["a"], "list")])
def test_non_str_is_type_error(func, value, name):
    with pytest.raises(TypeError, match=name):
        func(value)


@pytest.mark.parametrize("text", [
    "", " ", "\ud800", "ب\udfffج", "\u064e\u0651\u0670", "ـــــ", "\u200c\u200d",
    "abcب١2۳Ж", "http://", "www.", "@", "#", "#_", "a@b", "...", "ـبـ",
    "a" + ".a" * 2000, "x" * 5000 + "@" + "y" * 5000,
])
def test_odd_input_never_raises(text):
    tokens = tokenize(text, clitics=True)
    assert_spans_ok(text, tokens)
    starts, ends, _ = token_spans(text)
    assert [text[a:b] for a, b in zip(starts, ends)] == [t.text for t in tokenize(text)]
    for a, b in sentence_spans(text):
        assert text[a:b].strip() == text[a:b] != ""


def test_long_document_is_cut_in_pieces(seed_text):
    text = (seed_text + "\n") * 400   # about 2.3 million characters, several pieces
    assert len(text) > 2 * tk._CHUNK
    tokens = tokenize(text)
    one = tokenize(seed_text + "\n")
    assert len(tokens) == 400 * len(one)
    step = len(seed_text) + 1
    assert tokens[-len(one):] == [Token(t.text, t.start + 399 * step, t.end + 399 * step,
                                        t.kind) for t in one]
    starts, ends, kinds = token_spans(text)
    assert starts.tolist() == [t.start for t in tokens]
    assert ends.tolist() == [t.end for t in tokens]


@pytest.mark.slow
def test_fifty_megabyte_document(seed_text):
    copies = 50_000_000 // (len(seed_text) + 1) + 1
    text = (seed_text + "\n") * copies
    starts, ends, kinds = token_spans(text)
    one = tokenize(seed_text)
    assert len(starts) == copies * len(one)
    assert np.all(starts[1:] >= ends[:-1]) and np.all(ends > starts)
    assert text[starts[-1]:ends[-1]] == one[-1].text
    assert ends[-1] == len(text) - 1 - (len(seed_text) - one[-1].end)


# --- properties ---------------------------------------------------------------------

_ALPHABET = list("بتثجحخدذرسشصضطظعغفقكلمنهويءآأإؤئةىالو") + [
    "\u064b", "\u064e", "\u0650", "\u0651", "\u0652", "\u0670", "\u0640", "\u200c",
    "\u200f", "\ufefb", "0", "5", "٣", "۷", ".", ",", "٫", "٬", "%", "٪", "a", "Z",
    "é", "_", "#", "@", ":", "/", "w", "h", "t", "p", "s", "-", "'", '"', "”", "«",
    "(", "!", "؟", "…", "،", " ", " ", " ", "\n", "\t", "\xa0", "$", "😀", "Ж",
    "\ud800", "\u0300", "د.", "www.", "http://", "x@y.com", "U.S.", "6:30",
    "12:05:59", "٦:٣٠", "۱۲:۰۵", ":00", ":5", "x@y.com 1"]
_texts = st.lists(st.sampled_from(_ALPHABET) | st.characters(), max_size=60).map("".join)


@given(_texts)
def test_property_spans_slice_ordered_and_agree(text):
    tokens = tokenize(text)
    assert_spans_ok(text, tokens)
    starts, ends, kinds = token_spans(text)
    assert starts.tolist() == [t.start for t in tokens]
    assert ends.tolist() == [t.end for t in tokens]
    assert [KINDS[k] for k in kinds] == [t.kind for t in tokens]
    # every character outside tokens is a separator (whitespace, invisible, tatweel)
    covered = set()
    for t in tokens:
        covered.update(range(t.start, t.end))
    for i, ch in enumerate(text):
        if i not in covered:
            assert ch in tk._GAP, (ch, text)


@given(_texts)
def test_property_punctuation_false_is_filter(text):
    assert tokenize(text, punctuation=False) == [t for t in tokenize(text)
                                                 if t.kind != "punct"]
    s, e, k = token_spans(text, punctuation=False)
    s2, e2, k2 = token_spans(text)
    keep = k2 != KINDS.index("punct")
    assert np.array_equal(s, s2[keep]) and np.array_equal(e, e2[keep])
    assert np.array_equal(k, k2[keep])


@given(_texts)
def test_property_fast_path_equals_regex_reference(text):
    fast = tk._scan(text)
    ref = tk._scan_regex(text)
    assert list(fast[0]) == ref[0]
    no_text = tk._scan(text, with_text=False)
    assert no_text[0] is None
    for a, b, c in zip(fast[1:], ref[1:], no_text[1:]):
        assert np.array_equal(a, b) and np.array_equal(c, b) and a.dtype == b.dtype


@given(_texts)
def test_property_chunking_changes_nothing(text):
    whole = tokenize(text)
    old = tk._CHUNK
    try:
        tk._CHUNK = 5
        assert tokenize(text) == whole
        s, e, k = token_spans(text)
        assert s.tolist() == [t.start for t in whole]
    finally:
        tk._CHUNK = old


@given(_texts)
def test_property_clitic_segments_slice_and_rejoin(text):
    tokens = tokenize(text, clitics=True)
    assert_spans_ok(text, tokens)
    assert "".join(t.text for t in tokens) == "".join(t.text for t in tokenize(text))


@given(_texts)
def test_property_sentences_cover_all_but_whitespace(text):
    spans = sentence_spans(text)
    prev = 0
    for a, b in spans:
        assert prev <= a < b <= len(text)
        assert text[a:b].strip() == text[a:b]
        prev = b
    inside = set()
    for a, b in spans:
        inside.update(range(a, b))
    assert all(text[i].isspace() for i in range(len(text)) if i not in inside)


def _reference_tokens(text: str) -> list[Token]:
    """The tokens of ``text`` made the simple way: the regex reference scan, then one
    :class:`Token` call per token with plain ints and kind names."""
    toks, starts, ends, kinds = tk._scan_regex(text)
    return [Token(t, int(a), int(b), KINDS[int(k)])
            for t, a, b, k in zip(toks, starts.tolist(), ends.tolist(), kinds.tolist())]


@contextmanager
def pure_python():
    """Within the block, :class:`Tokens` makes its Token tuples without the C
    accelerator (as when it is not built)."""
    saved = tk._c_make_tokens
    tk._c_make_tokens = None
    try:
        yield
    finally:
        tk._c_make_tokens = saved


def require_accelerator() -> None:
    """Skip without the built C accelerator (fail under ``CI=true``, which builds it)."""
    require_built(tk._c_make_tokens, "arabcorpus.text._tokens_c")


def assert_tokens_as_reference(toks: Tokens, ref: list[Token]) -> None:
    """Every way of reading a :class:`Tokens` gives the reference tokens, each a
    :class:`Token` of a str, two ints and a str, with the C accelerator (when built)
    and without it; the accelerator's tuples are untracked by the garbage collector."""
    _assert_tokens_as_reference(toks, ref)
    if tk._c_make_tokens is not None:
        assert not any(map(gc.is_tracked, toks.tolist()))
        with pure_python():
            _assert_tokens_as_reference(toks, ref)


def _assert_tokens_as_reference(toks: Tokens, ref: list[Token]) -> None:
    made = list(toks)
    assert made == ref and toks.tolist() == ref and toks == ref
    assert all(type(t) is Token and type(t.text) is str and type(t.start) is int
               and type(t.end) is int and type(t.kind) is str for t in made)
    assert [toks[i] for i in range(len(toks))] == ref
    assert list(reversed(toks)) == ref[::-1] and list(toks[1::2]) == ref[1::2]
    assert list(toks[::-3]) == ref[::-3]


@given(_texts)
def test_property_token_objects_equal_reference(text):
    assert_tokens_as_reference(tokenize(text), _reference_tokens(text))


@given(st.lists(st.tuples(st.sampled_from(["كتاب", "x", "14"]),
                          st.integers(-2**40, 2**40), st.integers(-2**40, 2**40),
                          st.sampled_from(KINDS)), max_size=8))
def test_property_tokens_of_any_spans_iterate_back(rows):
    """Spans out of the shared small ints (negative, large) are made as plain ints."""
    ref = [Token(*row) for row in rows]
    assert_tokens_as_reference(Tokens(rows), ref)


def test_token_objects_beyond_the_shared_ints():
    limit = len(tk._SMALL_INTS)
    for pad in (limit - 4, limit - 2, limit, 3 * limit):
        text = " " * pad + "أكد 14"
        assert_tokens_as_reference(tokenize(text), _reference_tokens(text))
        assert tokenize(text)[1] == Token("14", pad + 4, pad + 6, "number")


def test_token_objects_of_2000_saudinewsnet_articles(saudinewsnet_texts):
    for text in saudinewsnet_texts[:2000]:
        assert_tokens_as_reference(tokenize(text), _reference_tokens(text))
    docs = tk.tokenize_many(saudinewsnet_texts[:2000])
    for text, toks in zip(saudinewsnet_texts[:200], docs):
        assert_tokens_as_reference(toks, _reference_tokens(text))


# --- the optional C accelerator of the Token tuples ---------------------------------------

def _fields(tokens: list) -> list[tuple]:
    """Each token's type and its fields' types and values."""
    return [(type(t), tuple((type(x), x) for x in t)) for t in tokens]


@given(_texts)
def test_property_accelerator_equals_pure_python(text):
    require_accelerator()
    toks = tokenize(text)
    made = toks.tolist()
    with pure_python():
        plain = toks.tolist()
        plain_iter = list(toks)
    assert type(made) is list and made == plain == plain_iter
    assert _fields(made) == _fields(plain) == _fields(list(toks))
    assert not any(map(gc.is_tracked, made))


def test_accelerator_equals_pure_python_on_2000_saudinewsnet_articles(saudinewsnet_texts):
    require_accelerator()
    for text in saudinewsnet_texts[:2000]:
        toks = tokenize(text)
        made = list(toks)
        with pure_python():
            plain = list(toks)
        assert _fields(made) == _fields(plain)
        assert not any(map(gc.is_tracked, made))


def test_accelerator_untracks_only_tuples_of_str_and_int():
    require_accelerator()
    make = tk._c_make_tokens
    toks = make(Token, ("a", "b", "c"), [1, 2**70, True], [2, 3, 4], ["arabic", [], "x"])
    assert toks == [Token("a", 1, 2, "arabic"), Token("b", 2**70, 3, []),
                    Token("c", True, 4, "x")]
    assert all(type(t) is Token for t in toks)
    # a list can hold a cycle, a bool is not an exact int: those tuples stay tracked
    assert [gc.is_tracked(t) for t in toks] == [False, True, True]

    class WithDict(tuple):  # instances have a __dict__, which can hold anything
        pass

    (obj,) = make(WithDict, ("a",), [1], [2], ["x"])
    assert type(obj) is WithDict and obj == ("a", 1, 2, "x") and gc.is_tracked(obj)
    for bad in (tuple, list, Tokens, 3):
        with pytest.raises(TypeError):
            make(bad, (), [], [], [])
    with pytest.raises(ValueError):
        make(Token, ("a",), [1], [2], [])
    assert make(Token, (), [], [], []) == []


def test_token_made_by_its_constructor_is_tracked():
    """A Token the user makes (here with a list in it) is an ordinary tuple subclass
    instance: the garbage collector tracks it and can free a cycle through it."""
    require_accelerator()
    tok = Token([], 0, 1, "arabic")
    assert gc.is_tracked(tok) and gc.is_tracked(Token("a", 0, 1, "arabic"))
    tok.text.append(tok)
    del tok
    gc.collect()


def test_accelerator_keeps_reference_counts():
    require_accelerator()
    text = "أكد 14 عنصرا في حصيلة جديدة."
    toks = tokenize(text)
    word, kind, start = toks._texts[0], KINDS[0], 4000
    counts = [sys.getrefcount(x) for x in (word, kind, start, Token)]
    tracemalloc.start()
    try:
        for _ in range(3):
            toks.tolist()
        before = tracemalloc.get_traced_memory()[0]
        for _ in range(200_000):  # a million tokens and more
            toks.tolist()
            tk._c_make_tokens(Token, (word,), [start], [start], [kind])
        after = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert [sys.getrefcount(x) for x in (word, kind, start, Token)] == counts
    assert after - before < 10_000


# --- the whole of SaudiNewsNet --------------------------------------------------------

@pytest.mark.slow
def test_all_saudinewsnet_spans_slice_back(saudinewsnet_texts):
    n_tokens = 0
    for text in saudinewsnet_texts:
        tokens = tokenize(text)
        starts, ends, kinds = token_spans(text)
        assert len(starts) == len(tokens)
        for t, a, b, k in zip(tokens, starts.tolist(), ends.tolist(), kinds.tolist()):
            assert text[a:b] == t.text and t.start == a and t.end == b
            assert KINDS[k] == t.kind
        assert np.all(starts[1:] >= ends[:-1])
        n_tokens += len(tokens)
    assert n_tokens > 9_000_000


@given(st.lists(_texts, max_size=6))
def test_property_batched_apis_equal_regex_reference(texts):
    """tokenize/token_spans and their batched forms equal the plain regex scan."""
    many = tk.tokenize_many(texts)
    spans_many = tk.token_spans_many(texts)
    spans_nopunct = tk.token_spans_many(texts, punctuation=False)
    assert len(many) == len(spans_many) == len(texts)
    for text, toks, (s, e, k), (s2, e2, k2) in zip(texts, many, spans_many, spans_nopunct):
        ref_toks, ref_s, ref_e, ref_k = tk._scan_regex(text)
        expected = [Token(t, a, b, KINDS[c]) for t, a, b, c in
                    zip(ref_toks, ref_s.tolist(), ref_e.tolist(), ref_k.tolist())]
        assert toks == tokenize(text) == expected
        assert s.tolist() == ref_s.tolist() and e.tolist() == ref_e.tolist()
        assert k.tolist() == ref_k.tolist() and k.dtype == np.uint8
        keep = ref_k != KINDS.index("punct")
        assert s2.tolist() == ref_s[keep].tolist() and k2.tolist() == ref_k[keep].tolist()


@given(st.lists(_texts, max_size=6), st.booleans(), st.booleans())
def test_property_tokenize_many_options(texts, punctuation, clitics):
    many = tk.tokenize_many(texts, punctuation=punctuation, clitics=clitics)
    assert many == [tokenize(t, punctuation=punctuation, clitics=clitics) for t in texts]
    for text, toks in zip(texts, many):
        assert isinstance(toks, Tokens)
        assert_spans_ok(text, toks)
        expected = [t for t in tokenize(text, clitics=clitics)
                    if punctuation or t.kind != "punct"]
        assert toks == expected
        assert toks.texts == [t.text for t in expected]
        assert toks.starts.tolist() == [t.start for t in expected]


def test_batched_apis_reject_non_str():
    with pytest.raises(TypeError, match="texts\\[1\\] must be a str, got int"):
        tk.tokenize_many(["نص", 3])
    with pytest.raises(TypeError, match="single str"):
        tk.token_spans_many("نص")


# --- clock times --------------------------------------------------------------------

_CLOCK_DIGITS = (tk.chars.DIGITS_ASCII, tk.chars.DIGITS_ARABIC_INDIC,
                 tk.chars.DIGITS_EASTERN)


@st.composite
def _clock_times(draw):
    digits = draw(st.sampled_from(_CLOCK_DIGITS))
    hour = draw(st.integers(0, 99))
    groups = draw(st.lists(st.integers(0, 59), min_size=1, max_size=2))
    text = str(hour) if draw(st.booleans()) else f"{hour:02d}"
    text += "".join(f":{g:02d}" for g in groups)
    return text.translate(str.maketrans("0123456789", digits))


@given(_clock_times(), st.sampled_from(["", " ", "الساعة ", "الساعة", "(", "و"]),
       st.sampled_from(["", " ", ".", "،", ")", " صباحا", "%"]))
def test_property_clock_time_is_one_number_in_every_path(clock, before, after):
    text = before + clock + after
    start = text.index(clock)
    expected = Token(clock, start, start + len(clock), "number")
    assert expected in tokenize(text)
    ref_toks, ref_s, ref_e, ref_k = tk._scan_regex(text)
    assert clock in ref_toks
    many = tk.tokenize_many([text, "قتل 14", text])
    assert expected in many[0] and expected in many[2]
    for s, e, k in [token_spans(text), *tk.token_spans_many(["أكد", text])[1:]]:
        assert (start, start + len(clock), KINDS.index("number")) in zip(
            s.tolist(), e.tolist(), k.tolist())


def test_batched_paths_keep_clock_times():
    docs = ["من 6:30 إلى 10:00", "١٢:٠٥:٥٩ و2:255", "", "۶:۳۰ 1:00:00:00 6:30.5"]
    many = tk.tokenize_many(docs)
    spans = tk.token_spans_many(docs)
    for text, toks, (s, e, k) in zip(docs, many, spans):
        ref_toks, ref_s, ref_e, ref_k = tk._scan_regex(text)
        assert toks.texts == ref_toks == tokenize(text).texts
        assert s.tolist() == ref_s.tolist() and k.tolist() == ref_k.tolist()
    assert many[0].texts[1::2] == ["6:30", "10:00"]
    assert many[1].texts == ["١٢:٠٥:٥٩", "و", "2", ":", "255"]
    assert many[3].texts[0] == "۶:۳۰" and ":" in many[3].texts[1:]


# --- gold tokens of UD Arabic PUD ---------------------------------------------------

def _pud_gold(path):
    """``(text, gold spans)`` per sentence: UD words, non-punctuation words joined by
    ``SpaceAfter=No`` merged into one orthographic token (clitics with their host)."""
    text, words = None, []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("# text = "):
            text = line[len("# text = "):]
        elif not line:
            if text is not None:
                tokens, glued = [], False
                for form, punct, no_space in words:
                    if tokens and glued and not punct and not tokens[-1][1]:
                        tokens[-1] = (tokens[-1][0] + form, False)
                    else:
                        tokens.append((form, punct))
                    glued = no_space
                spans, pos = [], 0
                for form, _ in tokens:
                    pos = text.index(form, pos)
                    spans.append((pos, pos + len(form)))
                    pos += len(form)
                yield text, spans
            text, words = None, []
        elif not line.startswith("#"):
            f = line.split("\t")
            if "-" not in f[0] and "." not in f[0]:
                words.append((f[1], f[3] == "PUNCT", "SpaceAfter=No" in f[9]))


def test_tokens_against_ud_arabic_pud(data_dir):
    path = data_dir / "ud" / "ar_pud-first500.conllu"
    if not path.exists():
        pytest.skip(f"{path} not found")
    tp = n_gold = n_pred = 0
    clock_gold = clock_found = 0
    for text, gold in _pud_gold(path):
        pred = {(t.start, t.end) for t in tokenize(text)}
        tp += len(pred & set(gold))
        n_gold += len(gold)
        n_pred += len(pred)
        for a, b in gold:
            if ":" in text[a:b] and text[a].isdigit():
                clock_gold += 1
                clock_found += (a, b) in pred
    precision, recall = tp / n_pred, tp / n_gold
    assert 2 * precision * recall / (precision + recall) >= 0.996
    assert clock_gold >= 2 and clock_found == clock_gold


# --- keyword-only options ------------------------------------------------------------

def test_positional_options_are_deprecated():
    with pytest.warns(DeprecationWarning, match="punctuation=..., clitics=..."):
        old = tokenize("و أكد، المرصد!", False, True)
    assert old == tokenize("و أكد، المرصد!", punctuation=False, clitics=True)
    with pytest.warns(DeprecationWarning, match="punctuation="):
        s, _, _ = token_spans("أكد، ذلك", False)
    assert s.tolist() == [0, 5]
    with pytest.warns(DeprecationWarning):
        assert tk.tokenize_many(["أكد،"], False) == [tokenize("أكد،", punctuation=False)]
    with pytest.warns(DeprecationWarning):
        tk.token_spans_many(["أكد،"], False)
    with pytest.raises(TypeError, match="punctuation must be True or False"):
        tokenize("أكد", punctuation="no")


def test_moved_names_still_import_from_tokenize():
    from arabcorpus.text import light_clitics, sentences
    from arabcorpus.text.tokenize import (ABBREVIATIONS, ENCLITICS, PROCLITICS,
                                          sentence_spans as spans, split_sentences as split,
                                          segment_clitics as seg)
    assert split is sentences.split_sentences and spans is sentences.sentence_spans
    assert seg is light_clitics.segment_clitics
    assert ABBREVIATIONS is sentences.ABBREVIATIONS
    assert ENCLITICS is light_clitics.ENCLITICS and PROCLITICS is light_clitics.PROCLITICS
    with pytest.raises(AttributeError):
        tk.no_such_name
