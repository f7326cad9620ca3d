"""Writers render records: JSON Lines, a JSON array, Markdown for readers, plain text."""

from copydesk.writers.render import FORMATS, render_markdown, render_txt, write_records

__all__ = ["FORMATS", "render_markdown", "render_txt", "write_records"]
