from datetime import date

import factory
from factory.django import DjangoModelFactory

from core.models import PublicationStatus
from meetings.models import Kind, Meeting, MeetingSource, code_for


class MeetingFactory(DjangoModelFactory):
    """A published Meeting of the States Parties, numbered from 101 (no bundled meeting has such a number)."""

    class Meta:
        model = Meeting

    kind = Kind.MSP
    number = factory.Sequence(lambda n: 101 + n)
    code = factory.LazyAttribute(lambda o: code_for(o.kind, o.number))
    start_date = date(2002, 9, 16)
    end_date = date(2002, 9, 20)
    city = "Geneva"
    president = "Ambassador Jean Lint (Belgium)"
    outcome = "Stressed the approaching deadlines."
    status = PublicationStatus.PUBLISHED

    class Params:
        draft = factory.Trait(status=PublicationStatus.DRAFT)
        review = factory.Trait(kind=Kind.RC)


class MeetingSourceFactory(DjangoModelFactory):
    class Meta:
        model = MeetingSource

    meeting = factory.SubFactory(MeetingFactory)
    url = factory.Sequence(lambda n: f"https://source.example/meeting/{n}")
