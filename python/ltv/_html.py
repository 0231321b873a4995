"""HTML for notebooks (``_repr_html_``): a titled two-column table of figures, and a table of any DataFrame."""

from __future__ import annotations

import html
from typing import Any, Iterable, Tuple


def figures(title: str, rows: Iterable[Tuple[str, Any]]) -> str:
    """A titled table, one ``<tr>`` per (name, value), values escaped."""
    body = "".join(
        f'<tr><th style="text-align:left">{html.escape(str(k))}</th><td style="text-align:right">{html.escape(str(v))}</td></tr>'
        for k, v in rows
    )
    return f'<table><caption style="text-align:left"><b>{html.escape(title)}</b></caption>{body}</table>'


def frame(data: Any) -> str:
    """A pandas or polars DataFrame as HTML (its own renderer); a dict of columns as a plain table."""
    render = getattr(data, "_repr_html_", None)
    if callable(render):
        out = render()
        if isinstance(out, str):
            return out
    if isinstance(data, dict):
        keys = list(data)
        head = "".join(f"<th>{html.escape(str(k))}</th>" for k in keys)
        n = len(data[keys[0]]) if keys else 0
        rows = "".join(
            "<tr>" + "".join(f"<td>{html.escape(str(data[k][i]))}</td>" for k in keys) + "</tr>" for i in range(n)
        )
        return f"<table><tr>{head}</tr>{rows}</table>"
    return f"<pre>{html.escape(repr(data))}</pre>"
