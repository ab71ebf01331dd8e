"""
The Convention's own rules about dates, as plain Python and as SQL expressions that say the same thing.

- Article 15: open for signature in Ottawa on 3 and 4 December 1997, then at United Nations Headquarters in
  New York until its entry into force.
- Article 17(1): it enters into force on the first day of the sixth month after the month in which the 40th
  instrument of ratification, acceptance, approval or accession has been deposited. That happened: the 40th
  instrument was deposited on 16 September 1998, so the Convention entered into force on 1 March 1999
  (`CONVENTION_IN_FORCE_ON`, a past fact; a test derives it again from the bundled data).
- Article 17(2): for a State depositing later, on the first day of the sixth month after the date of its deposit.
- Article 20(2)-(3): a withdrawal takes effect six months after the depositary receives the instrument of
  withdrawal — but not, if the State is then engaged in an armed conflict, before the conflict ends.

The SQL versions are used as generated columns and annotations, so the database computes every date the pages
show; the Python versions serve one-row facts and tests, and tests prove the two agree.
"""

import calendar
import re
from datetime import date, timedelta

from django.db.models import DateField, Expression, Func

ADOPTED_ON = date(1997, 9, 18)  # adopted in Oslo; no record of the Convention can predate it
OPENED_FOR_SIGNATURE_ON = date(1997, 12, 3)
OTTAWA_SIGNING_DAYS = (date(1997, 12, 3), date(1997, 12, 4))
INSTRUMENTS_FOR_ENTRY_INTO_FORCE = 40
ENTRY_INTO_FORCE_DELAY_MONTHS = 6
WITHDRAWAL_DELAY_MONTHS = 6
CONVENTION_IN_FORCE_ON = date(1999, 3, 1)  # Article 17(1)
LAST_DAY_OF_SIGNATURE = CONVENTION_IN_FORCE_ON - timedelta(days=1)  # Article 15: open "until its entry into force"


