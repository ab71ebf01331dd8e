import dataclasses

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import ActionLocation
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime

from . import publishing
from .models import PublicationStatus, publish_permission
from .text import strip_control_characters


class CleanTextForm(forms.ModelForm):
    """An admin form whose text comes in without control characters (`core.text.strip_control_characters`): a
    vertical tab pasted from Word would otherwise be stored, and break the feed."""

    def clean(self):
        cleaned_data = super().clean()
        for name, value in cleaned_data.items():
            if isinstance(value, str):
                cleaned_data[name] = strip_control_characters(value)
        return cleaned_data


class ConcurrencyGuardForm(CleanTextForm):
    """
    Optimistic concurrency for admin edits. The form remembers the record's `updated_at` when it was opened; on
    save, the row is locked and compared. If someone saved it in between, nothing is overwritten: the editor is told.
    The admin runs the change view in a transaction, so the lock holds until this save commits.
    """

    edited_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The version of the row as stored now: when reverting to an old version, the form's instance is the
            # historical copy, whose own `updated_at` is old.
            current = self._stored_version()
            self.fields["edited_version"].initial = current.isoformat() if current else ""

    def _stored_version(self, *, lock=False):
        rows = type(self.instance)._default_manager.filter(pk=self.instance.pk)
        if lock:
            rows = rows.select_for_update()
        return rows.values_list("updated_at", flat=True).first()

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk:
            current = self._stored_version(lock=True)
            if current and cleaned_data.get("edited_version") != current.isoformat():
                raise forms.ValidationError(
                    "Someone else saved this record at %(time)s, after you opened it. Your changes were not saved, "
                    "so theirs are not lost: copy what you changed, reload the page to see the current record, then "
                    "make your change again.",
                    code="stale",
                    params={"time": date_format(localtime(current), "j F Y, H:i")},
                )
        return cleaned_data


class ScheduleForm(forms.Form):
    """The intermediate page of the "schedule" admin action: when the selected items go public."""

    publish_at = forms.DateTimeField(
        label="Publish at",
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": "Give a date and a time, e.g. 2027-12-03 09:00."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["publish_at"].help_text = (
            f"Time zone: {timezone.get_current_timezone_name()}. The items stay hidden until then, and appear by "
            "themselves at that time."
        )

    def clean_publish_at(self):
        publish_at = self.cleaned_data["publish_at"]
        if publish_at <= timezone.now():
            raise forms.ValidationError("Choose a time in the future; to publish at once, use “Publish now”.")
        return publish_at


class HistoryAdminMixin:
    """The history of an item in the admin, in plain words: every change says what happened ("Changed in the
    admin", "Reverted to version of …"; imports say "Imported from <file>"), and who made it is shown by name,
    linked to their account only for those who may open accounts."""

    object_history_list_template = "admin/history/object_history_list.html"

    def history_view(self, request, object_id, extra_context=None):
        extra_context = {**(extra_context or {}), "may_open_accounts": request.user.has_perm("auth.change_user")}
        return super().history_view(request, object_id, extra_context)

    def save_model(self, request, obj, form, change):
        if not getattr(obj, "_change_reason", None):
            version = getattr(request, "reverted_version", None)
            if version is not None:
                moment = date_format(localtime(version.history_date), "j F Y, H:i")
                obj._change_reason = f"Reverted to version of {moment}"
            else:
                obj._change_reason = "Changed in the admin" if change else "Added in the admin"
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        obj._change_reason = "Deleted in the admin"
        super().delete_model(request, obj)


