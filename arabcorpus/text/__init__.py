"""The text core: Arabic characters (``chars``), normalization (``normalize``),
diacritics (``diacritics``), tokens (``tokenize``), sentences (``sentences``), the
tokenizer's light clitic segmentation (``light_clitics``, no lexicon), the
lexicon-based clitic analysis (``clitics``), stems (``stem``) and lemmas (``lemma``).
It imports nothing from the rest of the package but ``arabcorpus.util``."""