def add_months(day, months):
    """`day` plus whole calendar months, clamped to the month's last day (31 August + 6 → 28/29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def first_day_of_sixth_month_after(day):
    """Article 17: 13 December 2017 → 1 June 2018; 16 September 1998 → 1 March 1999."""
    return add_months(day.replace(day=1), ENTRY_INTO_FORCE_DELAY_MONTHS)


def convention_enters_into_force(deposits):
    """
    Article 17(1) over the dates instruments were deposited: the first day of the sixth month after the month of
    the 40th deposit, or None before there are 40. (For the record: `CONVENTION_IN_FORCE_ON` is this rule's answer
    for the bundled data, and a test holds the two equal.)
    """
    deposits = sorted(deposits)
    if len(deposits) < INSTRUMENTS_FOR_ENTRY_INTO_FORCE:
        return None
    return first_day_of_sixth_month_after(deposits[INSTRUMENTS_FOR_ENTRY_INTO_FORCE - 1])


def entry_into_force_for(deposited_on):
    """Article 17 for one State: its own date (17(2)), but not before the Convention's (17(1)); None without a
    deposit."""
    if deposited_on is None:
        return None
    return max(first_day_of_sixth_month_after(deposited_on), CONVENTION_IN_FORCE_ON)


def withdrawal_takes_effect(notified_on):
    """Article 20(2): six months after the notice is received (10 July 2025 → 10 January 2026)."""
    return add_months(notified_on, WITHDRAWAL_DELAY_MONTHS)


class MonthArithmetic(Func):
    """SQL date arithmetic in whole months, written per database by subclasses; immutable, so usable in generated
    columns. The number of months is part of the SQL text (it is always one of this module's constants)."""

    output_field = DateField()
    arity = 1

    def __init__(self, expression, *, months):
        self.months = int(months)
        super().__init__(expression)


class FirstDayOfMonthAfter(MonthArithmetic):
    """SQL: the first day of the Nth month after the month of a date."""

    def as_sqlite(self, compiler, connection, **extra_context):
        template = f"date(%(expressions)s, 'start of month', '+{self.months} months')"
        return self.as_sql(compiler, connection, template=template, **extra_context)

    def as_postgresql(self, compiler, connection, **extra_context):
        template = f"(date_trunc('month', (%(expressions)s)::timestamp) + interval '{self.months} months')::date"
        return self.as_sql(compiler, connection, template=template, **extra_context)


class AddMonths(MonthArithmetic):
    """SQL: a date plus N calendar months, clamped to the end of shorter months (as `add_months`)."""

    def as_sqlite(self, compiler, connection, **extra_context):
        # SQLite rolls 31 August + 6 months over to 3 March; the smaller of that and the last day of the target
        # month is the clamped date (ISO date strings compare in date order).
        n = self.months
        template = (
            f"min(date(%(expressions)s, '+{n} months'), "
            f"date(%(expressions)s, 'start of month', '+{n + 1} months', '-1 day'))"
        )
        return self.as_sql(compiler, connection, template=template, **extra_context)

    def as_postgresql(self, compiler, connection, **extra_context):
        template = f"((%(expressions)s) + interval '{self.months} months')::date"
        return self.as_sql(compiler, connection, template=template, **extra_context)


class SQLTemplate(Expression):
    """
    An SQL expression written as one template over named parts, each an expression (a column, a value, another
    annotation) compiled in place: `"{deposited_on} <= {day}"`. Subclasses give `template` or `get_template()`.

    The page that lists every State builds its status on each render; Django resolves and compiles one of these
    several times faster than the equivalent `Case(When(Q(…)))` tree.
    """

    template = ""
    placeholder = re.compile(r"\{(\w+)\}")

    def __init__(self, **parts):
        super().__init__()
        self.parts = parts

    def get_source_expressions(self):
        return list(self.parts.values())

    def set_source_expressions(self, exprs):
        self.parts = dict(zip(self.parts, exprs, strict=True))

    def get_template(self, connection):
        return self.template

    def as_sql(self, compiler, connection, **extra_context):
        compiled = {name: compiler.compile(expression) for name, expression in self.parts.items()}
        template = self.get_template(connection)
        sql, params, end = [], [], 0
        for match in self.placeholder.finditer(template):  # parameters in the order their parts appear
            part_sql, part_params = compiled[match[1]]
            sql += [template[end : match.start()], f"({part_sql})"]
            params += part_params
            end = match.end()
        sql.append(template[end:])
        return "".join(sql), params


class LaterDate(Func):
    """
    SQL: the later of two dates, NULL if either is NULL (as a State without a deposit has no entry into force);
    immutable, so usable in generated columns.
    """

    output_field = DateField()
    arity = 2

    def as_sqlite(self, compiler, connection, **extra_context):
        # SQLite's MAX() of several arguments is NULL when one is; ISO date strings compare in date order.
        return self.as_sql(compiler, connection, function="MAX", **extra_context)

    def as_postgresql(self, compiler, connection, **extra_context):
        # PostgreSQL's GREATEST() skips NULLs, so the NULL case is spelled out.
        (first, first_params), (second, second_params) = (
            compiler.compile(expression) for expression in self.get_source_expressions()
        )
        sql = f"CASE WHEN ({first}) IS NULL OR ({second}) IS NULL THEN NULL ELSE GREATEST(({first}), ({second})) END"
        return sql, (*first_params, *second_params, *first_params, *second_params)


# Obligations (Articles 4, 5, 7 and 20). Each runs from the day the Convention binds the State: its entry into force
# (Article 17), or for a successor State the date of its succession (`State.obligations_from`).
#
# - Article 4: destroy all stockpiled anti-personnel mines "as soon as possible but not later than four years after
#   the entry into force of this Convention for that State Party".
# - Article 5(1): destroy all anti-personnel mines in mined areas "as soon as possible but not later than ten years
#   after the entry into force"; Article 5(3)-(6): a State Party may request an extension of up to ten years, which
#   the Meeting of the States Parties or the Review Conference decides. Extensions are data, never computed.
# - Article 7(1): an initial transparency report "as soon as practicable, and in any event not later than 180 days
#   after the entry into force"; Article 7(2): updated annually, covering the last calendar year, "not later than
#   30 April of each year". Deadlines only: the site holds no record of reports made.
# - Article 20(2)-(3): obligations end on the day a withdrawal takes effect, and continue while it is suspended.
STOCKPILE_DESTRUCTION_YEARS = 4  # Article 4
CLEARANCE_YEARS = 10  # Article 5(1)
INITIAL_REPORT_DAYS = 180  # Article 7(1)
ANNUAL_REPORT_MONTH, ANNUAL_REPORT_DAY = 4, 30  # Article 7(2): 30 April


def stockpile_destruction_deadline(bound_from):
    """Article 4: four years after the obligations began (1 March 1999 → 1 March 2003); None without a start."""
    return add_months(bound_from, 12 * STOCKPILE_DESTRUCTION_YEARS) if bound_from else None


def clearance_deadline(bound_from):
    """Article 5(1), before any extension: ten years after the obligations began (9 July 2011 → 9 July 2021)."""
    return add_months(bound_from, 12 * CLEARANCE_YEARS) if bound_from else None


def initial_report_deadline(bound_from):
    """Article 7(1): 180 days after the obligations began (1 March 1999 → 28 August 1999)."""
    return bound_from + timedelta(days=INITIAL_REPORT_DAYS) if bound_from else None


def annual_report_deadline(year):
    """Article 7(2): the annual report covering the calendar year before `year` is due on 30 April of `year`."""
    return date(year, ANNUAL_REPORT_MONTH, ANNUAL_REPORT_DAY)


def first_annual_report_deadline(bound_from):
    """Article 7(2): the first 30 April after the initial report falls due (it covers the last calendar year)."""
    if bound_from is None:
        return None
    initial = initial_report_deadline(bound_from)
    due = annual_report_deadline(initial.year)
    return due if due > initial else annual_report_deadline(initial.year + 1)


def obligations_ended(*, withdrawal_effective_on, withdrawal_suspended, day):
    """Article 20: a State's obligations end on the day its withdrawal takes effect, unless it is suspended (20(3))."""
    return bool(withdrawal_effective_on) and not withdrawal_suspended and withdrawal_effective_on <= day


def stockpile_destruction_deadline_sql(bound_from):
    """SQL: `stockpile_destruction_deadline` of a date expression."""
    return AddMonths(bound_from, months=12 * STOCKPILE_DESTRUCTION_YEARS)


def clearance_deadline_sql(bound_from):
    """SQL: `clearance_deadline` of a date expression."""
    return AddMonths(bound_from, months=12 * CLEARANCE_YEARS)
