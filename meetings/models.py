"""
Meetings of the States Parties (Article 11) and Review Conferences (Article 12): where the States Parties met and
what they decided. Meetings are content, edited in the admin with the same workflow as timeline events.
"""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from core.models import Publishable, PublishableQuerySet, SeededModel


class Kind(models.TextChoices):
    MSP = "msp", "Meeting of the States Parties"
    RC = "rc", "Review Conference"


class MeetingQuerySet(PublishableQuerySet):
    pass


class Meeting(SeededModel, Publishable):
    """One Meeting of the States Parties ("4MSP") or Review Conference ("2RC")."""

    code = models.CharField(
        max_length=10,
        unique=True,
        help_text="The Convention's own short name, e.g. “4MSP” or “2RC”; the page address is /meetings/4msp/.",
    )
    kind = models.CharField(max_length=3, choices=Kind)
    number = models.PositiveSmallIntegerField(help_text="1 for the First Meeting of the States Parties, and so on.")
    start_date = models.DateField("first day")
    end_date = models.DateField("last day")

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name = "meeting"
        permissions = [("publish_meeting", "Can publish meetings")]
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(
                condition=Q(kind__in=Kind.values),
                name="meetings_meeting_kind_valid",
                violation_error_message="Unknown kind.",
            ),
            models.UniqueConstraint(fields=["kind", "number"], name="meetings_meeting_kind_number_unique"),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="meetings_meeting_end_after_start",
                violation_error_message="The last day cannot be before the first.",
            ),
        ]

    def __str__(self):
        return self.code

    def get_absolute_url(self):
        return reverse("meetings:meeting-detail", kwargs={"code": self.code.lower()})
