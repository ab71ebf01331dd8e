import re
from itertools import pairwise

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Count, Exists, Max, Min, OuterRef
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline
from simple_history.admin import SimpleHistoryAdmin

from core.admin import (
    CleanTextForm,
    ConcurrencyGuardForm,
    HistoryAdminMixin,
    PublicationAdminMixin,
    PublicationInlineMixin,
)
from core.translations import BASE_LANGUAGE, column, languages, translated_fields
from exports.admin import EXPORT_ACTIONS, ExportActionsMixin
from exports.imports import PreviewImportMixin
from treaty.models import State

from . import history, mirrors, services
from .models import Anniversary, Category, Era, Event, EventImage, EventSource
from .resources import EDITOR_ONLY_FIELDS, EventResource


def with_translations(names):
    """Event fields and each language's column of those translated: ("title",) → ("title", "title_en", …)."""
    translated = translated_fields(Event)
    return (*names, *(column(name, lang) for name in names if name in translated for lang in languages()))


class EventSourceInline(PublicationInlineMixin, admin.TabularInline):
    model = EventSource
    form = CleanTextForm
    extra = 0
    fields = ("title", "url", "position")


class EventImageInline(PublicationInlineMixin, TranslationStackedInline):
    model = EventImage
    form = CleanTextForm
    extra = 0
    fields = ("image", "thumbnail", "alt_text", "caption", "credit", "position")
    readonly_fields = ("thumbnail",)

    @admin.display(description="current picture")
    def thumbnail(self, image):
        if not image.pk or not image.image:
            return "—"
        smallest = image.renditions_of("jpeg")[:1]
        url = smallest[0].file.url if smallest else image.image.url
        return format_html('<img src="{}" alt="{}" width="240">', url, image.alt_text)


SLUG = re.compile(r"[-a-zA-Z0-9_]+")


class EraListFilter(admin.SimpleListFilter):
    """Events of an era as visitors see them: by date, plus those an editor added to it."""

    title = "era"
    parameter_name = "era"

    def lookups(self, request, model_admin):
        return [(era.slug, era.title) for era in Era.objects.all()]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        if not SLUG.fullmatch(self.value()):
            return queryset.none()  # no era has it (and PostgreSQL refuses a NUL in a query)
        era = Era.objects.filter(slug=self.value()).first()
        return queryset.in_era(era) if era else queryset.none()


class DecadeListFilter(admin.SimpleListFilter):
    title = "decade"
    parameter_name = "decade"

    def lookups(self, request, model_admin):
        span = Event.objects.aggregate(first=Min("date"), last=Max("date"))
        if span["first"] is None:
            return []
        first, last = span["first"].year // 10 * 10, span["last"].year // 10 * 10
        return [(str(decade), f"{decade}s") for decade in range(first, last + 10, 10)]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        value = self.value()
        if not (value.isdigit() and len(value) <= 4):
            return queryset.none()  # a year has at most four digits (a huge number would overflow the query)
        decade = int(value)
        return queryset.filter(date__year__gte=decade, date__year__lt=decade + 10)


class HasImageListFilter(admin.SimpleListFilter):
    title = "has image"
    parameter_name = "has_image"

    def lookups(self, request, model_admin):
        return [("yes", "With images"), ("no", "Without images")]

    def queryset(self, request, queryset):
        has_image = Exists(EventImage.objects.filter(event=OuterRef("pk")))
        if self.value() == "yes":
            return queryset.filter(has_image)
        if self.value() == "no":
            return queryset.exclude(has_image)
        return queryset


@admin.register(Category)
class CategoryAdmin(ExportActionsMixin, HistoryAdminMixin, TranslationAdmin, SimpleHistoryAdmin):
    form = ConcurrencyGuardForm
    list_display = ("name", "slug", "event_count")
    actions = EXPORT_ACTIONS
    search_fields = ("name", "slug", "description")
    prepopulated_fields = {"slug": ("name",)}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(event_count=Count("events"))

    @admin.display(description="events", ordering="event_count")
    def event_count(self, category):
        return category.event_count


