"""What every part of the package shares: argument checks (:mod:`.validate`), progress
bars (:mod:`.progress`), folders (:mod:`.paths`) and the deprecation of renamed
arguments (:mod:`.deprecation`). It imports nothing else from the package."""
