"""The PDF of a report: the same HTML, rendered by xhtml2pdf (pure Python: reportlab+svglib).

Chromium or WeasyPrint would render CSS more faithfully but cannot be installed from the
package index alone (a browser build; system Pango). Inline SVG charts become SVG data-URI
images, which svglib draws as vectors. reportlab's invariant mode drops the creation time
and random document id, so regenerating a month gives byte-identical PDFs.
"""

from __future__ import annotations

import base64
import io
import logging
import re

# characters Helvetica (the PDF's base font) cannot draw, spelled out
SUBSTITUTES = {"\u2192": " to ", "&rarr;": " to ", "\u25b2": "^", "\u25bc": "v", "\u25ac": "="}
_SVG = re.compile(r"<svg\b.*?</svg>", re.S)


class PdfError(RuntimeError):
    pass


def _svg_as_image(match: re.Match[str]) -> str:
    data = base64.b64encode(match.group(0).encode("utf-8")).decode("ascii")
    return f'<div><img src="data:image/svg+xml;base64,{data}" width="520"/></div>'


def html_to_pdf(html: str) -> bytes:
    from reportlab import rl_config
    from xhtml2pdf import pisa

    rl_config.invariant = 1
    logging.getLogger("xhtml2pdf").setLevel(logging.ERROR)
    for char, text in SUBSTITUTES.items():
        html = html.replace(char, text)
    html = _SVG.sub(_svg_as_image, html)
    out = io.BytesIO()
    status = pisa.CreatePDF(html, dest=out, encoding="utf-8")
    if status.err:
        raise PdfError(f"PDF rendering failed with {status.err} error(s)")
    return out.getvalue()
