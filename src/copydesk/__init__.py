"""copydesk: the copy desk for scraped news.

Raw text, HTML, WARC or JSONL in; clean, structured, audited, deduplicated and annotated
article records out.

>>> import copydesk
>>> record = copydesk.parse("Headline\\n\\nPTI\\n")
"""

from copydesk.api import parse, parse_files
from copydesk.document import Document
from copydesk.errors import CopydeskError, InputError, MissingExtraError, UsageError
from copydesk.options import EnrichOptions, ParseOptions, ReadOptions
from copydesk.record import Article, Removal, Repair, Source

__version__ = "0.1.0"

__all__ = [
    "Article",
    "CopydeskError",
    "Document",
    "EnrichOptions",
    "InputError",
    "MissingExtraError",
    "ParseOptions",
    "ReadOptions",
    "Removal",
    "Repair",
    "Source",
    "UsageError",
    "__version__",
    "parse",
    "parse_files",
]
