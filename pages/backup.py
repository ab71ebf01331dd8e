"""What `manage.py backup` writes and `manage.py restore` reads: every model that holds content or treaty data."""

import hashlib
import io
import json
import shutil
import tarfile
from pathlib import Path

from django.apps import apps
from django.contrib.auth.models import Group
from django.core.files import File
from django.core.files.storage import default_storage

OUR_APPS = ("treaty", "timeline", "meetings", "obligations", "exports")  # exports: the export log, an audit trail
BACKUP_MODELS = ("auth.group", "auth.user", *OUR_APPS)
# The groups a migration creates on every database (core/migrations/0001_editorial_roles.py, the project's own).
ROLE_GROUPS = ("Editors", "Contributors")


def _models():
    for label in BACKUP_MODELS:
        if "." in label:
            yield apps.get_model(label)
        elif apps.is_installed(label):
            yield from apps.get_app_config(label).get_models()


def _holds_rows(model):
    if model is Group:
        # The role groups every migrated database has do not count, as long as nobody belongs to them.
        return (
            Group.objects.exclude(name__in=ROLE_GROUPS).exists()
            or Group.objects.filter(name__in=ROLE_GROUPS, user__isnull=False).exists()
        )
    return model._default_manager.exists()


def restored_models_with_rows():
    """Labels of the backed-up models that already hold rows (a restore needs an empty database)."""
    return [model._meta.label for model in _models() if _holds_rows(model)]


def make_way_for_role_groups(path):
    """
    Remove the migration-made role groups that the backup in `path` brings back itself (with their own ids and
    permissions), so loading it does not clash with them. Groups somebody belongs to are left alone.
    """
    with open(path, encoding="utf-8") as handle:
        names = {row["fields"]["name"] for row in json.load(handle) if row.get("model") == "auth.group"}
    Group.objects.filter(name__in=names & set(ROLE_GROUPS), user__isnull=True).delete()


# --- The schema a backup was made with ---------------------------------------------------------------------------
# A backup is the JSON list `dumpdata` writes, with one more entry first: {"backup": {"migrations": {...}}}, the
# migrations applied to the database it came from, per app. `restore` loads a backup only into a database at the
# same schema: rows written for another schema would half-load or load wrong.


def applied_migrations(connection=None):
    """{app label: sorted names of its applied migrations} of the database."""
    from django.db import connection as default_connection
    from django.db.migrations.recorder import MigrationRecorder

    applied = {}
    for app_label, name in MigrationRecorder(connection or default_connection).applied_migrations():
        applied.setdefault(app_label, []).append(name)
    return {app_label: sorted(names) for app_label, names in sorted(applied.items())}


def with_header(dumped, *, media=None):
    """The `dumpdata` output `dumped` (a JSON list) with the header entry first (in an archive, with the list of
    uploaded files `media`)."""
    facts = {"migrations": applied_migrations()}
    if media is not None:
        facts["media"] = media
    header = json.dumps({"backup": facts}, sort_keys=True)
    body = dumped.strip()
    if not body.startswith("["):
        raise ValueError("dumpdata did not write a JSON list")
    rest = body[1:].lstrip("\n")
    return "[\n" + header + ("\n]" if rest.startswith("]") else ",\n" + rest) + "\n"


class SchemaMismatch(Exception):
    pass


class BadBackup(Exception):
    """The file given to `restore` is not a whole backup (what is wrong is in the message)."""


def split_backup(path):
    """(header, records) of the backup in `path`; a file without a header (written before headers) has none.
    Raises `BadBackup` for a file that is not a backup's JSON list."""
    try:
        with open(path, encoding="utf-8") as handle:
            entries = json.load(handle)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BadBackup(f"it is not a backup's JSON ({error}); it may be incomplete or damaged") from None
    if not isinstance(entries, list):
        raise BadBackup("it is not a backup's JSON list")
    if entries and isinstance(entries[0], dict) and "backup" in entries[0]:
        return entries[0]["backup"], entries[1:]
    return None, entries


def schema_differences(header):
    """What differs between the schema the backup was made with and this database's, in words ([] if nothing)."""
    if header is None:
        return ["the backup does not say which schema it was made with (it predates schema checks)"]
    theirs, ours = header.get("migrations", {}), applied_migrations()
    differences = []
    for app_label in sorted(set(theirs) | set(ours)):
        missing = sorted(set(theirs.get(app_label, [])) - set(ours.get(app_label, [])))
        extra = sorted(set(ours.get(app_label, [])) - set(theirs.get(app_label, [])))
        if missing:
            differences.append(f"{app_label}: the backup has {', '.join(missing)}, which this database has not")
        if extra:
            differences.append(f"{app_label}: this database has {', '.join(extra)}, which the backup has not")
    return differences


def stored_media(storage=None, folder=""):
    """Names of every uploaded file in the media storage (local folder or bucket alike), through the storage API."""
    storage = storage or default_storage
    folders, files = storage.listdir(folder)
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        yield from stored_media(storage, f"{folder}/{sub}" if folder else sub)


