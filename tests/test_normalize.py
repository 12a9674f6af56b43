"""Tests of arabcorpus.text.normalize: each rule, the rule order, profiles, offsets, the
batched path, bad input, hypothesis properties and compatibility with CAMeL Tools."""

from __future__ import annotations

import contextlib
import gc
import re
import sys
import threading
import unicodedata

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arabcorpus.text import chars
from arabcorpus.text import normalize as nz
from arabcorpus.text.diacritics import strip_diacritics
from arabcorpus.text.normalize import PROFILES, RULES, Normalizer, normalize
from accelerators import require_built

HAMZA_ABOVE, HAMZA_BELOW, MADDA = "\u0654", "\u0655", "\u0653"


# --- one rule at a time ---------------------------------------------------------------
RULE_CASES = [
    # (function, input, expected)
    (nz.normalize_presentation_forms, "ﻻ ﻷ ﻹ ﻵ", "لا لأ لإ لآ"),
    (nz.normalize_presentation_forms, "ﺑﺴﻢ ﷲ", "بسم الله"),
    (nz.normalize_presentation_forms, "ﺍﻟﻌﺮﺑﻴﺔ", "العربية"),
    (nz.normalize_presentation_forms, "\ufdfc", "ریال"),    # rial sign, NFKC
    (nz.normalize_presentation_forms, "\ufd3e\ufd3f", "\ufd3e\ufd3f"),  # no decomposition
    (nz.normalize_presentation_forms, "ﻻ x", "لا x"),
    (nz.compose_hamza, "ا" + HAMZA_ABOVE + "يضاً", "أيضاً"),
    (nz.compose_hamza, "ا" + MADDA + "خر", "آخر"),
    (nz.compose_hamza, "ا" + HAMZA_BELOW + "لى", "إلى"),
    (nz.compose_hamza, "سو" + HAMZA_ABOVE + "ال", "سؤال"),
    (nz.compose_hamza, "ي" + HAMZA_ABOVE, "ئ"),
    (nz.compose_hamza, "ى" + HAMZA_ABOVE, "ئ"),
    (nz.compose_hamza, "ه" + HAMZA_ABOVE, "ۀ"),
    (nz.compose_hamza, "ب" + HAMZA_ABOVE, "ب" + HAMZA_ABOVE),   # no such letter
    (nz.compose_hamza, HAMZA_ABOVE + "ا", HAMZA_ABOVE + "ا"),     # mark before seat
    (nz.remove_tatweel, 'لـ "روزنة"', 'ل "روزنة"'),
    (nz.remove_tatweel, "السعوديـــة", "السعودية"),
    (nz.remove_invisibles, "\u200fعين\u200c \u202bاليوم\u202c\ufeff\u00ad\u061c",
     "عين اليوم"),
    (nz.normalize_spaces, "عين\u00a0\u00a0اليوم", "عين اليوم"),
    (nz.normalize_spaces, "أ \t  ب\n\n  ج", "أ ب\n\n ج"),
    (nz.normalize_spaces, "  ", " "),
    (nz.normalize_alef, "أإآٱ", "اااا"),
    (nz.normalize_alef, "أكد إلى آخر", "اكد الى اخر"),
    (nz.normalize_alef_maksura, "على مستوى", "علي مستوي"),
    (nz.normalize_teh_marbuta, "روزنة", "روزنه"),
    (nz.normalize_hamza_seats, "سؤال الأئمة", "سءال الأءمة"),
    (nz.normalize_lookalikes, "کتاب فارسی", "كتاب فارسي"),
    (nz.normalize_lookalikes, "ہ ە ۃ ڪ", "ه ه ة ك"),
    (nz.digits_to_ascii, "٢٠١٥", "2015"),
    (nz.digits_to_ascii, "١٢٫٥", "12.5"),
    (nz.digits_to_ascii, "١٬٠٠٠", "1,000"),
    (nz.digits_to_ascii, "۱۳۹۴ و٢٠٢٠", "1394 و2020"),
    (nz.digits_to_arabic, "29 أغسطس 2020", "٢٩ أغسطس ٢٠٢٠"),
    (nz.digits_to_arabic, "۱۳۹۴", "١٣٩٤"),
    (nz.normalize_punctuation, "”عين اليوم”", '"عين اليوم"'),
    (nz.normalize_punctuation, "«الرياض»، ماذا؟ ٪٥؛", '"الرياض", ماذا? %٥;'),
    (nz.normalize_punctuation, "‘x’ “y”", "'x' \"y\""),
    (nz.strip_diacritics, "أيضاً", "أيضا"),
    (nz.strip_diacritics, "جرّاء", "جراء"),
]


