"""
Uploaded pictures on an S3-compatible bucket (DJANGO_MEDIA_STORAGE_URL): moto's S3 server, started here on a free
port, stands in for the bucket. Renditions are made into it, their addresses point at it (and the CSP lets pages
show them), deleting a picture deletes its objects, and `backup --media`/`restore --media` copy the files through
the storage API, from a bucket as from the local folder.
"""

import http.client
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

from core.storage_url import s3_storage
from pages.backup import stored_media
from tests.timeline.factories import EventFactory, picture_upload
from timeline import services

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
BUCKET = "ottawa-media"
PUBLIC_READ = {
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{BUCKET}/*"}
    ],
}


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint(tmp_path_factory):
    pytest.importorskip("moto.server", reason="moto[server] is not installed (requirements-dev.txt)")
    port = free_port()
    log = open(tmp_path_factory.mktemp("moto") / "moto.log", "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", HOST, "-p", str(port)], stdout=log, stderr=subprocess.STDOUT
    )
    endpoint = f"http://{HOST}:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            client = http.client.HTTPConnection(HOST, port, timeout=1)
            client.request("GET", "/moto-api/")
            client.getresponse().read()
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail(f"moto's S3 server did not start: {log.name}")
            time.sleep(0.1)
    yield endpoint
    server.terminate()
    server.wait(timeout=10)
    log.close()


@pytest.fixture
def bucket(s3_endpoint, monkeypatch):
    import boto3

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    # What the deploy needs (README, "Deploying"): anyone may read the pictures, only the site may write.
    client.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(PUBLIC_READ))
    storage, origin = s3_storage(f"s3://{BUCKET}/uploads?endpoint_url={s3_endpoint}&region=us-east-1")
    with override_settings(
        STORAGES={
            "default": storage,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ):
        yield client, origin
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def keys(client):
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


@pytest.mark.django_db
def test_pictures_and_their_renditions_live_in_the_bucket_and_go_with_the_picture(bucket, s3_endpoint):
    client, origin = bucket
    event = EventFactory()
    image = services.add_event_image(event=event, image_file=picture_upload(size=(1200, 800)), alt_text="A", credit="B")
    stored = keys(client)
    assert f"uploads/{image.image.name}" in stored
    renditions = list(image.renditions.all())
    assert {f"uploads/{r.file.name}" for r in renditions} <= set(stored)
    assert len(stored) == 1 + len(renditions) >= 3
    # Plain (unsigned) addresses on the bucket's origin, which the CSP allows; anyone can fetch them.
    url = renditions[0].file.url
    assert url.startswith(f"{origin}/{BUCKET}/uploads/")
    assert "Signature" not in url
    assert origin == s3_endpoint
    with urllib.request.urlopen(url) as response:  # noqa: S310 - our own local server
        assert response.headers["Content-Type"] in {"image/webp", "image/jpeg"}
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert response.read()[:4] in {b"RIFF", b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xdb", b"\xff\xd8\xff\xe2"}

    services.delete_event_image(image=image)
    assert keys(client) == []


@pytest.mark.django_db
def test_backup_and_restore_copy_the_uploaded_files_through_the_storage(bucket, tmp_path):
    client, _ = bucket
    image = services.add_event_image(event=EventFactory(), image_file=picture_upload(), alt_text="A", credit="B")
    before = {key: client.get_object(Bucket=BUCKET, Key=key)["Body"].read() for key in keys(client)}
    assert sorted(f"uploads/{name}" for name in stored_media()) == sorted(before)

    call_command("backup", "-o", str(tmp_path / "backup.json"), "--media", str(tmp_path / "media"))
    assert (tmp_path / "media" / image.image.name).is_file()
    for key in keys(client):
        client.delete_object(Bucket=BUCKET, Key=key)

    from pages.backup import load_media

    assert load_media(tmp_path / "media") == len(before)
    assert {key: client.get_object(Bucket=BUCKET, Key=key)["Body"].read() for key in keys(client)} == before


def test_the_bucket_s_origin_is_allowed_in_the_content_security_policy():
    environment = {
        **os.environ,
        "DJANGO_MEDIA_STORAGE_URL": "s3://ottawa-media/uploads?endpoint_url=https://objects.example.org:9000",
        "DJANGO_SETTINGS_MODULE": "ottawa.settings",
        "DATABASE_URL": "sqlite://:memory:",
    }
    code = (
        "import django; django.setup(); from django.conf import settings; from django.test import Client; "
        "from django.core.management import call_command; call_command('migrate', verbosity=0); "
        "policy = Client().get('/robots.txt').headers['Content-Security-Policy']; "
        "print('RESULT', settings.STORAGES['default']['BACKEND'], settings.SERVE_MEDIA); print('RESULT', policy)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=environment,
        cwd=ROOT, capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    backend, policy = [line.removeprefix("RESULT ") for line in result.stdout.splitlines() if line.startswith("RESULT")]
    assert backend == "storages.backends.s3.S3Storage False"  # and Django does not serve /media/ itself
    assert "img-src 'self' https://objects.example.org:9000;" in policy
    assert "default-src 'self';" in policy


def test_storage_addresses_that_are_wrong_say_what_is_expected():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="s3://bucket"):
        s3_storage("https://bucket.example.org")
    with pytest.raises(ImproperlyConfigured, match="unknown option"):
        s3_storage("s3://bucket?endpoint=http://x")
    assert s3_storage("s3://media?region=eu-west-1")[1] == "https://media.s3.eu-west-1.amazonaws.com"
    assert s3_storage("s3://media?custom_domain=pictures.example.org")[1] == "https://pictures.example.org"


@pytest.mark.django_db
def test_backup_media_works_the_same_from_the_local_folder(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media-root"
    image = services.add_event_image(event=EventFactory(), image_file=picture_upload(), alt_text="A", credit="B")
    names = sorted(stored_media())
    assert image.image.name in names
    assert len(names) == 1 + image.renditions.count()
    call_command("backup", "-o", str(tmp_path / "backup.json"), "--media", str(tmp_path / "copy"))
    assert sorted(p.relative_to(tmp_path / "copy").as_posix() for p in (tmp_path / "copy").rglob("*.*")) == names
