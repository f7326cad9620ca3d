"""Second opinion when trafilatura's result is empty or far shorter than the page's text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml.html import HtmlElement

if TYPE_CHECKING:
    from copydesk.extract.page import Extraction


def maybe_fallback(tree: HtmlElement, ext: Extraction) -> None:
    return None