@pytest.mark.parametrize("func, text, expected", RULE_CASES,
                         ids=[f"{f.__name__}-{i}" for i, (f, _, _) in
                              enumerate(RULE_CASES)])
def test_rule_function(func, text, expected):
    assert func(text) == expected
    # the long (NumPy) path gives the same as the short one
    long_text = (text + "\n") * 200
    assert func(long_text) == (expected + "\n") * 200


def test_every_rule_has_a_function_and_a_keyword():
    funcs = {"presentation_forms": nz.normalize_presentation_forms,
             "compose": nz.compose_hamza, "tatweel": nz.remove_tatweel,
             "invisibles": nz.remove_invisibles, "spaces": nz.normalize_spaces,
             "diacritics": nz.strip_diacritics, "alef": nz.normalize_alef,
             "digits": nz.digits_to_ascii, "alef_maksura": nz.normalize_alef_maksura,
             "teh_marbuta": nz.normalize_teh_marbuta,
             "hamza_seats": nz.normalize_hamza_seats,
             "lookalikes": nz.normalize_lookalikes,
             "punctuation": nz.normalize_punctuation}
    assert set(funcs) == set(RULES)
    sample = ("ﻻ ا" + HAMZA_ABOVE + "ـ\u200c\u00a0 أيضاً على روزنة سؤال کتاب ٢٠١٥ ”x” ‏"
              " \u06d6 ئ ۃ")
    for rule, func in funcs.items():
        assert Normalizer("none", **{rule: True})(sample) == func(sample), rule
    assert Normalizer("none", digits="arabic")(sample) == nz.digits_to_arabic(sample)


def test_diacritics_rule_is_strip_diacritics(request):
    try:
        news = request.getfixturevalue("seed_text")
    except pytest.skip.Exception:  # no data: the bundled sample's articles
        import json
        from pathlib import Path

        import arabcorpus
        lines = (Path(arabcorpus.__file__).parent / "data" / "sample.jsonl").read_text(
            encoding="utf-8").splitlines()
        news = "\n".join(json.loads(line)["text"] for line in lines if line.strip())
    only = Normalizer("none", diacritics=True)
    assert only(news) == strip_diacritics(news)
    text = "".join(sorted(chars.DIACRITICS)) + "بَ"
    # the combining hamza above and below follow other marks: no seat, kept as ء
    assert only(text) == strip_diacritics(text) == "ءءب"
    for word in ("مسو" + HAMZA_ABOVE + "ول", "ا" + HAMZA_BELOW, "ر" + HAMZA_ABOVE + "س",
                 "ا" + MADDA + "خر", "ی" + HAMZA_ABOVE):
        assert only(word) == strip_diacritics(word), word


# --- profiles and the real examples -----------------------------------------------------
def test_profiles():
    assert set(PROFILES) == {"none", "light", "standard", "search"}
    assert PROFILES["light"] == {"presentation_forms", "compose", "tatweel",
                                 "invisibles", "spaces"}
    assert PROFILES["standard"] == PROFILES["light"] | {"diacritics", "alef", "digits"}
    assert PROFILES["search"] == PROFILES["standard"] | {
        "alef_maksura", "teh_marbuta", "hamza_seats", "lookalikes", "punctuation"}
    for profile, rules in PROFILES.items():
        n = Normalizer(profile)
        assert set(n.enabled) == rules
        assert n.profile == profile
        assert list(n.rules) == list(RULES)
    assert Normalizer("none")("أيضاً  ـ") == "أيضاً  ـ"


@pytest.mark.parametrize("text, light, standard, search", [
    ("أيضاً", "أيضاً", "ايضا", "ايضا"),
    ("جرّاء", "جرّاء", "جراء", "جراء"),
    ('لـ "روزنة"', 'ل "روزنة"', 'ل "روزنة"', 'ل "روزنه"'),
    ("”عين اليوم”", "”عين اليوم”", "”عين اليوم”", '"عين اليوم"'),
    ("٢٠١٥ ١٢٫٥ ١٬٠٠٠", "٢٠١٥ ١٢٫٥ ١٬٠٠٠", "2015 12.5 1,000", "2015 12.5 1,000"),
    ("ﺍﻟﻌﺮﺑﻴﺔ ﻻ", "العربية لا", "العربية لا", "العربيه لا"),
    ("ا" + HAMZA_ABOVE + "كد", "أكد", "اكد", "اكد"),
    ("مسئول مسؤول", "مسئول مسؤول", "مسئول مسؤول", "مسءول مسءول"),
    ("على\u00a0 مستوى\u200f", "على مستوى", "على مستوى", "علي مستوي"),
])
def test_profiles_on_real_examples(text, light, standard, search):
    assert Normalizer("light")(text) == light
    assert Normalizer("standard")(text) == standard
    assert normalize(text) == standard
    assert Normalizer("search")(text) == search
    assert normalize(text, profile="search") == search


