"""The text core: Arabic characters, normalization, diacritics, tokens, sentences,
clitics, stems and lemmas. It imports nothing from the rest of the package."""
