"""Readers and writers of other formats (CSV now; BibTeX, RIS, Markdown, JSON later): pure."""