@admin.register(Era)
class EraAdmin(ExportActionsMixin, PublicationAdminMixin, TranslationAdmin, SimpleHistoryAdmin):
    form = ConcurrencyGuardForm
    list_display = ("title", "period", "slug", "status", "publish_at")
    actions = [*PublicationAdminMixin.actions, *EXPORT_ACTIONS]
    list_filter = ("status",)
    search_fields = ("title", "short_title", "summary", "introduction")
    prepopulated_fields = {"slug": ("title",)}
    ordering = ("start_date",)
    date_hierarchy = "start_date"
    readonly_fields = ("introduction_preview", "events_in_era")
    fieldsets = (
        (None, {"fields": ("title", "short_title", "slug", "summary", "edited_version")}),
        ("Period", {"fields": ("start_date", "end_date", "period_precision")}),
        ("Introduction", {"fields": ("introduction", "introduction_preview")}),
        ("Publication", {"fields": ("status", "publish_at")}),
        ("Events", {"fields": ("events_in_era",)}),
    )

    @admin.display(description="period", ordering="start_date")
    def period(self, era):
        return era.period_text

    @admin.display(description="preview (as last saved)")
    def introduction_preview(self, era):
        return format_html('<div class="markdown-preview">{}</div>', era.introduction_html) if era.pk else "—"

    @admin.display(description="events shown in this era")
    def events_in_era(self, era):
        if not era.pk:
            return "—"
        events = Event.objects.in_era(era).select_related("category").order_by("date", "pk")
        rows = format_html_join(
            "",
            '<li><a href="{}">{}</a> <span class="help">{} · {}</span></li>',
            (
                (reverse("admin:timeline_event_change", args=[event.pk]), event.title, event.date_text, event.status)
                for event in events
            ),
        )
        return format_html("<ol>{}</ol>", rows) if rows else "None yet."