def test_override_one_rule():
    n = Normalizer(profile="search", teh_marbuta=False)
    assert n("روزنة على") == "روزنة علي"
    assert n.rules["teh_marbuta"] is False and "teh_marbuta" not in n.enabled
    assert Normalizer("standard", digits="arabic")("2015 ۱۳۹۴") == "٢٠١٥ ١٣٩٤"
    assert Normalizer("none", alef=True)("أب") == "اب"
    assert normalize("أب", profile="none", alef=True) == "اب"
    assert "teh_marbuta=False" in repr(n)


def test_seed_article(seed_text):
    n = Normalizer("search")
    out = n(seed_text)
    assert 'ل "روزنه"' in out and "ايضا" in out and "جراء" in out
    assert "ـ" not in out and not set(out) & chars.DIACRITICS
    assert "  " not in out
    assert out.count("\n") == seed_text.count("\n")     # paragraphs kept
    assert n(out) == out


# --- order -----------------------------------------------------------------------------
def test_order_tatweel_before_maksura_unlike_pyarabic():
    # PyArabic's normalize_searchtext turns دمـــى into دما
    from pyarabic.normalize import normalize_searchtext
    assert normalize_searchtext("دمـــى") == "دما"
    assert Normalizer("search")("دمـــى") == "دمي"


def test_order_compose_before_diacritics():
    decomposed, composed = "ا" + HAMZA_ABOVE + "يضاً", "أيضاً"
    for profile in PROFILES:
        if profile == "none":
            continue
        n = Normalizer(profile)
        assert n(decomposed) == n(composed), profile
    only = Normalizer("none", compose=True, diacritics=True)
    assert only("ا" + HAMZA_ABOVE) == "أ"       # composed, not stripped
    # stripping diacritics composes first, even with compose off: a hamza is kept
    assert Normalizer("none", diacritics=True)("ا" + HAMZA_ABOVE) == "أ"
    assert Normalizer("standard")("مسو" + HAMZA_ABOVE + "ول") == "مسؤول"
    assert Normalizer("standard")("ر" + HAMZA_ABOVE + "س") == "رءس"


def test_order_tatweel_and_invisibles_before_compose():
    assert Normalizer("light")("اـ" + HAMZA_ABOVE) == "أ"
    assert Normalizer("light")("ا\u200d" + HAMZA_ABOVE) == "أ"
    assert Normalizer("light", tatweel=False)("اـ" + HAMZA_ABOVE) == "اـ" + HAMZA_ABOVE


def test_order_lookalikes_before_letter_folds():
    assert Normalizer("search")("ۃ") == "ه"        # ۃ -> ة -> ه
    assert Normalizer("search")("ٵ") == "ا"        # ٵ -> أ -> ا
    assert Normalizer("search")("ۀ") == "ه"        # ۀ -> ه
    assert Normalizer("search")("ه" + HAMZA_ABOVE) == "ه"


def test_order_spaces_last():
    n = Normalizer("search")
    assert n("من \u064b عين") == "من عين"            # the mark between two spaces
    assert n("من ـ عين") == "من عين"
    assert n("ﹰ") == " "                              # isolated tanwin form: space + mark


# --- offsets ---------------------------------------------------------------------------
def test_offsets_example():
    text = 'لـ "روزنة" ﻻ ا' + HAMZA_ABOVE + "  ٢"
    out, off = Normalizer("search").normalize_with_offsets(text)
    assert out == 'ل "روزنه" لا ا 2'
    assert off.dtype == np.int64 and len(off) == len(out)
    assert off.tolist() == [0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 11, 12, 13, 15, 17]


def test_offsets_map_a_span_back(seed_text):
    out, off = Normalizer("search").normalize_with_offsets(seed_text)
    assert out == Normalizer("search")(seed_text)
    start = out.index("روزنه")
    end = start + len("روزنه")
    assert seed_text[off[start]:off[end - 1] + 1] == "روزنة"
    start = out.index("ايضا")
    end = start + len("ايضا")
    assert seed_text[off[start]:off[end - 1] + 1] == "أيضا"
    # up to the source of the next output character: the marks after it too
    assert seed_text[off[start]:off[end]] == "أيضاً"


def test_offsets_trivial_profile():
    out, off = Normalizer("none").normalize_with_offsets("abc")
    assert out == "abc" and off.tolist() == [0, 1, 2]


