"""Charts as inline SVG drawn on the server: no chart library, no script, nothing to vendor.

Every label goes through `escape`; the SVG uses classes (styled in style.css), so the page's
content security policy can forbid inline styles.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from markupsafe import Markup

BAR_HEIGHT = 22
LABEL_WIDTH = 150
CHART_WIDTH = 560


def bars(data: Mapping[str, int], *, title: str, href: str | None = None) -> Markup:
    """Horizontal bars, one per key, longest first as given; ``href`` has ``{}`` for the key."""
    if not data:
        return Markup(f'<p class="empty">No {escape(title.lower())} recorded.</p>')
    top = max(data.values()) or 1
    width = CHART_WIDTH - LABEL_WIDTH - 70
    rows = []
    for i, (key, value) in enumerate(data.items()):
        y = i * BAR_HEIGHT
        w = max(1.0, width * value / top)
        label = escape(_short(str(key)))
        if href:
            from urllib.parse import quote

            label = f'<a href="{escape(href.format(quote(str(key), safe="")))}">{label}</a>'
        rows.append(
            f'<g transform="translate(0,{y})"><title>{escape(str(key))}: {value:,}</title>'
            f'<text class="lbl" x="{LABEL_WIDTH - 8}" y="15" text-anchor="end">{label}</text>'
            f'<rect class="bar" x="{LABEL_WIDTH}" y="3" width="{w:.1f}" height="{BAR_HEIGHT - 6}"'
            f' rx="2"/><text class="val" x="{LABEL_WIDTH + w + 6:.1f}" y="15">{value:,}</text></g>'
        )
    height = len(data) * BAR_HEIGHT
    return Markup(
        f'<svg class="chart" viewBox="0 0 {CHART_WIDTH} {height}" width="{CHART_WIDTH}" '
        f'height="{height}" role="img" aria-label="{escape(title)}">{"".join(rows)}</svg>'
    )


def columns(data: Mapping[str, int], *, title: str, height: int = 140) -> Markup:
    """Vertical columns over time (keys are ISO days, in order), first and last day labelled."""
    if not data:
        return Markup(f'<p class="empty">No dated {escape(title.lower())}.</p>')
    top = max(data.values()) or 1
    n = len(data)
    step = min(24.0, (CHART_WIDTH - 40) / n)
    plot = height - 22
    cols = []
    for i, (day, value) in enumerate(data.items()):
        h = max(1.0, plot * value / top)
        x = 36 + i * step
        cols.append(
            f'<rect class="col" x="{x:.1f}" y="{plot - h:.1f}" width="{max(1.0, step - 1):.1f}" '
            f'height="{h:.1f}"><title>{escape(day)}: {value:,}</title></rect>'
        )
    days = list(data)
    axis = (
        f'<text class="val" x="32" y="10" text-anchor="end">{top:,}</text>'
        f'<line class="axis" x1="36" y1="{plot}" x2="{36 + n * step:.1f}" y2="{plot}"/>'
        f'<text class="lbl" x="36" y="{height - 4}">{escape(days[0])}</text>'
    )
    if n > 1:
        axis += (
            f'<text class="lbl" x="{36 + n * step:.1f}" y="{height - 4}" text-anchor="end">'
            f"{escape(days[-1])}</text>"
        )
    width = max(CHART_WIDTH, int(40 + n * step))
    return Markup(
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape(title)}">{axis}{"".join(cols)}</svg>'
    )


def _short(text: str, size: int = 22) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"
