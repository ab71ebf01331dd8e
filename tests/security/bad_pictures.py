"""Pictures whose structure looks right but whose pixels cannot be decoded: they pass Pillow's `verify()`."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def _encoded(image_format, size=(64, 48)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, image_format)
    return buffer.getvalue()


def truncated_jpeg():
    data = _encoded("JPEG", (640, 480))
    return data[: len(data) // 2]


def png_with_corrupt_chunk():
    """The IDAT chunk's compressed data garbled, with a correct CRC: the chunk structure holds, the data does not."""
    data = _encoded("PNG")
    start = data.index(b"IDAT") - 4
    (length,) = struct.unpack(">I", data[start : start + 4])
    payload = bytearray(data[start + 8 : start + 8 + length])
    for index in range(2, len(payload)):
        payload[index] ^= 0x5A
    chunk = b"IDAT" + bytes(payload)
    rebuilt = struct.pack(">I", length) + chunk + struct.pack(">I", zlib.crc32(chunk) & 0xFFFFFFFF)
    return data[:start] + rebuilt + data[start + 12 + length :]


def gif_without_image_data():
    """A GIF header, screen descriptor and image descriptor, then the trailer: no pixels at all."""
    data = _encoded("GIF")
    descriptor = data.index(b",")
    return data[: descriptor + 10] + b";"


BAD_PICTURES = {
    "truncated.jpg": (truncated_jpeg, "image/jpeg"),
    "corrupt.png": (png_with_corrupt_chunk, "image/png"),
    "empty.gif": (gif_without_image_data, "image/gif"),
}


def bad_upload(name):
    make, content_type = BAD_PICTURES[name]
    return SimpleUploadedFile(name, make(), content_type=content_type)
