from django import forms
from django.utils.formats import date_format
from django.utils.timezone import localtime


class ConcurrencyGuardForm(forms.ModelForm):
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
