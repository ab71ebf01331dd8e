from django.db import models


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


class PublishableQuerySet(models.QuerySet):
    def published(self, *, now=None):
        """What visitors may see: published, and the publish-at time (if any) has come. No cron job involved."""
        from django.utils import timezone

        now = now or timezone.now()
        return self.filter(models.Q(publish_at__isnull=True) | models.Q(publish_at__lte=now), status="published")


class Publishable(models.Model):
    """Editorial state shared by public content: a draft until published, optionally not before `publish_at`."""

    status = models.CharField(max_length=10, choices=PublicationStatus, default=PublicationStatus.DRAFT, db_index=True)
    publish_at = models.DateTimeField(
        "publish at",
        null=True,
        blank=True,
        help_text="Leave empty to publish at once; a future time keeps the item hidden until then.",
    )

    class Meta:
        abstract = True

    def is_public(self, *, now=None):
        from django.utils import timezone

        now = now or timezone.now()
        return self.status == PublicationStatus.PUBLISHED and (self.publish_at is None or self.publish_at <= now)
