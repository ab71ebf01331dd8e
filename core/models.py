from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext


class SeededModel(models.Model):
    """
    A model whose rows may come from the bundled data. `seed_checksum` is a digest of the values `manage.py seed`
    last wrote: while a row still matches it, no editor has touched the row and seed may update it; once it
    differs, seed leaves the row alone unless run with --overwrite.
    """

    seed_checksum = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        abstract = True


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


def is_public(status, publish_at, *, now=None):
    """Visitors may see it: published, and the publish-at time (if any) has come."""
    now = now or timezone.now()
    return status == PublicationStatus.PUBLISHED and (publish_at is None or publish_at <= now)


def publication_notice(status, publish_at, *, now=None):
    """What a preview says about an item visitors cannot see yet; None for a public item."""
    if is_public(status, publish_at, now=now):
        return None
    if status == PublicationStatus.PUBLISHED:
        moment = date_format(timezone.localtime(publish_at), "j F Y, H:i")
        return gettext("Scheduled — not public until %(moment)s (%(zone)s)") % {
            "moment": moment,
            "zone": timezone.get_current_timezone_name(),
        }
    return gettext("Draft — not public")


def publish_permission(model):
    """The permission that lets a user publish (or schedule, or unpublish) items of `model`: "app.publish_model"."""
    return f"{model._meta.app_label}.publish_{model._meta.model_name}"


class PublishableQuerySet(models.QuerySet):
    def published(self, *, now=None):
        """What visitors may see: published, and the publish-at time (if any) has come. No cron job involved."""
        now = now or timezone.now()
        return self.filter(models.Q(publish_at__isnull=True) | models.Q(publish_at__lte=now), status="published")

    def with_visibility(self, *, now=None):
        """Each row annotated with what visitors see of it now (`visibility`): "public", "draft" or "scheduled"."""
        now = now or timezone.now()
        return self.annotate(
            visibility=models.Case(
                models.When(status=PublicationStatus.DRAFT, then=models.Value("draft")),
                models.When(publish_at__gt=now, then=models.Value("scheduled")),
                default=models.Value("public"),
            )
        )


class Publishable(models.Model):
    """
    Editorial state shared by public content: a draft until published, optionally not before `publish_at`.

    Each concrete model declares the permission `publish_<model>` (see `publish_permission`): only users who hold it
    may publish, schedule or unpublish, or change an item visitors can already see.
    """

    status = models.CharField(max_length=10, choices=PublicationStatus, default=PublicationStatus.DRAFT, db_index=True)
    publish_at = models.DateTimeField(
        "publish at",
        null=True,
        blank=True,
        help_text="Leave empty to publish at once; a future time keeps the item hidden until then.",
    )

    # The (status, publish-at) field pairs of a model: the page cache rolls over when a publish-at time passes.
    publication_fields = [("status", "publish_at")]

    class Meta:
        abstract = True
        # The database holds the status to its choices. A concrete model that declares its own constraints keeps
        # this one with `constraints = [*Publishable.Meta.constraints, ...]`.
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=PublicationStatus.values),
                name="%(app_label)s_%(class)s_status_valid",
                violation_error_message="Unknown status.",
            ),
        ]

    def is_public(self, *, now=None):
        return is_public(self.status, self.publish_at, now=now)

    def publication_notice(self, *, now=None):
        return publication_notice(self.status, self.publish_at, now=now)


class ContentVersion(models.Model):
    """
    The one row every process reads to know whether a cached page is still fresh (see `core.cache`): a random
    token, replaced after each committed change to public content, and the next scheduled publication time, when it
    is replaced once more. Kept in the database so that every worker on every machine agrees.
    """

    token = models.CharField(max_length=32)
    next_publication = models.DateTimeField(null=True, blank=True)
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = "content version"

    def __str__(self):
        return self.token
