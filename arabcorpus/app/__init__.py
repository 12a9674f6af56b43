"""The application: the ``arabcorpus`` command line and the HTML report. Nothing in
the library imports it."""
