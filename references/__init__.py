"""BibTeX bibliographies, `[@key]` citations, and Harvard-style formatting on pybtex."""
