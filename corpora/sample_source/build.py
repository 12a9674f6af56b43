"""Build ``arabcorpus/data/sample.jsonl`` from the article sources in this folder.

The articles are fictional news written for arabcorpus (see ``corpora/sample.md``);
each section module holds a list ``ARTICLES`` of dicts. Run from anywhere::

    python corpora/sample_source/build.py

It writes the JSON Lines file (UTF-8, one article per line, sorted by date), then prints
its SHA-256 and size (to copy into ``arabcorpus/datasets.py``) and the counts quoted in
``corpora/sample.md``. Word counts are whitespace-separated tokens that contain at least
one letter (so numbers and lone punctuation are not words), over the text as stored.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent.parent / "arabcorpus" / "data" / "sample.jsonl"
SECTIONS = {"politics": "سياسة", "economy": "اقتصاد", "sport": "رياضة",
            "health": "صحة", "culture": "ثقافة"}
FIELDS = ("id", "source", "date", "section", "section_ar", "title", "author", "text")
_WORD = re.compile(r"[^\W\d_]")


def n_words(text: str) -> int:
    return sum(1 for tok in text.split() if _WORD.search(tok))


def load_section(section: str) -> list[dict]:
    spec = importlib.util.spec_from_file_location(section, HERE / f"{section}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.ARTICLES


def build() -> list[dict]:
    records = []
    for section, section_ar in SECTIONS.items():
        for i, art in enumerate(load_section(section), start=1):
            rec_id = f"sample-{section}-{i:02d}"
            if art.get("scraped"):
                # Raw page: title, date, author and section are in the text, for the
                # news cleaner to find; only the sort key is known here.
                rec = {"id": rec_id, "source": "sample", "scraped": True,
                       "text": art["text"]}
                sort_date = art["sort_date"]
            else:
                rec = {"id": rec_id, "source": "sample", "date": art["date"],
                       "section": section, "section_ar": section_ar,
                       "title": art["title"], "author": art["author"],
                       "text": art["text"]}
                sort_date = art["date"]
            words = n_words(rec["text"])
            if not 80 <= words <= 200:
                raise SystemExit(f"{rec_id}: {words} words, outside 80-200")
            records.append((sort_date, section, i, rec))
    records.sort(key=lambda r: r[:3])
    return [r[3] for r in records]


def render(records: list[dict]) -> bytes:
    """The JSON Lines bytes of the records (UTF-8, ``\\n`` line ends)."""
    return "".join(json.dumps(rec, ensure_ascii=False) + "\n"
                   for rec in records).encode("utf-8")


def main() -> None:
    records = build()
    data = render(records)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(data)
    print(f"wrote {OUT}")
    print(f"sha256 {hashlib.sha256(data).hexdigest()}  size {len(data)}")
    per_section: Counter[str] = Counter()
    words_section: Counter[str] = Counter()
    to_code = {v: k for k, v in SECTIONS.items()}
    for rec in records:
        section = rec.get("section")
        if section is None:  # scraped: the byline's section
            m = re.search(r"^(\S+) \| ", rec["text"], flags=re.M)
            section = to_code[m.group(1)]
        per_section[section] += 1
        words_section[section] += n_words(rec["text"])
    print(f"documents {len(records)}, words {sum(words_section.values())}, "
          f"scraped {sum(1 for r in records if r.get('scraped'))}")
    for section in SECTIONS:
        print(f"  {section:9s} {per_section[section]:3d} docs {words_section[section]:5d} words")
    dates = sorted(r["date"] for r in records if "date" in r)
    print(f"dates {dates[0]} .. {dates[-1]}")


if __name__ == "__main__":
    sys.exit(main())