# --- batches ---------------------------------------------------------------------------
def test_normalize_many_boundaries():
    n = Normalizer("search")
    texts = ["إلى  ", "  ٢٠١٥", "", "ا", HAMZA_ABOVE + "x", "ﻻ", "\u064b", "ـ", " ",
             "a\n", "\nb", "😀 ", "\ud800", "ا" + HAMZA_ABOVE]
    expected = [n(t) for t in texts]
    assert n.normalize_many(texts) == expected
    assert n.normalize_many(texts, batch_chars=3) == expected
    assert n.normalize_many(iter(texts)) == expected
    assert n._batch(texts) == expected           # one joined pass
    light = Normalizer("light")
    assert light.normalize_many(["ا", HAMZA_ABOVE]) == ["ا", HAMZA_ABOVE]   # no joining
    assert n.normalize_many([]) == []


def test_normalize_many_bad_items():
    n = Normalizer("search")
    with pytest.raises(TypeError, match=r"texts\[1\].*int"):
        n.normalize_many(["a", 3])
    with pytest.raises(TypeError, match="single str"):
        n.normalize_many("abc")


def test_normalize_many_workers_same_result_and_order(seed_text):
    n = Normalizer("search")
    texts = [seed_text[k:k + 700] + "ـ\u064e\u0654 ﻻ" * (k % 3) for k in range(0, 7000, 70)]
    expected = [n(t) for t in texts]
    for workers in (1, 2, 5, None):
        assert n.normalize_many(texts, batch_chars=2000, workers=workers) == expected
        assert n.normalize_many(iter(texts), batch_chars=2000, workers=workers) == expected
    assert n.normalize_many([], workers=4) == []


@pytest.mark.parametrize("bad, error", [(0, ValueError), (-2, ValueError),
                                        (1.5, TypeError), ("2", TypeError),
                                        (True, TypeError)])
def test_normalize_many_workers_validated(bad, error):
    with pytest.raises(error, match="workers must be a positive int or None"):
        Normalizer("search").normalize_many(["a"], workers=bad)
    with pytest.raises(error, match="workers must be a positive int or None"):
        Normalizer("none").normalize_many([], workers=bad)   # even with nothing to do


def test_normalize_many_workers_is_keyword_only():
    n = Normalizer("search")
    with pytest.raises(TypeError):
        n.normalize_many(["a"], 1 << 18, 2)


# --- bad and strange input ----------------------------------------------------------------
def test_type_errors():
    n = Normalizer("search")
    for bad in (b"abc", None, 3, ["a"]):
        with pytest.raises(TypeError, match=type(bad).__name__):
            n.normalize(bad)
        with pytest.raises(TypeError, match=type(bad).__name__):
            n.normalize_with_offsets(bad)
    with pytest.raises(TypeError, match="bytes"):
        nz.normalize_alef(b"x")
    with pytest.raises(TypeError, match="int"):
        Normalizer(3)


def test_value_errors_list_valid_names():
    with pytest.raises(ValueError, match="light, standard, search"):
        Normalizer("fast")
    with pytest.raises(ValueError, match="teh_marbuta"):
        Normalizer("search", teh_marbota=False)
    with pytest.raises(ValueError, match="'ascii' or 'arabic'"):
        Normalizer("search", digits="persian")
    with pytest.raises(ValueError, match="none"):
        normalize("x", profile="Search")
    with pytest.raises(ValueError, match="batch_chars must be >= 1"):
        Normalizer("search").normalize_many(["x"], batch_chars=0)


def test_wrong_types_are_type_errors():
    with pytest.raises(TypeError, match="alef must be True or False, got str"):
        Normalizer("search", alef="yes")
    with pytest.raises(TypeError, match="alef must be True or False, got list"):
        normalize("x", alef=[1])
    with pytest.raises(TypeError, match="batch_chars must be an int"):
        Normalizer("search").normalize_many(["x"], batch_chars=2.5)


def test_positional_options_are_deprecated():
    with pytest.warns(DeprecationWarning, match="profile="):
        assert normalize("على", "search") == "علي"
    with pytest.warns(DeprecationWarning, match="batch_chars="):
        assert Normalizer("search").normalize_many(["على"], 10) == ["علي"]
    assert normalize("على", profile="search", alef_maksura=False) == "على"


STRANGE = ["", "\ud800", "\udc00\ud800", "\ud83d\ude00", "ab\ud800cd\u064e",
           "\u064e\u0651\u0654", "\u0654", "😀\u0654ا", "Hello عالم 你好 мир",
           "\uffff\ufffe", "ﻻ\uffff", "\n\n", "\u0654" * 300, "ﻻ" * 300 + "\ud800"]