def save_media(directory, storage=None):
    """Copy every uploaded file from the media storage into `directory` (same names); how many were copied."""
    storage, count = storage or default_storage, 0
    for name in stored_media(storage):
        target = Path(directory) / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with storage.open(name, "rb") as source, open(target, "wb") as copy:
            shutil.copyfileobj(source, copy)
        count += 1
    return count


def load_media(directory, storage=None):
    """Put the files `save_media` wrote back in the media storage under their own names; how many were put back."""
    storage, count = storage or default_storage, 0
    for path in sorted(p for p in Path(directory).rglob("*") if p.is_file()):
        name = path.relative_to(directory).as_posix()
        if storage.exists(name):
            storage.delete(name)
        with open(path, "rb") as source:
            saved = storage.save(name, File(source, name=name))
        if saved != name:
            raise RuntimeError(f"The media storage renamed {name} to {saved}")
        count += 1
    return count


# --- One file with the pictures: a backup archive -----------------------------------------------------------------
# `backup -o FILE.tar` writes a tar archive: `backup.json` first (the backup as above, its header also listing every
# uploaded file with its size and SHA-256), then each uploaded file under `media/`, in name order. Every entry has the
# same owner, mode and time, so the same data and files give the same bytes. `restore FILE.tar` checks the whole
# archive — that it reads to the end, holds nothing else, and has every listed file with its size and checksum —
# before it loads anything.

ARCHIVE_SUFFIX = ".tar"
ARCHIVE_JSON = "backup.json"
ARCHIVE_MEDIA = "media/"


def is_archive(path):
    return str(path).endswith(ARCHIVE_SUFFIX)


def _entry(name, size):
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = size, 0o644, 0
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def media_manifest(storage=None):
    """{name: {"size", "sha256"}} of every uploaded file in the media storage."""
    storage, manifest = storage or default_storage, {}
    for name in stored_media(storage):
        digest, size = hashlib.sha256(), 0
        with storage.open(name, "rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
                size += len(chunk)
        manifest[name] = {"size": size, "sha256": digest.hexdigest()}
    return manifest


def write_archive(path, dumped, storage=None):
    """Write the archive: the `dumpdata` output `dumped` with its header (and the media manifest), then the files.
    Returns how many uploaded files it holds."""
    storage = storage or default_storage
    manifest = media_manifest(storage)
    text = with_header(dumped, media=manifest).encode("utf-8")
    with tarfile.open(path, "w", format=tarfile.GNU_FORMAT) as archive:
        archive.addfile(_entry(ARCHIVE_JSON, len(text)), io.BytesIO(text))
        for name, facts in manifest.items():
            with storage.open(name, "rb") as handle:
                archive.addfile(_entry(ARCHIVE_MEDIA + name, facts["size"]), handle)
    return len(manifest)


def read_archive(path, folder):
    """
    Unpack the archive in `path` into `folder` and check it whole; (path of its backup.json, folder of its media).
    Raises `BadBackup`, saying what is wrong, for a file that is not such an archive, one cut short or damaged, one
    holding anything but the backup and its files, or one whose files do not match the backup's list.
    """
    folder = Path(folder)
    try:
        with tarfile.open(path, "r:") as archive:
            members = archive.getmembers()  # reads to the end: a file cut short fails here
            for member in members:
                name = member.name
                if not member.isfile():
                    raise BadBackup(f"it holds {name!r}, which is not a plain file")
                if name != ARCHIVE_JSON and not name.startswith(ARCHIVE_MEDIA):
                    raise BadBackup(f"it holds {name!r}, which is neither {ARCHIVE_JSON} nor under {ARCHIVE_MEDIA}")
                archive.extract(member, folder, filter="data")  # refuses absolute names and ../
    except BadBackup:
        raise
    except (tarfile.TarError, EOFError, OSError, ValueError) as error:
        raise BadBackup(f"it cannot be read to the end ({error}); it may be incomplete or damaged") from None
    fixture = folder / ARCHIVE_JSON
    if not fixture.is_file():
        raise BadBackup(f"it has no {ARCHIVE_JSON}")
    header, _ = split_backup(fixture)
    listed = (header or {}).get("media")
    if listed is None:
        raise BadBackup(f"its {ARCHIVE_JSON} does not list the uploaded files")
    media = folder / ARCHIVE_MEDIA
    found = sorted(p.relative_to(media).as_posix() for p in media.rglob("*") if p.is_file()) if media.exists() else []
    if missing := sorted(set(listed) - set(found)):
        raise BadBackup(f"{len(missing)} listed file(s) are missing, e.g. {missing[0]}")
    if extra := sorted(set(found) - set(listed)):
        raise BadBackup(f"it holds file(s) the backup does not list, e.g. {extra[0]}")
    for name, facts in listed.items():
        data = (media / name).read_bytes()
        if len(data) != facts["size"] or hashlib.sha256(data).hexdigest() != facts["sha256"]:
            raise BadBackup(f"the file {name} is not the one backed up (size or checksum differs)")
    return fixture, media
