from contextlib import contextmanager

from core.cache import FRESHNESS_QUERIES, content_version


@contextmanager
def page_queries(test, count):
    """
    Pin the queries a page runs itself, plus the page cache's freshness check (one query on the content version
    row). The version is read once first, so the row's creation on a fresh test database is not counted.
    """
    content_version()
    with test.assertNumQueries(count + FRESHNESS_QUERIES):
        yield


def staff_user(username, *groups, **extra):
    """A staff account in the named groups (the roles the migrations create: "Editors", "Contributors")."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(username, f"{username}@example.org", is_staff=True, **extra)
    user.groups.set(Group.objects.filter(name__in=groups))
    return user


def whole_sitemap(client):
    """The sitemap index and every section it lists, as one text to search."""
    import re

    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    sections = re.findall(r"<loc>http://testserver(/sitemap-[a-z]+\.xml(?:\?p=[0-9]+)?)</loc>", index.content.decode())
    return "".join(client.get(section).content.decode() for section in sections)


def admin_form_data(response, **changes):
    """
    An admin change form's data as the page shows it, with `changes` typed in: what an editor's browser would send.
    File fields keep their stored file; split date-time fields send their two halves; inlines send no rows.
    """
    from django import forms

    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field, forms.FileField):
            continue  # no new upload: the stored file is kept
        if isinstance(field.widget, forms.SplitDateTimeWidget):
            data[f"{name}_0"], data[f"{name}_1"] = (
                (value.date().isoformat(), value.time().isoformat()) if value else ("", "")
            )
            continue
        data[name] = "" if value is None else value
    for inline in response.context.get("inline_admin_formsets", []):
        prefix = inline.formset.prefix
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    # A translated field is edited as one box per language (`title_en`, `title_fr`…): a change to `title` is typed in
    # the English box, as an editor of the English text would.
    data.update(
        {f"{key}_en" if key not in form.fields and f"{key}_en" in form.fields else key: v for key, v in changes.items()}
    )
    data = {key: value for key, value in data.items() if value is not False}
    return {key: ("on" if value is True else value) for key, value in data.items()}
