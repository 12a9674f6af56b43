"""Analyses of a corpus: measures, frequency, concordances (KWIC), collocations,
keyness, dispersion and topic models. They import the corpus and the text core,
never plots or the application."""