@pytest.mark.parametrize("profile", list(PROFILES))
def test_strange_strings_never_raise(profile):
    n = Normalizer(profile)
    for text in STRANGE:
        out = n(text)
        assert isinstance(out, str)
        assert n._plan.transform(text)[0] == n._plan.short(text) == out
        out2, off = n.normalize_with_offsets(text)
        assert out2 == out and len(off) == len(out)
        assert isinstance(strip_diacritics(text), str)
    assert n.normalize_many(STRANGE) == [n(t) for t in STRANGE]


def test_lone_surrogate_survives():
    assert Normalizer("search")("\ud800ا" + HAMZA_ABOVE) == "\ud800ا"
    assert Normalizer("light")("\ud800ا" + HAMZA_ABOVE) == "\ud800أ"
    # UTF-32 round trip of what we produce
    out = Normalizer("search")("a\udfffb")
    assert out.encode("utf-32-le", "surrogatepass").decode("utf-32-le",
                                                           "surrogatepass") == out


def test_fifty_megabytes(seed_text):
    size = 50 * 1024 * 1024
    reps = size // len(seed_text.encode("utf-8")) + 1
    doc = seed_text * reps
    assert len(doc.encode("utf-8")) >= size
    n = Normalizer("search")
    out = n(doc)
    assert out == n(seed_text) * reps
    assert strip_diacritics(doc) == strip_diacritics(seed_text) * reps


# --- hypothesis properties ----------------------------------------------------------------
_ALPHABET = sorted(
    set("ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآؤئىةٱ ـ\n\t.,،؛؟!\"'«»“”‘’0123456789٠١٢٣٤٥٦٧٨٩"
        "۰۱۲۳۴۵۶۷۸۹٫٬٪ab کیہەۀۃڪٵ")
    | set(chars.DIACRITICS) | set(chars.INVISIBLES) | set(chars.UNICODE_SPACES)
    | {"\ufefb", "\ufef7", "\ufdf2", "\ufdfa", "\ufe70", "\ufe71", "\ufe8d", "\ufe91",
       "\ufd3e", "\ufdfc", "\ud800", "\udc00", "\ud83d", "\ude00", "😀", "\uffff",
       "\ufffe", "\u00a0"})
texts = (st.text(alphabet=st.sampled_from(_ALPHABET), max_size=60)
         | st.text(max_size=30)
         | st.text(st.characters(exclude_categories=()), max_size=30))  # + surrogates
profiles = st.sampled_from(list(PROFILES))
rule_sets = st.dictionaries(st.sampled_from(RULES), st.booleans())


def _reference(n: Normalizer, text: str) -> str:
    out = "".join(n._plan.run(text)[0])
    return re.sub(" {2,}", " ", out) if n.rules["spaces"] else out


@given(texts, profiles)
def test_idempotent(text, profile):
    n = Normalizer(profile)
    once = n(text)
    assert n(once) == once


@given(texts, rule_sets)
def test_paths_agree_with_reference(text, rules):
    n = Normalizer("none", **rules)
    ref = _reference(n, text)
    assert n(text) == ref
    assert n._plan.transform(text)[0] == ref
    assert n._plan.document(text) == ref
    assert n._plan.short(text) == ref


@given(texts)
def test_strip_diacritics_never_raises(text):
    out = strip_diacritics(text)
    assert not set(out) & chars.DIACRITICS


@given(texts)
def test_nothing_stripped_survives(text):
    n = Normalizer("search")
    out = n(text)
    for c in set(out):
        assert n._plan.full.get(c, c) == c          # every output char is a fixed point
    assert not set(out) & (chars.DIACRITICS | chars.INVISIBLES | chars.ALEF_VARIANTS
                           | chars.HAMZA_SEATS | chars.UNICODE_SPACES
                           | set(chars.DIGITS_ARABIC_INDIC) | set(chars.DIGITS_EASTERN)
                           | set(chars.LOOKALIKES) | {"ى", "ة", "ـ", "“", "”", "«"})
    assert "  " not in out


@given(texts, profiles)
def test_offsets(text, profile):
    n = Normalizer(profile)
    out, off = n.normalize_with_offsets(text)
    assert out == n(text)
    assert len(off) == len(out)
    if len(off):
        assert off.min() >= 0 and off.max() < len(text)
        assert np.all(np.diff(off) >= 0)
    for k, ch in enumerate(out):
        src = text[off[k]]
        ok = ch in n(src) or any(ch in n(src + m) for m in (HAMZA_ABOVE, HAMZA_BELOW,
                                                             MADDA))
        assert ok, (k, ch, src)


