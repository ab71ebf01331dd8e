"""Sortable tables (/states/, the obligations pages): column headings as data, each linking to its sort order."""

from collections import namedtuple
from urllib.parse import urlencode

Heading = namedtuple("Heading", "key label query sort")


def headings(columns, params, current):
    """
    The table's column headings, as data, from `columns` ((key, label) pairs; key None: not sortable). A sortable
    one has the query string that sorts the table by its column, the other way round when it already is, and says
    how it is sorted now (`sort`, for `aria-sort`, or None). `params`: the page's query (a QueryDict); `current`:
    the `sort` value in force.
    """
    result = []
    for key, label in columns:
        if key is None:
            result.append(Heading(key, label, None, None))
            continue
        direction = "ascending" if current == key else "descending" if current == f"-{key}" else None
        result.append(Heading(key, label, sort_query(params, f"-{key}" if current == key else key), direction))
    return result


def sort_query(params, sort):
    """The query string `params` (a QueryDict) with `sort` in place of its own: the other filters are kept."""
    pairs = []
    for key, values in params.lists():
        if key == "sort":
            pairs.append((key, sort))
        else:
            pairs.extend((key, value) for value in values)
    if "sort" not in params:
        pairs.append(("sort", sort))
    return urlencode(pairs)
