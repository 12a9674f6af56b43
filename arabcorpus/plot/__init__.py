"""Figures of corpus analyses, with Arabic labels that read correctly.

See :mod:`arabcorpus.plot.figures` for the figures and how Arabic is drawn.
"""

from arabcorpus.plot.figures import (LABELS, LAYOUTS, PREFERRED_FONTS, arabic_font,
                                     arabic_layout, arabic_text, coherence, collocates,
                                     dispersion, frequencies, keyness, make_wordcloud,
                                     network, pillow_text, set_arabic_font,
                                     set_arabic_layout, topics, topics_over_time,
                                     wordcloud, zipf)

__all__ = ["frequencies", "zipf", "dispersion", "collocates", "network", "keyness",
           "topics", "coherence", "topics_over_time", "wordcloud", "make_wordcloud",
           "arabic_text", "pillow_text", "arabic_layout", "set_arabic_layout",
           "arabic_font", "set_arabic_font", "LABELS", "LAYOUTS", "PREFERRED_FONTS"]