@given(st.lists(texts, max_size=8), profiles, st.integers(1, 64))
def test_batch_equals_per_text(items, profile, batch_chars):
    n = Normalizer(profile)
    expected = [n(t) for t in items]
    assert n.normalize_many(items) == expected
    assert n.normalize_many(items, batch_chars=batch_chars) == expected
    assert n.normalize_many(items, batch_chars=batch_chars, workers=3) == expected
    if items:  # the joined NumPy pass itself, whatever the batch size
        assert n._batch(list(items)) == expected


# --- compatibility with CAMeL Tools on all of SaudiNewsNet ------------------------------
def test_same_as_camel_tools_rules(saudinewsnet_texts):
    camel = pytest.importorskip("camel_tools.utils.normalize")
    assert len(saudinewsnet_texts) == 31030
    pairs = [(nz.normalize_alef, camel.normalize_alef_ar),
             (nz.normalize_alef_maksura, camel.normalize_alef_maksura_ar),
             (nz.normalize_teh_marbuta, camel.normalize_teh_marbuta_ar)]
    for ours, theirs in pairs:
        changed = 0
        for text in saudinewsnet_texts:
            expected = theirs(text)
            assert ours(text) == expected, ours.__name__
            changed += expected != text
        assert changed > 1000, ours.__name__       # the rule really ran
    # the same rules inside a Normalizer, batched
    n = Normalizer("none", alef=True, alef_maksura=True, teh_marbuta=True)
    got = n.normalize_many(saudinewsnet_texts)
    for text, out in zip(saudinewsnet_texts, got):
        assert out == camel.normalize_teh_marbuta_ar(
            camel.normalize_alef_maksura_ar(camel.normalize_alef_ar(text)))


def test_search_batch_equals_per_document(saudinewsnet_texts):
    n = Normalizer("search")
    batched = n.normalize_many(saudinewsnet_texts)
    sample = saudinewsnet_texts[::50]
    assert batched[::50] == [n(t) for t in sample]
    assert batched[::50] == [_reference(n, t) for t in sample[:100]] + [
        n(t) for t in sample[100:]]


@pytest.mark.parametrize("profile", ["search", "standard", "light"])
def test_every_path_equals_reference_on_articles(saudinewsnet_texts, profile):
    """Every fast path against the character-by-character reference, on 2,000
    SaudiNewsNet articles (every 15th, so all sources and months are in)."""
    n = Normalizer(profile)
    sample = saudinewsnet_texts[::15][:2000]
    assert len(sample) == 2000
    expected = [_reference(n, t) for t in sample]
    assert [n(t) for t in sample] == expected
    assert [n._plan.document(t) for t in sample] == expected
    assert [n._plan.transform(t)[0] for t in sample] == expected
    assert [n._plan.short(t) for t in sample] == expected
    assert n.normalize_many(sample) == expected
    assert n.normalize_many(sample, workers=1) == expected
    assert n.normalize_many(sample, batch_chars=50_000, workers=2) == expected
    with pure_python():
        assert [n(t) for t in sample] == expected
        assert n.normalize_many(sample, batch_chars=50_000, workers=2) == expected
    if nz._c_map_texts is not None:
        mapped = nz._c_map_texts(n._plan.table, sample, n._plan.collapse)
        assert [m if m is not None else n._plan.fallback(t)
                for m, t in zip(mapped, sample)] == expected


def test_presentation_forms_table_is_nfkc():
    for c in sorted(chars.PRESENTATION_FORMS):
        assert nz.normalize_presentation_forms(c) == unicodedata.normalize("NFKC", c)


@given(st.text(alphabet=st.sampled_from([" ", "\u00a0", "\t", "\n", "\u064e", "ـ",
                                         "\u200c", "ب", "ا", HAMZA_ABOVE, "ﻻ", "\ufe70"]),
               max_size=40), profiles)
def test_space_runs_around_deletions(text, profile):
    n = Normalizer(profile)
    assert n._plan.transform(text)[0] == _reference(n, text)
    assert n._plan.document(text) == _reference(n, text)
    assert n.normalize_many([text, text]) == [_reference(n, text)] * 2


# --- every combination of options is idempotent -------------------------------------
@pytest.mark.parametrize("options, text, once", [
    # alef folds أ to ا, which then composes with the maddah after it
    ({"profile": "standard", "diacritics": False}, "أ" + MADDA, "ا"),
    ({"profile": "standard", "diacritics": False}, "إ" + HAMZA_ABOVE, "ا"),
    # lookalikes makes ی a seat ي, which then composes with the hamza after it
    ({"profile": "light", "lookalikes": True}, "ی" + HAMZA_ABOVE, "ئ"),
    ({"profile": "light", "lookalikes": True}, "ۀ", "ه"),
    ({"profile": "light", "lookalikes": True}, "ہ" + HAMZA_ABOVE, "ه"),
    # teh_marbuta makes ة a seat ه
    ({"profile": "none", "compose": True, "teh_marbuta": True}, "ة" + HAMZA_ABOVE, "ۀ"),
    ({"profile": "standard", "diacritics": False}, "أ" + MADDA + MADDA, "ا"),
])
def test_overrides_compose_what_later_rules_make_adjacent(options, text, once):
    n = Normalizer(**options)
    for t in (text, "ب" + text + " ", (text + " ") * 80):    # short and NumPy paths
        out = n(t)
        assert n(out) == out
    assert n(text) == once
    assert n((text + " ") * 80) == (once + " ") * 80


