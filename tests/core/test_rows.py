"""core.rows.fetch_rows: the same rows as values_list(named=True), read without the per-value converters."""

from datetime import date

import pytest
from django.db.models import BooleanField, ExpressionWrapper, Q

from core.rows import fetch_rows
from tests.treaty.factories import StateFactory
from treaty import seed, tables
from treaty.models import State

pytestmark = pytest.mark.django_db


def test_membership_rows_equal_values_list_on_many_days_and_orders():
    seed.load()
    for day in (date(1998, 9, 16), date(1999, 3, 1), date(2017, 12, 3), date(2026, 1, 10)):
        for order in ("name", "-entry_into_force", "status"):
            queryset = State.objects.for_membership_table(as_of=day).order_by(order, "name")
            expected = list(queryset.values_list(*tables.FIELDS, named=True))
            rows = fetch_rows(queryset, *tables.FIELDS)
            assert rows == expected
            # Equal values of the same types: a date read as text would compare unequal above, a 0/1 equal to False.
            assert [[type(value) for value in row] for row in rows] == [
                [type(value) for value in row] for row in expected
            ]
            assert rows[0]._fields == tables.FIELDS


def test_computed_booleans_come_back_as_booleans():
    StateFactory(ratified=True)
    StateFactory()
    queryset = State.objects.annotate(
        has_deposited=ExpressionWrapper(Q(deposited_on__isnull=False), output_field=BooleanField())
    ).order_by("name")
    assert [row.has_deposited for row in fetch_rows(queryset, "has_deposited")] == [True, False]


def test_a_query_known_to_be_empty_gives_no_rows_without_asking_the_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert fetch_rows(State.objects.filter(pk__in=[]), "name") == []


def test_columns_it_cannot_read_faithfully_are_refused():
    StateFactory()
    with pytest.raises(TypeError, match="values_list"):
        fetch_rows(State.objects.all(), "name", "updated_at")
