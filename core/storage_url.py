"""
`DJANGO_MEDIA_STORAGE_URL`: where uploaded pictures live, as one address.

    s3://BUCKET[/PREFIX][?endpoint_url=URL&region=NAME&custom_domain=HOST&addressing_style=path|virtual]

The bucket is any S3-compatible store (AWS, MinIO, Ceph, Garage…) reached through django-storages. Credentials are
boto3's usual ones (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment, or an instance role); they are
never part of the address. Picture addresses are plain (unsigned): public pages are cached, and a signed address
would expire while its page is still served. So the bucket (or the CDN in `custom_domain`) must let anyone read
its objects.
"""

from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ImproperlyConfigured

OPTIONS = ("endpoint_url", "region", "custom_domain", "addressing_style")


def s3_storage(url):
    """(the STORAGES entry, the origin pictures are served from) for an `s3://` address."""
    parts = urlsplit(url)
    if parts.scheme != "s3" or not parts.netloc:
        raise ImproperlyConfigured(f"DJANGO_MEDIA_STORAGE_URL must look like s3://bucket[/prefix]?…, not {url!r}.")
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    unknown = set(query) - set(OPTIONS)
    if unknown:
        raise ImproperlyConfigured(
            f"DJANGO_MEDIA_STORAGE_URL: unknown option(s) {', '.join(sorted(unknown))}; known: {', '.join(OPTIONS)}."
        )
    bucket, prefix = parts.netloc, parts.path.strip("/")
    endpoint = query.get("endpoint_url", "").rstrip("/")
    region = query.get("region", "")
    custom_domain = query.get("custom_domain", "")
    options = {
        "bucket_name": bucket,
        "location": prefix,
        "querystring_auth": False,
        "file_overwrite": False,
        "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        "addressing_style": query.get("addressing_style", "path" if endpoint else "virtual"),
    }
    if endpoint:
        options["endpoint_url"] = endpoint
    if region:
        options["region_name"] = region
    if custom_domain:
        options["custom_domain"] = custom_domain
        origin = f"https://{custom_domain.split('/')[0]}"
    elif endpoint:
        endpoint_parts = urlsplit(endpoint)
        origin = f"{endpoint_parts.scheme}://{endpoint_parts.netloc}"
        if options["addressing_style"] == "virtual":
            origin = f"{endpoint_parts.scheme}://{bucket}.{endpoint_parts.netloc}"
    else:
        origin = f"https://{bucket}.s3.{region}.amazonaws.com" if region else f"https://{bucket}.s3.amazonaws.com"
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}, origin
