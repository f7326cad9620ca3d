"""Telling HTML from text by how the content starts, where no file name says which."""

from __future__ import annotations

import re

#: How a page or a fragment of one starts (after a BOM and white space): what says HTML where
#: no file name does. An article's text never starts with a tag.
HTML_START = re.compile(
    r"<(?:!doctype\s+html|!--|\?xml|(?:html|head|body|meta|title|link|base|article|main|"
    r"section|div|header|footer|nav|aside|p|h[1-6]|table|tr|td|ul|ol|li|dl|span|figure|img|"
    r"picture|iframe|blockquote|script|style|noscript|a|b|i|em|strong|br|hr|center|font|"
    r"form)(?=[\s>/]))",
    re.IGNORECASE,
)


def sniff_format(data: str | bytes) -> str:
    """ "html" for content that starts like markup, else "text": for input whose name does not
    say (standard input, a string given to the API, a saved page named ``page.php?id=3``)."""
    head = data[:2048]
    if isinstance(head, bytes):
        utf16 = head.startswith((b"\xff\xfe", b"\xfe\xff"))
        head = head.decode("utf-16", "replace") if utf16 else head.decode("latin-1")
        head = head.removeprefix("\xef\xbb\xbf")
    head = head.lstrip().lstrip("\ufeff").lstrip()
    return "html" if HTML_START.match(head) else "text"


#: What only a whole page has: a doctype, or the html, head or body element.
PAGE_MARK = re.compile(rb"<(?:!doctype\s+html|html|head|body)[\s>/]", re.IGNORECASE)
#: How much of the input is searched for it: a page opens with them; a text that quotes
#: "<html>" further down is still a text.
PAGE_WINDOW = 4096


def is_page(data: str | bytes) -> bool:
    """Whether the input is a web page, not a fragment or a text that opens with a tag."""
    head = data[:PAGE_WINDOW]
    if isinstance(head, bytes) and head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", "replace")
    if isinstance(head, str):
        head = head.encode("utf-8", "replace")
    return PAGE_MARK.search(head) is not None
