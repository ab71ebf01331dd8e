"""
Uploaded pictures: checked by their content (not their name), and resized into renditions with Pillow.

Renditions are re-encoded from the pixels, so nothing of the upload but its picture reaches visitors (no EXIF,
no GPS position, no embedded payload).
"""

import io
import uuid

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 50_000_000
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
RENDITION_WIDTHS = (480, 960, 1600)
QUALITY = {"webp": 80, "jpeg": 82}


def validate_image(value):
    """A real JPEG, PNG, WebP or GIF of reasonable size, whatever the file is called."""
    if getattr(value, "_committed", False):
        return  # already stored: it was checked when it was uploaded
    size = getattr(value, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            "This file is %(size)s; the limit is %(limit)s.",
            params={"size": filesizeformat(size), "limit": filesizeformat(MAX_UPLOAD_BYTES)},
        )
    try:
        value.seek(0)
        with Image.open(value) as picture:
            image_format, (width, height) = picture.format, picture.size
            picture.verify()
        # `verify()` reads the structure only: a truncated JPEG, a PNG with a corrupt chunk or a GIF without its
        # image data passes it, then fails when the renditions are made. So the pixels are decoded too, from a
        # fresh opening (a verified picture cannot be loaded).
        if width * height <= MAX_PIXELS:
            value.seek(0)
            with Image.open(value) as picture:
                picture.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError("This file is not a picture that can be read (JPEG, PNG, WebP or GIF).") from error
    finally:
        value.seek(0)
    if image_format not in ACCEPTED_FORMATS:
        raise ValidationError("Upload a JPEG, PNG, WebP or GIF picture.")
    if width * height > MAX_PIXELS:
        raise ValidationError("This picture is too large (%(w)s × %(h)s pixels).", params={"w": width, "h": height})


EXTENSION_BY_FORMAT = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}


@deconstructible
class RandomName:
    """
    An `upload_to` that stores each upload under a random name with the extension of what the file really is: an
    upload's own name (which may carry markup, a path or a misleading extension) is never used on disk or in an
    address.
    """

    def __init__(self, folder, field):
        self.folder, self.field = folder, field

    def __call__(self, instance, filename):
        image_format = None
        try:
            source = getattr(instance, self.field).file
            source.seek(0)
            with Image.open(source) as picture:
                image_format = picture.format
            source.seek(0)
        except (AttributeError, OSError, UnidentifiedImageError, ValueError):
            pass
        extension = EXTENSION_BY_FORMAT.get(image_format, ".bin")
        return f"{self.folder}/{timezone.now():%Y}/{uuid.uuid4().hex}{extension}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and (self.folder, self.field) == (other.folder, other.field)


def rendition_widths(original_width):
    """The widths to make: each standard width narrower than the original, and the original's (capped) own."""
    widths = {width for width in RENDITION_WIDTHS if width < original_width}
    widths.add(min(original_width, RENDITION_WIDTHS[-1]))
    return sorted(widths)


def open_upright(source):
    """The picture's pixels as RGB, turned the way its EXIF orientation says, transparency laid on white."""
    source.seek(0)
    with Image.open(source) as picture:
        picture = ImageOps.exif_transpose(picture)
        if picture.mode in ("RGBA", "LA", "P"):
            picture = picture.convert("RGBA")
            background = Image.new("RGB", picture.size, (255, 255, 255))
            background.paste(picture, mask=picture.getchannel("A"))
            return background
        return picture.convert("RGB")


def encode(picture, width, image_format):
    """`picture` scaled to `width` (never up) and encoded: (bytes, width, height)."""
    if picture.width > width:
        height = max(1, round(picture.height * width / picture.width))
        picture = picture.resize((width, height), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    if image_format == "webp":
        picture.save(buffer, "WEBP", quality=QUALITY["webp"], method=4)
    else:
        picture.save(buffer, "JPEG", quality=QUALITY["jpeg"], optimize=True, progressive=True)
    return buffer.getvalue(), picture.width, picture.height