_OPTION_VALUES = {name: st.booleans() for name in RULES}
_OPTION_VALUES["digits"] = st.sampled_from([False, True, "ascii", "arabic"])
options = st.fixed_dictionaries({}, optional=_OPTION_VALUES)
#: Mostly Arabic: seats and the marks that compose with them, letters the folds turn
#: into seats (أ إ آ ٱ ى ة ی ے ہ ە ۀ), marks, tatweel, invisibles, presentation forms.
_ARABIC_HEAVY = (list("اأإآٱويىئؤءهةەہےیۀۂۓکٵٶٸبرن ")
                 + [HAMZA_ABOVE, HAMZA_BELOW, MADDA, "\u064e", "\u064b", "\u0651",
                    "\u0670", "\u06d6", "ـ", "\u200c", "\u200f", "\ufeff", "\u00a0",
                    "\ufe8d", "\ufe87", "\ufef7", "\ufefb", "\ufe70", "٣", "۳", "3", "،",
                    "\n", "\t"])
#: ... and every letter of it directly followed by a combining hamza or madda, the pairs
#: where the order of the rules matters.
_LETTER_MARK = [c + m for c in "اأإآٱويىئؤءهةەہےیۀۂۓکٵٶٸبرن"
                for m in (HAMZA_ABOVE, HAMZA_BELOW, MADDA)]