class PublicationAdminMixin(HistoryAdminMixin):
    """
    The editorial workflow in the admin, for a model with a publication status and a publish-at time
    (`core.models.Publishable`, or a State's note with other field names):

    - the actions "publish now", "schedule" and "unpublish" on the list, offered and carried out only for users with
      the model's `publish` permission (`core.models.publish_permission`);
    - without that permission, the status and publish-at fields are read-only (new items are drafts), an item that
      is published (or scheduled) cannot be changed — only viewed — and restoring an old version never changes its
      publication;
    - restoring an old version (django-simple-history) runs in a transaction and needs the change permission.
    """

    actions = ["publish_now", "schedule_publication", "unpublish"]
    status_field = "status"
    publish_at_field = "publish_at"
    # Whether a user without the publish permission is kept from changing an item that is published or scheduled;
    # or, for a model whose publication covers only some fields, those fields.
    lock_published_items = True
    fields_locked_when_published = ()
    # Fields that, like the publication, only a user with the publish permission sets (e.g. "featured").
    editor_only_fields = ()
    publication_action_labels = {
        "publish_now": "Publish the selected %(verbose_name_plural)s now",
        "schedule_publication": "Schedule the selected %(verbose_name_plural)s for publication",
        "unpublish": "Unpublish the selected %(verbose_name_plural)s (back to draft)",
    }
    schedule_template = "admin/publishing/schedule.html"

    # Permissions

    def has_publish_permission(self, request, obj=None):
        return request.user.has_perm(publish_permission(self.model))

    def is_published(self, obj):
        """Published or scheduled: what visitors see now, or will see without anyone acting."""
        return getattr(obj, self.status_field) == PublicationStatus.PUBLISHED

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if allowed and obj is not None and self.lock_published_items and self.is_published(obj):
            return self.has_publish_permission(request)
        return allowed

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            locked = [self.status_field, self.publish_at_field, *self.editor_only_fields]
            if obj is not None and self.is_published(obj):
                locked += self.fields_locked_when_published
            fields += [name for name in locked if name not in fields]
        return fields

    def save_model(self, request, obj, form, change):
        """Without the publish permission, nothing — not even restoring an old version — changes the publication."""
        if not self.has_publish_permission(request):
            stored = type(obj)._default_manager.filter(pk=obj.pk).first() if change else None
            if stored is None:
                setattr(obj, self.status_field, PublicationStatus.DRAFT)
                setattr(obj, self.publish_at_field, None)
                for name in self.editor_only_fields:
                    setattr(obj, name, obj._meta.get_field(name).get_default())
            else:
                kept = [self.status_field, self.publish_at_field, *self.editor_only_fields]
                if self.is_published(stored):
                    kept += self.fields_locked_when_published
                for name in kept:
                    setattr(obj, name, getattr(stored, name))
        super().save_model(request, obj, form, change)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Restoring a version is a change: it needs the change permission on the item as it stands now (viewers
        only look) — or, for a deleted item, the add permission — and it runs in a transaction, as the change page
        does (the concurrency guard locks the row)."""
        if request.method == "POST":
            current = self.get_object(request, unquote(object_id))
            allowed = (
                self.has_add_permission(request) if current is None else self.has_change_permission(request, current)
            )
            if not allowed:
                raise PermissionDenied
            request.reverted_version = self.model.history.filter(history_id=version_id).first()
        with transaction.atomic():
            return super().history_form_view(request, object_id, version_id, extra_context)

    # Actions

    def get_action(self, action, action_location=ActionLocation.CHANGE_LIST):
        """The publication actions, described for this model ("Publish the selected events now")."""
        found = super().get_action(action, action_location)
        if found is not None and found.name in self.publication_action_labels:
            label = self.publication_action_labels[found.name]
            found = dataclasses.replace(found, description=label, plural_description=label)
        return found

    def _fields(self):
        return {"status_field": self.status_field, "publish_at_field": self.publish_at_field}

    @admin.action(description="Publish now", permissions=["publish"])
    def publish_now(self, request, queryset):
        count = publishing.publish(items=queryset, **self._fields())
        self.message_user(request, f"Published {count} of {len(queryset)} selected.", messages.SUCCESS)

    @admin.action(description="Unpublish", permissions=["publish"])
    def unpublish(self, request, queryset):
        count = publishing.unpublish(items=queryset, **self._fields())
        self.message_user(request, f"Returned {count} of {len(queryset)} selected to draft.", messages.SUCCESS)

    @admin.action(description="Schedule", permissions=["publish"])
    def schedule_publication(self, request, queryset):
        """Asks when, on a page of its own (like Django's delete confirmation), then schedules."""
        form = ScheduleForm(request.POST if "publish_at" in request.POST else None)
        if form.is_valid():
            at = form.cleaned_data["publish_at"]
            count = publishing.schedule(items=queryset, at=at, **self._fields())
            moment = date_format(localtime(at), "j F Y, H:i")
            self.message_user(request, f"Scheduled {count} of {len(queryset)} selected for {moment}.", messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "When should they be published?",
            "opts": self.opts,
            "queryset": queryset,
            "form": form,
            "action_name": "schedule_publication",
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        return TemplateResponse(request, self.schedule_template, context)


class PublicationInlineMixin:
    """An inline of a `PublicationAdminMixin` admin: read-only wherever its parent item is (a published item, for a
    user who may not publish)."""

    def _parent_locked(self, request, obj):
        if obj is None:
            return False
        return not self.admin_site.get_model_admin(self.parent_model).has_change_permission(request, obj)

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and not self._parent_locked(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._parent_locked(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._parent_locked(request, obj)
