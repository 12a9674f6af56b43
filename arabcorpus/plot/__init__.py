"""Figures of corpus analyses, with Arabic labels that read correctly.

Every function takes the result of an analysis first (a DataFrame from
:mod:`arabcorpus.analyses`, or a :class:`~arabcorpus.analyses.topics.TopicModel` and
its tables) and everything else by keyword; it draws into the ``ax`` it is given (or
a new figure) and returns the :class:`~matplotlib.axes.Axes` (``topics`` returns an
array of them). The same keywords style every figure: ``n`` (how many words),
``ax``, ``color``, ``fontsize``, ``font``, ``title`` and ``label="form"|"type"`` (the
words as written, the ``form`` column, or the counted types); any other keyword goes
to the underlying matplotlib call. An empty result, or a word that does not occur,
gives an empty but labelled figure and a :class:`UserWarning`, never an exception.
matplotlib is imported only when a figure is drawn.

The figures read what they need from the result itself, its columns and its
``attrs["params"]``, so that tables written by hand work too.

Modules: :mod:`~arabcorpus.plot.figures` (frequencies, Zipf, dispersion, collocates,
networks, keyness), :mod:`~arabcorpus.plot.topic_figures` (topics, coherence, topics
over time), :mod:`~arabcorpus.plot.clouds` (word clouds),
:mod:`~arabcorpus.plot.shaping` (how Arabic is prepared for matplotlib and Pillow, and
why) and :mod:`~arabcorpus.plot.fonts` (the font Arabic is drawn in).

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from arabcorpus.corpus.memory import Corpus
>>> from arabcorpus.analyses.frequency import frequency
>>> from arabcorpus import plot
>>> c = Corpus.build(["النفط ارتفع والنفط انخفض", "الذهب ارتفع"], progress=False)
>>> ax = plot.frequencies(frequency(c), n=3)
>>> [t.get_text() == plot.arabic_text(w) for t, w in
...  zip(ax.get_yticklabels(), ["ارتفع", "النفط", "والنفط"])]
[True, True, True]
"""

from arabcorpus.plot._common import LABELS
from arabcorpus.plot.clouds import make_wordcloud, wordcloud
from arabcorpus.plot.figures import (collocates, dispersion, frequencies, keyness, network,
                                     zipf)
from arabcorpus.plot.fonts import PREFERRED_FONTS, arabic_font, set_arabic_font
from arabcorpus.plot.shaping import (LAYOUTS, arabic_layout, arabic_text, pillow_text,
                                     set_arabic_layout)
from arabcorpus.plot.topic_figures import coherence, topics, topics_over_time

__all__ = ["frequencies", "zipf", "dispersion", "collocates", "network", "keyness",
           "topics", "coherence", "topics_over_time", "wordcloud", "make_wordcloud",
           "arabic_text", "pillow_text", "arabic_layout", "set_arabic_layout",
           "arabic_font", "set_arabic_font", "LABELS", "LAYOUTS", "PREFERRED_FONTS"]