@admin.register(Event)
class EventAdmin(ExportActionsMixin, PreviewImportMixin, PublicationAdminMixin, TranslationAdmin, SimpleHistoryAdmin):
    form = ConcurrencyGuardForm
    resource_classes = [EventResource]  # "Import" on the list: events from CSV or XLSX, added or updated
    import_may_create = True
    editor_only_fields = EDITOR_ONLY_FIELDS  # only editors feature an event (the import holds the same rule)
    list_display = ("title", "date_display", "category", "era", "featured", "status", "publish_at")
    list_filter = ("category", EraListFilter, DecadeListFilter, HasImageListFilter, "featured", "status")
    list_select_related = ("category",)
    search_fields = ("title", "summary", "location", "body", "slug")
    date_hierarchy = "date"
    ordering = ("date", "pk")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("related_states", "also_in_eras")
    inlines = [EventSourceInline, EventImageInline]
    readonly_fields = ("body_preview", "created_at", "updated_at")
    actions = [*PublicationAdminMixin.actions, *EXPORT_ACTIONS]
    fieldsets = (
        (None, {"fields": ("title", "slug", "category", "featured", "edited_version")}),
        ("When and where", {"fields": ("date", "date_precision", "end_date", "location")}),
        ("Text", {"fields": ("summary", "body", "body_preview")}),
        ("For staff only", {"fields": ("internal_note",)}),
        ("Links", {"fields": ("related_states", "also_in_eras")}),
        ("Publication", {"fields": ("status", "publish_at", "created_at", "updated_at")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).with_era_title()

    # Events another app keeps in step (a meeting's event: `timeline.mirrors`, registered by the meetings app)

    def get_readonly_fields(self, request, obj=None):
        """A meeting's event shows the fields the meeting writes read-only: editors change those on the meeting,
        once. Its own text, sources, pictures and links stay the editors' here."""
        fields = list(super().get_readonly_fields(request, obj))
        if (mirrored := mirrors.mirrored_from(obj)) is not None:
            fields += [
                name
                for name in with_translations(mirrored.fields)
                if name not in fields and name not in self._prepopulate_sources()
            ]
            fields.append("mirrored_from")
        return fields

    def _prepopulate_sources(self):
        """The fields the slug is filled from ("title"): restoring a version builds its page with the class's
        `prepopulated_fields` (django-simple-history), so these stay in the form, disabled (`get_form`); with each
        language's box of a translated one (the slug is filled from "title_en")."""
        names = {name for sources in self.prepopulated_fields.values() for name in sources}
        translated = translated_fields(Event)  # modeltranslation names the English box ("title_en"): its field
        names |= {field for field in translated for name in set(names) if name == column(field, BASE_LANGUAGE)}
        return set(with_translations(sorted(names)))

    def get_prepopulated_fields(self, request, obj=None):
        if mirrors.mirrored_from(obj) is not None:
            return {}  # the title is read-only there: nothing to fill the slug from
        return super().get_prepopulated_fields(request, obj)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if (mirrored := mirrors.mirrored_from(obj)) is not None:
            notice = (mirrored.record._meta.verbose_name.capitalize(), {"fields": ("mirrored_from",)})
            return (notice, *fieldsets)
        return fieldsets

    @admin.display(description="kept in step with")
    def mirrored_from(self, event):
        mirrored = mirrors.mirrored_from(event)
        if mirrored is None:
            return "—"
        names = ", ".join(str(Event._meta.get_field(name).verbose_name) for name in mirrored.fields)
        return format_html(
            '<a href="{}">Edit on the {}</a>: this event\'s {} come from the {}; change them there.',
            reverse(mirrored.admin_url_name, args=[mirrored.record.pk]),
            mirrored.label,
            names,
            mirrored.record._meta.verbose_name,
        )

    def get_deleted_objects(self, objs, request):
        """A meeting's event is not deleted here (the meeting would lose its place on the timeline, and make a new
        event at its next save): the confirmation page names the meeting as what protects it."""
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        for event in objs:
            if (mirrored := mirrors.mirrored_from(event)) is not None:
                url = reverse(mirrored.admin_url_name, args=[mirrored.record.pk])
                protected = [
                    *protected,
                    format_html(
                        '{}: <a href="{}">{}</a> (the event is kept in step with it; delete the {} instead)',
                        mirrored.record._meta.verbose_name.capitalize(),
                        url,
                        mirrored.record,
                        mirrored.record._meta.verbose_name,
                    ),
                ]
        return to_delete, model_count, perms_needed, protected

    def _without_mirrored(self, request, queryset):
        """
        The publication actions refuse the events another record keeps in step, and say so: a meeting's event is
        published, scheduled and unpublished with its meeting (the meeting's admin does both at once). Following
        through to the meeting from here was the other choice; it is not taken because the meeting is a page of its
        own, with its own permission (`meetings.publish_meeting`): publishing an event should not publish another
        page as a side effect. The other selected events are acted on as usual.
        """
        mirrored = list(queryset.filter(mirrors.mirrored_condition()).select_related(*mirrors.relations()))
        if not mirrored:
            return queryset
        links = format_html_join(
            ", ",
            '“{}” (<a href="{}">{}</a>)',
            (
                (event.title, reverse(found.admin_url_name, args=[found.record.pk]), found.label)
                for event in mirrored
                if (found := mirrors.mirrored_from(event)) is not None
            ),
        )
        self.message_user(
            request,
            format_html(
                "Not changed here: {}. Their publication follows their meeting: publish, schedule or unpublish "
                "the meeting instead.",
                links,
            ),
            messages.WARNING,
        )
        return queryset.exclude(pk__in=[event.pk for event in mirrored])

    @admin.action(
        description=PublicationAdminMixin.publish_now.short_description,
        permissions=PublicationAdminMixin.publish_now.allowed_permissions,
    )
    def publish_now(self, request, queryset):
        queryset = self._without_mirrored(request, queryset)
        return super().publish_now(request, queryset) if queryset.exists() else None

    @admin.action(
        description=PublicationAdminMixin.unpublish.short_description,
        permissions=PublicationAdminMixin.unpublish.allowed_permissions,
    )
    def unpublish(self, request, queryset):
        queryset = self._without_mirrored(request, queryset)
        return super().unpublish(request, queryset) if queryset.exists() else None

    @admin.action(
        description=PublicationAdminMixin.schedule_publication.short_description,
        permissions=PublicationAdminMixin.schedule_publication.allowed_permissions,
    )
    def schedule_publication(self, request, queryset):
        queryset = self._without_mirrored(request, queryset)
        return super().schedule_publication(request, queryset) if queryset.exists() else None

    def get_autocomplete_fields(self, request):
        """Search States by name once the treaty app registers a State admin with a search box; until then the
        two-list picker (`filter_horizontal`) is used."""
        state_admin = self.admin_site.get_model_admin(State) if self.admin_site.is_registered(State) else None
        return ("related_states",) if state_admin and state_admin.search_fields else ()

    @admin.display(description="date", ordering="date")
    def date_display(self, event):
        return event.date_text

    @admin.display(description="era (by date)")
    def era(self, event):
        return event.era_title or "—"

    @admin.display(description="preview (as last saved)")
    def body_preview(self, event):
        if not event.pk or not event.body:
            return "Save the event to see its body as visitors will."
        return format_html('<div class="markdown-preview">{}</div>', event.body_html)

    # History: an event's versions record its sources and pictures (timeline/history.py)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        """The history page's "changes" column also lists changes to the sources and pictures."""
        super().set_history_delta_changes(request, historical_records, foreign_keys_are_objs)
        records = list(historical_records)
        for newer, older in pairwise(records):
            extra = history.inline_changes(older.inlines, newer.inlines)
            if extra:
                newer.history_delta_changes = [*getattr(newer, "history_delta_changes", []), *extra]

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        request.viewed_version = self.model.history.filter(history_id=version_id).first()
        with transaction.atomic():
            response = super().history_form_view(request, object_id, version_id, extra_context)
            if (event := getattr(request, "reverted_event", None)) is not None:
                history.record_inlines(event=event)  # after the form saved the related States (save_model)
        return response

    def get_form(self, request, obj=None, **kwargs):
        """Restoring a version offers its related States and extra eras, not today's (simple-history's form reads
        them from the database)."""
        form = super().get_form(request, obj, **kwargs)
        if (mirrored := mirrors.mirrored_from(obj)) is not None:
            disabled = self._prepopulate_sources() & set(with_translations(mirrored.fields))
            form = self._mirrored_form(form, disabled=disabled)
        version = getattr(request, "viewed_version", None)
        if version is None:
            return form
        initial = {
            "related_states": [row.state_id for row in version.related_states.all()],
            "also_in_eras": [row.era_id for row in version.also_in_eras.all()],
        }

        class VersionForm(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.initial.update(initial)

        return VersionForm

    @staticmethod
    def _mirrored_form(form, *, disabled):
        """The form of a meeting's event, with the meeting's fields it still shows (`_prepopulate_sources`)
        disabled: shown, never taken from what is posted."""

        class MirroredForm(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                for name in disabled & set(self.fields):
                    self.fields[name].disabled = True
                    self.fields[name].help_text = "Set by the meeting this event follows: change it there."

        return MirroredForm

    def save_model(self, request, obj, form, change):
        """Restoring a version restores the sources and pictures it recorded, in the same change. On a meeting's
        event, the fields the meeting writes keep their stored values whatever the form or an old version says
        (restoring a version saves every field, the read-only ones too)."""
        stored = Event.objects.filter(pk=obj.pk).first() if change else None
        if (mirrored := mirrors.mirrored_from(stored)) is not None:
            for name in with_translations(mirrored.fields):
                field = Event._meta.get_field(name)
                setattr(obj, field.attname, getattr(stored, field.attname))
        super().save_model(request, obj, form, change)
        version = getattr(request, "reverted_version", None)
        if version is None:
            return
        outcome = services.restore_inlines(event=obj, inlines=version.inlines)
        obj.skip_history_when_saving = True  # the related States the form saves next are part of this version
        request.reverted_event = obj
        if outcome["pictures_gone"]:
            names = ", ".join(f"“{name}”" for name in outcome["pictures_gone"])
            self.message_user(
                request,
                f"Pictures deleted since that version cannot come back (their files are gone): {names}.",
                messages.WARNING,
            )
        if outcome["pictures_kept"]:
            names = ", ".join(f"“{name}”" for name in outcome["pictures_kept"])
            self.message_user(request, f"Pictures added since that version were kept: {names}.", messages.INFO)

    def save_related(self, request, form, formsets, change):
        """The related States, extra eras, sources and pictures saved with the form become part of the version the
        save recorded (simple-history would record a version of its own for each change of the relations)."""
        form.instance.skip_history_when_saving = True
        try:
            super().save_related(request, form, formsets, change)
        finally:
            del form.instance.skip_history_when_saving
        history.record_inlines(event=form.instance)

    def save_formset(self, request, form, formset, change):
        """Pictures go through `services`, which makes (and removes) their resized renditions."""
        if formset.model is not EventImage:
            return super().save_formset(request, form, formset, change)
        images = formset.save(commit=False)
        for image in formset.deleted_objects:
            services.delete_event_image(image=image)
        changed = {image.pk for image, fields in formset.changed_objects if "image" in fields}
        for image in images:
            new = image.pk is None
            uploaded = not image.image._committed
            try:
                image.save()
                if new or image.pk in changed:
                    services.make_renditions(image=image)
            except Exception:
                # The transaction forgets the row; the file just written must go too, or it is left orphaned.
                if uploaded and image.image.name:
                    image.image.storage.delete(image.image.name)
                raise
        formset.save_m2m()
        return None


@admin.register(Anniversary)
class AnniversaryAdmin(ExportActionsMixin, PublicationAdminMixin, TranslationAdmin, SimpleHistoryAdmin):
    actions = [*PublicationAdminMixin.actions, *EXPORT_ACTIONS]
    form = ConcurrencyGuardForm
    list_display = ("ordinal_display", "title", "day", "anchor", "status", "publish_at")
    list_display_links = ("ordinal_display", "title")
    list_filter = ("status", "anchor")
    search_fields = ("title", "introduction", "body")
    ordering = ("years",)
    readonly_fields = ("day", "body_preview", "picture_preview", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("years", "anchor", "day", "title", "edited_version")}),
        ("Text", {"fields": ("introduction", "body", "body_preview")}),
        ("Picture", {"fields": ("hero_image", "picture_preview", "hero_alt_text", "hero_credit")}),
        ("Publication", {"fields": ("status", "publish_at", "created_at", "updated_at")}),
    )

    @admin.display(description="anniversary", ordering="years")
    def ordinal_display(self, anniversary):
        return anniversary.ordinal

    @admin.display(description="day")
    def day(self, anniversary):
        if anniversary.years is None:
            return "Set from the years and the date they are counted from, once saved."
        return date_format(anniversary.date, "j F Y")

    @admin.display(description="preview (as last saved)")
    def body_preview(self, anniversary):
        if not anniversary.pk or not anniversary.body:
            return "Save the anniversary to see its body as visitors will."
        return format_html('<div class="markdown-preview">{}</div>', anniversary.body_html)

    @admin.display(description="picture as visitors get it")
    def picture_preview(self, anniversary):
        if not anniversary.hero_jpeg:
            return "—"
        return format_html('<img src="{}" alt="{}" width="320">', anniversary.hero_jpeg.url, anniversary.hero_alt_text)

    def save_model(self, request, obj, form, change):
        """The picture's resized copies are made before the one save, so the change is one entry in the history."""
        stored = Anniversary.objects.filter(pk=obj.pk).first() if change else None
        if services.hero_renditions_outdated(anniversary=obj, stored=stored):
            services.make_hero_renditions(anniversary=obj, save=False)
        super().save_model(request, obj, form, change)
