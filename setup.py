"""Install arabcorpus: ``pip install .`` or ``pip install -e ".[dev]"``."""

import re
from pathlib import Path

from setuptools import Extension, find_packages, setup

HERE = Path(__file__).parent
VERSION = re.search(r'__version__ = "([^"]+)"',
                    (HERE / "arabcorpus" / "_version.py").read_text()).group(1)

INSTALL_REQUIRES = [
    # 1.25: np.add.at's fast path (per-type sums of Corpus.save and of sharded
    # frequency lists, added in document order so that they stay bit for bit)
    "numpy>=1.25",
    "pandas>=2.0",
    "scipy>=1.9",
    "pyarabic>=0.6.15",
    "nltk>=3.8",
    "arabic-stopwords>=0.4.3",
    # lemmas and clitics (arabcorpus.text.lemma, arabcorpus.text.clitics): Simplemma's Arabic
    # dictionary and the Arramooz lexicon (GPL, as this package)
    "simplemma>=2.0",
    "arramooz-pysqlite>=0.4.2",
    "gensim>=4.3",
    "tqdm>=4.60",
    # near-duplicate documents (arabcorpus.io.duplicates): MinHash LSH
    "datasketch>=1.6",
    "pooch>=1.6",
    # plots are part of the main job (arabcorpus report), so they are not an extra
    "matplotlib>=3.7",
    "arabic-reshaper>=3.0",
    "python-bidi>=0.4.2",
    "wordcloud>=1.9.3",
    "networkx>=2.8",
    # web pages and crawls (arabcorpus.io.html, arabcorpus.io.warc): main text and
    # metadata by trafilatura (htmldate for dates), WARC records by warcio;
    # trafilatura's import needs lxml's HTML cleaner, a package of its own since lxml 5.2
    "trafilatura>=1.12",
    "lxml_html_clean>=0.4",
    "warcio>=1.7",
]

PLOT = [  # kept as an extra name for compatibility; the core already has these
    "matplotlib>=3.7",
    "arabic-reshaper>=3.0",
    "python-bidi>=0.4.2",
    "wordcloud>=1.9.3",
    "networkx>=2.8",
]
DOCS = [
    "sphinx>=7.2",
    "myst-nb>=1.1",
    "pydata-sphinx-theme>=0.15",
    "sphinx-copybutton>=0.5.2",
] + PLOT
NOTEBOOKS = ["jupyter>=1.0", "ipykernel>=6", "nbclient>=0.7", "nbformat>=5.7"] + PLOT

# Sharded corpora on Dask (arabcorpus.dask); dask-jobqueue for SLURM clusters is the
# user's own install (see docs/guide/scaling.md).
DASK = ["dask[bag]>=2024.1", "distributed>=2024.1"]

EXTRAS = {
    "dask": DASK,
    "plot": PLOT,
    "docs": DOCS,
    "notebooks": NOTEBOOKS,
    # everything the test suite needs. camel-tools (the peer our normalizer is checked
    # against) is installed --no-deps by the test command, since its full install pulls
    # torch and transformers.
    "dev": sorted(set([
        "pytest>=7",
        "hypothesis>=6.50",
        "emoji>=2",
        "ipykernel>=6",
        "nbclient>=0.7",
        "nbformat>=5.7",
    ] + DOCS + DASK)),
    # the peers measured by benchmarks/ (conc pins its own versions: give it its own
    # virtual environment, see benchmarks/corpus.py --conc-python)
    "bench": ["psutil>=5.9", "tomotopy>=0.12", "qalsadi>=0.5.1",
              "arabic-normalize>=0.1", "arabic-norm>=0.1"],
    # the Qalsadi lemmatizer as a Lemmatizer backend
    "qalsadi": ["qalsadi>=0.5.1"],
}

# Optional C accelerators: of the Token tuples of arabcorpus.text.tokenize.Tokens (less
# work for the garbage collector, see docs/guide/tokenize.md) and of a Normalizer's
# lookup table (without the GIL, see docs/guide/normalize.md); without a compiler the
# install goes on and the package stays pure Python, with the same results.
EXTENSIONS = [Extension("arabcorpus.text._tokens_c", ["arabcorpus/text/_tokens_c.c"],
                        optional=True),
              Extension("arabcorpus.text._normalize_c", ["arabcorpus/text/_normalize_c.c"],
                        optional=True)]

setup(
    name="arabcorpus",
    version=VERSION,
    description="Arabic corpus linguistics: normalization, tokenization, corpora, "
                "KWIC, collocations, keyness, dispersion and topic models.",
    long_description=(HERE / "README.md").read_text(encoding="utf-8"),
    long_description_content_type="text/markdown",
    license="GPL-3.0-or-later",
    packages=find_packages(include=["arabcorpus", "arabcorpus.*"]),
    package_data={"arabcorpus": ["data/*", "data/**/*", "app/templates/*"]},
    include_package_data=True,
    ext_modules=EXTENSIONS,
    python_requires=">=3.10",
    install_requires=INSTALL_REQUIRES,
    extras_require=EXTRAS,
    entry_points={"console_scripts": ["arabcorpus=arabcorpus.app.cli:main"]},
    classifiers=[
        "License :: OSI Approved :: GNU General Public License v3 or later (GPLv3+)",
        "Programming Language :: Python :: 3",
        "Programming Language :: Python :: 3.10",
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12",
        "Natural Language :: Arabic",
        "Intended Audience :: Science/Research",
        "Topic :: Text Processing :: Linguistic",
    ],
)
