from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import TestCase

from meetings.models import Kind, Meeting, code_for, ordinal_word
from meetings.services import presidency_from
from tests.treaty.factories import StateFactory

from .factories import MeetingFactory, MeetingSourceFactory


class ConstraintTests(TestCase):
    def assert_refused(self, **fields):
        with self.assertRaises(IntegrityError), transaction.atomic():
            MeetingFactory(**fields)

    def test_the_database_holds_the_kind_to_its_choices(self):
        self.assert_refused(kind="xx", code="101XX")

    def test_the_database_refuses_a_last_day_before_the_first(self):
        self.assert_refused(start_date=date(2002, 9, 20), end_date=date(2002, 9, 16))

    def test_the_database_refuses_a_code_that_is_not_the_number_and_the_kind(self):
        self.assert_refused(number=104, code="105MSP")
        self.assert_refused(kind=Kind.RC, number=106, code="106MSP")
        self.assert_refused(number=107, code="107msp")

    def test_codes_and_kind_numbers_are_unique(self):
        MeetingFactory(number=110)
        self.assert_refused(number=110)

    def test_a_one_day_meeting_is_allowed(self):
        meeting = MeetingFactory(start_date=date(2002, 9, 16), end_date=date(2002, 9, 16))
        self.assertEqual(meeting.dates_text, "16 September 2002")

    def test_clean_writes_the_code_in_capitals_and_says_what_it_should_be(self):
        meeting = MeetingFactory.build(number=4, code="4msp")
        meeting.full_clean(validate_unique=False, validate_constraints=False)
        self.assertEqual(meeting.code, "4MSP")
        wrong = MeetingFactory.build(kind=Kind.RC, number=2, code="2MSP")
        with self.assertRaisesMessage(ValidationError, "The Second Review Conference is “2RC”."):
            wrong.full_clean(validate_unique=False, validate_constraints=False)


class FactsTests(TestCase):
    def test_names_and_codes(self):
        self.assertEqual(code_for(Kind.MSP, 4), "4MSP")
        self.assertEqual(code_for("rc", 2), "2RC")
        self.assertEqual(
            [ordinal_word(n) for n in (1, 2, 10, 13, 20, 21, 22, 40, 99)],
            ["First", "Second", "Tenth", "Thirteenth", "Twentieth", "Twenty-first", "Twenty-second", "Fortieth",
             "Ninety-ninth"],
        )  # fmt: skip
        meeting = MeetingFactory.build(kind=Kind.RC, number=2, code="2RC")
        self.assertEqual(meeting.name, "Second Review Conference")
        self.assertEqual(meeting.get_absolute_url(), "/meetings/2rc/")

    def test_the_place_names_the_host_country_when_known(self):
        norway = StateFactory(name="Norway")
        self.assertEqual(MeetingFactory.build(city="Oslo", country=norway).place, "Oslo, Norway")
        self.assertEqual(MeetingFactory.build(city="Oslo").place, "Oslo")

    def test_a_source_without_a_title_is_labelled_by_its_site(self):
        self.assertEqual(MeetingSourceFactory(url="https://www.press.un.org/en/1999/x.html").label, "press.un.org")
        self.assertEqual(MeetingSourceFactory(url="https://a.example/", title="A title").label, "A title")

    def test_the_body_is_markdown_sanitised_like_an_event_body(self):
        meeting = MeetingFactory.build(body="**Decided** <script>alert(1)</script>")
        self.assertInHTML("<p><strong>Decided</strong> </p>", meeting.body_html)
        self.assertNotIn("script", meeting.body_html)


class PresidencyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.states = {name: StateFactory(name=name) for name in ("Belgium", "Norway", "Chile")}

    def test_the_state_in_brackets_or_before_them_by_its_exact_name(self):
        self.assertEqual(presidency_from("Ambassador Jean Lint (Belgium)"), self.states["Belgium"])
        self.assertEqual(presidency_from("Norway (person not named in sources read)"), self.states["Norway"])
        text = "Heraldo Muñoz, Foreign Minister (Chile), elected President; Ambassador Marta Maurás presided"
        self.assertEqual(presidency_from(text), self.states["Chile"])

    def test_nothing_is_guessed(self):
        self.assertIsNone(presidency_from("Ambassador Robbert Jan Gabriëlse (Netherlands)"))
        self.assertIsNone(presidency_from("Someone (Belg)"))
        self.assertIsNone(presidency_from(""))


class QuerySetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.msp = MeetingFactory(number=120, start_date=date(2004, 9, 1), end_date=date(2004, 9, 3))
        cls.rc = MeetingFactory(review=True, number=121, start_date=date(2004, 11, 29), end_date=date(2004, 12, 3))
        cls.other = MeetingFactory(number=122, start_date=date(2005, 11, 28), end_date=date(2005, 12, 2))
        cls.draft = MeetingFactory(number=123, draft=True)

    def test_for_list_filters_by_kind_and_year(self):
        self.assertEqual(list(Meeting.objects.for_list(year=2004)), [self.msp, self.rc])
        self.assertEqual(list(Meeting.objects.for_list(kind=Kind.RC)), [self.rc])
        self.assertEqual(list(Meeting.objects.for_list(kind=Kind.MSP, year=2005)), [self.other])

    def test_published_leaves_drafts_out(self):
        self.assertNotIn(self.draft, Meeting.objects.published())

    def test_for_list_is_one_query(self):
        with self.assertNumQueries(1):
            [meeting.place for meeting in Meeting.objects.for_list()]
