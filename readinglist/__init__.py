"""readinglist: an offline desktop reading list for researchers."""

__version__ = "0.4.0"
