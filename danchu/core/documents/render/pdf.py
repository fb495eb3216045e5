"""PDF rendering: WeasyPrint from the same HTML (print media: the @page rules apply)."""

from __future__ import annotations

import logging

# matplotlib writes SVG presentation properties (fill, stroke, text-anchor…) in style
# attributes. WeasyPrint's SVG renderer applies them, but its HTML style checker first logs
# each one as an unknown CSS property. Those lines, and only those, are dropped.
_SVG_PROPERTIES = ("fill", "stroke", "text-anchor", "clip-path", "stroke-", "fill-")


class _SvgStyleNoise(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not isinstance(record.args, tuple) or not record.args:
            return True
        if not record.getMessage().endswith("unknown property."):
            return True
        return not str(record.args[0]).startswith(_SVG_PROPERTIES)


_weasyprint_log = logging.getLogger("weasyprint")
if not any(isinstance(f, _SvgStyleNoise) for f in _weasyprint_log.filters):
    _weasyprint_log.addFilter(_SvgStyleNoise())


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    # No base URL: a generated paper refers to nothing outside itself, so nothing is fetched.
    return HTML(string=html, base_url=None).write_pdf()
