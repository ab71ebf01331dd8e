from datetime import date

import factory

from meetings.models import Kind, Meeting
from obligations.models import ClearanceExtension, ClearanceObligation, StockpileObligation, StockpileStatus
from tests.treaty.factories import StateFactory


class MeetingFactory(factory.django.DjangoModelFactory):
    """A Meeting of the States Parties; `code` follows `number` ("12MSP")."""

    class Meta:
        model = Meeting
        django_get_or_create = ("code",)

    kind = Kind.MSP
    number = factory.Sequence(lambda n: n + 1)
    code = factory.LazyAttribute(lambda o: f"{o.number}{'MSP' if o.kind == Kind.MSP else 'RC'}")
    start_date = date(2008, 11, 24)
    end_date = factory.LazyAttribute(lambda o: o.start_date)
    status = "published"


class ClearanceObligationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClearanceObligation

    state = factory.SubFactory(StateFactory, ratified=True)  # deposited 1 June 1998: in force 1 March 1999


class ClearanceExtensionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClearanceExtension

    obligation = factory.SubFactory(ClearanceObligationFactory)
    sequence = factory.Sequence(lambda n: n + 1)
    meeting = factory.SubFactory(MeetingFactory)
    meeting_code = factory.LazyAttribute(lambda o: o.meeting.code if o.meeting else "")
    new_deadline = date(2014, 3, 1)
    new_deadline_precision = factory.LazyAttribute(lambda o: "day" if o.new_deadline else "")


class StockpileObligationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StockpileObligation

    state = factory.SubFactory(StateFactory, ratified=True)
    status = StockpileStatus.COMPLETED
