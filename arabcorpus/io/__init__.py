"""Reading: documents from files, folders, archives and data frames; the cleaning rules
for news pages; published datasets. It imports only the text core and util.

:mod:`.readers` is the entry point (``read`` and one reader per format); it rests on
:mod:`.formats`, :mod:`.encodings`, :mod:`.stream` and :mod:`.load_report`.
:mod:`.saudinewsnet` reads the SaudiNewsNet layout, :mod:`.datasets` registers,
fetches and verifies the published corpora, :mod:`.news` cleans scraped pages."""
