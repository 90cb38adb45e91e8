"""Text from source data, made safe to show: never a leading formula character.

HTML escaping (Jinja autoescape, ``html.escape`` in charts) stops markup; a leading ``=``,
``+``, ``-`` or ``@`` is a spreadsheet formula once a reader copies the cell into Excel, so
such text is prefixed with an apostrophe, as OWASP advises for CSV injection.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    if isinstance(value, str) and value.lstrip(" ").startswith(FORMULA_STARTS):
        return "'" + value
    return value