arabic_texts = st.lists(st.sampled_from(_ARABIC_HEAVY) | st.sampled_from(_LETTER_MARK),
                        max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(arabic_texts, profiles, options)
def test_every_option_combination_is_idempotent(text, profile, overrides):
    n = Normalizer(profile, **overrides)
    once = n(text)
    assert n(once) == once
    assert _reference(n, text) == once
    # the NumPy path (long texts) and the pure-Python path agree and are idempotent
    long_text = (text + "\n") * (nz._SHORT // (len(text) + 1) + 1)
    long_once = n(long_text)
    assert long_once == n._plan.transform(long_text)[0] == _reference(n, long_text)
    assert n._plan.document(text) == once
    assert n._plan.document(long_text) == long_once
    assert n(long_once) == long_once
    # batches
    batch = n.normalize_many([text, once, "", long_text], batch_chars=16)
    assert batch == [once, once, "", long_once]
    assert n.normalize_many(batch) == batch
    # offsets: one per output character, in range, non-decreasing
    for t in (text, long_text):
        out, off = n.normalize_with_offsets(t)
        assert out == n(t) and len(off) == len(out)
        if len(off):
            assert 0 <= off.min() and off.max() < len(t)
            assert np.all(np.diff(off) >= 0)


# --- the optional C accelerator (arabcorpus.text._normalize_c) --------------------------
@contextlib.contextmanager
def pure_python():
    """Run the block with the pure-Python paths (as when the accelerator is not built)."""
    saved = nz._c_map_text, nz._c_map_texts
    nz._c_map_text = nz._c_map_texts = None
    try:
        yield
    finally:
        nz._c_map_text, nz._c_map_texts = saved


def require_accelerator() -> None:
    """Skip without the built C accelerator (fail under ``CI=true``, which builds it)."""
    require_built(nz._c_map_text, "arabcorpus.text._normalize_c")


def _has_complex(n: Normalizer, text: str) -> bool:
    lut = n._plan.lut16
    return any(ord(c) <= 0xFFFF and lut[ord(c)] == 0xFFFF for c in text)


@settings(max_examples=300, deadline=None)
@given(texts | arabic_texts, rule_sets)
def test_accelerator_equals_reference(text, rules):
    """map_text gives the reference result, or None exactly when the text holds a
    character of the table's complex class; normalize agrees with the pure path."""
    require_accelerator()
    n = Normalizer("none", **rules)
    plan = n._plan
    mapped = nz._c_map_text(plan.table, text, plan.collapse)
    if _has_complex(n, text):
        assert mapped is None
    else:
        assert mapped == _reference(n, text)
    with pure_python():
        pure = n(text)
    assert n(text) == pure == _reference(n, text)


@settings(max_examples=200, deadline=None)
@given(st.lists(texts | arabic_texts, max_size=12), profiles)
def test_accelerator_batch_equals_single_texts(items, profile):
    require_accelerator()
    plan = Normalizer(profile)._plan
    assert nz._c_map_texts(plan.table, items, plan.collapse) == [
        nz._c_map_text(plan.table, t, plan.collapse) for t in items]
    assert nz._c_map_texts(plan.table, tuple(items), plan.collapse) == [
        nz._c_map_text(plan.table, t, plan.collapse) for t in items]


@pytest.mark.parametrize("text", [
    "café  au\u00a0lait",                  # one byte per character (Latin-1)
    "عين  اليوم\u00a0٢٠١٥ ـ",                # two bytes
    "😀  أيضاً\u00a0\u00a0😀ـ ",               # four bytes: the emoji kept
    "😀 abc", "\U0001F600", "ـــ", "", " ", "    ", "a \u200f b",
    "x" * 5000 + "  " + "أ" * 5000,          # long enough to release the GIL
    ("😀 " + "ى" * 3000) * 2,
])
@pytest.mark.parametrize("profile", ["search", "light", "none"])
def test_accelerator_every_string_width(text, profile):
    """Inputs of each PEP 393 width; outputs narrowed to the smallest one (a wider
    str than needed would compare unequal)."""
    require_accelerator()
    n = Normalizer(profile, digits="arabic") if profile == "none" else Normalizer(profile)
    expected = _reference(n, text)
    out = n(text)
    assert out == expected and hash(out) == hash(expected)
    assert n.normalize_many([text, text, "ب"]) == [expected, expected, n("ب")]


def test_accelerator_unchanged_text_is_returned_as_it_is():
    require_accelerator()
    plan = Normalizer("search")._plan
    text = "عين اليوم" * 3
    assert nz._c_map_text(plan.table, text, True) is text

    class Text(str):
        pass

    sub = Text(text)
    out = nz._c_map_text(plan.table, sub, True)
    assert type(out) is str and out == text
    assert type(Normalizer("search")(sub)) is str


def test_accelerator_bad_arguments():
    require_accelerator()
    plan = Normalizer("search")._plan
    with pytest.raises(TypeError, match=r"texts\[1\] must be a str, not int"):
        nz._c_map_texts(plan.table, ["a", 3], True)
    with pytest.raises(TypeError, match="text must be a str, not bytes"):
        nz._c_map_text(plan.table, b"a", True)
    with pytest.raises(ValueError, match="table must be bytes of 65536 uint16"):
        nz._c_map_text(plan.table[:-2], "a", True)
    with pytest.raises(ValueError, match="table must be bytes"):
        nz._c_map_texts(bytearray(plan.table), ["a"], True)
    with pytest.raises(TypeError):
        nz._c_map_texts(plan.table, 5, True)
    with pytest.raises(TypeError, match="takes 3 arguments"):
        nz._c_map_text(plan.table, "a")
    # normalize_many names the bad item before the accelerator sees it
    with pytest.raises(TypeError, match=r"texts\[2\]"):
        Normalizer("search").normalize_many(["a", "b", None])


def test_accelerator_keeps_reference_counts():
    """No reference gained or lost by the texts, the table or the results."""
    require_accelerator()
    plan = Normalizer("search")._plan
    kept = "عين اليوم"                      # unchanged: returned as it is
    changed = "أيضاً  ٢٠١٥"
    complex_ = "ا" + HAMZA_ABOVE
    long = "ى " * 4000
    items = [kept, changed, complex_, long]
    before = [sys.getrefcount(x) for x in (*items, plan.table)]
    for _ in range(2000):
        nz._c_map_texts(plan.table, items, True)
        for t in items:
            nz._c_map_text(plan.table, t, True)
    del t                                   # the loop variable holds the last text
    gc.collect()
    assert [sys.getrefcount(x) for x in (*items, plan.table)] == before
    out = nz._c_map_texts(plan.table, items, True)
    assert out[0] is kept and out[2] is None
    refs = sys.getrefcount(out[1])         # outside assert, which keeps its operands
    assert refs == 2                        # held by the list only (and the call)


def test_accelerator_threads_give_the_same_result(seed_text):
    """Threads mapping batches at the same time (the GIL released) each get the
    one-thread result."""
    require_accelerator()
    n = Normalizer("search")
    texts = [seed_text[k:] + " ي " * k for k in range(0, 400, 7)]
    expected = [_reference(n, t) for t in texts]
    results: list = [None] * 4

    def work(slot):
        results[slot] = [n.normalize_many(texts, batch_chars=3000, workers=2)
                         for _ in range(5)]

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == expected for rs in results for r in rs)
