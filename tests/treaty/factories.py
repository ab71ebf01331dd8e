import itertools
import string
from datetime import date

import factory

from treaty.models import Instrument, Region, State

# Synthetic States use codes that real ones do not: first letter Q (ISO 3166 reserves QM–QZ for private use).
_codes = (f"Q{a}{b}" for a, b in itertools.product(string.ascii_uppercase, repeat=2))


class StateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = State

    class Params:
        iso = factory.LazyFunction(lambda: next(_codes))
        signed = factory.Trait(signed_on=date(1997, 12, 3))
        ratified = factory.Trait(
            signed_on=date(1997, 12, 3), instrument=Instrument.RATIFICATION, deposited_on=date(1998, 6, 1)
        )
        acceded = factory.Trait(instrument=Instrument.ACCESSION, deposited_on=date(2005, 3, 15))
        withdrawn = factory.Trait(
            instrument=Instrument.ACCESSION, deposited_on=date(2005, 3, 15), withdrawal_notified_on=date(2025, 7, 10)
        )

    name = factory.Sequence(lambda n: f"Testland {n}")
    iso3 = factory.LazyAttribute(lambda o: o.iso)
    iso2 = factory.LazyAttribute(lambda o: o.iso[1:])
    region = Region.EUROPE
    sub_region = "Northern Europe"
