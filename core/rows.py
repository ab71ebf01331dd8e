"""
Rows read straight from the database cursor, for pages that show a few hundred rows on every render.

`QuerySet.values_list()` passes each value of each row through the column's converters (several Python calls per
value); for the 197 rows of the membership table that cost more than running the query. `fetch_rows` runs the same
SQL, compiled by the ORM from the same queryset, and converts only what the driver hands back in another type: on
SQLite, dates the query computes come as text and booleans it computes as 0 or 1. PostgreSQL's driver gives both
as Python values already. The tests hold the rows equal to those of `values_list(named=True)` on both databases.
"""

from collections import namedtuple
from datetime import date
from functools import lru_cache

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import BooleanField, CharField, DateField, IntegerField, TextField

# The kinds of column the fast path knows how to read; anything else (datetimes, decimals, JSON…) is refused
# rather than returned unconverted.
PLAIN_FIELDS = (CharField, TextField, IntegerField)


@lru_cache(maxsize=64)
def row_type(fields):
    return namedtuple("Row", fields)


def _converter(output_field):
    """(the Python type the column's values should have, how to make one from what the driver gave), or None."""
    if isinstance(output_field, DateField) and output_field.get_internal_type() == "DateField":
        return date, date.fromisoformat
    if isinstance(output_field, BooleanField):
        return bool, bool
    if isinstance(output_field, PLAIN_FIELDS):
        return None
    raise TypeError(f"fetch_rows cannot read a {type(output_field).__name__} column; use values_list().")


def _needs_converting(rows, index, python_type):
    """Does column `index` come back in another type? A driver gives one column's values all in the same type."""
    value = next((row[index] for row in rows if row[index] is not None), None)
    return value is not None and type(value) is not python_type


def fetch_rows(queryset, *fields):
    """The rows of `queryset` as a list of named tuples of `fields` (model fields or annotations)."""
    compiler = queryset.values_list(*fields).query.get_compiler(queryset.db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:  # known to be empty without asking, e.g. filter(pk__in=[])
        return []
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    converters = [
        (index, convert)
        for index, (expression, _, _) in enumerate(compiler.select)
        if (kind := _converter(expression.output_field)) is not None
        for python_type, convert in [kind]
        if _needs_converting(rows, index, python_type)
    ]
    make = row_type(fields)._make
    if not converters:
        return [make(row) for row in rows]
    result = []
    for row in rows:
        row = list(row)
        for index, convert in converters:
            if row[index] is not None:
                row[index] = convert(row[index])
        result.append(make(row))
    return result
