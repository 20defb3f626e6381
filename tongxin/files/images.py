"""Images as they are stored: re-encoded (which drops EXIF, GPS and anything hidden after the image data), turned
upright, bounded in size, with a thumbnail. A corrupt image or a decompression bomb is refused."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from tongxin.files.checks import UploadRejected

MAX_PIXELS = 60_000_000  # a 60-megapixel photo is the most a phone takes; beyond it is a bomb
MAX_SIDE = 4096  # stored images are bounded to this on their long side
THUMB_SIDE = 480


@dataclass(frozen=True)
class Reencoded:
    data: bytes
    content_type: str
    extension: str
    width: int
    height: int
    thumbnail: bytes  # JPEG


def reencode(fh, *, name: str) -> Reencoded:
    fh.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(fh) as probe:
                if probe.width * probe.height > MAX_PIXELS:
                    raise UploadRejected(_("“%(name)s”的像素过多，已拒收。") % {"name": name})
                probe.verify()  # checks the structure without decoding everything
            fh.seek(0)
            with Image.open(fh) as img:
                img.load()
                img = ImageOps.exif_transpose(img)
                return _store(img, name)
    except UploadRejected:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as exc:
        raise UploadRejected(_("“%(name)s”不是有效的图片，可能已损坏。") % {"name": name}) from exc


def _store(img: Image.Image, name: str) -> Reencoded:
    keep_alpha = img.mode in ("RGBA", "LA", "P") and "transparency" in img.info or img.mode in ("RGBA", "LA")
    img = img.convert("RGBA" if keep_alpha else "RGB")
    img.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    if keep_alpha:
        img.save(out, "PNG", optimize=True)
        content_type, ext = "image/png", ".png"
    else:
        img.save(out, "JPEG", quality=88, optimize=True)
        content_type, ext = "image/jpeg", ".jpg"
    thumb = img.convert("RGB")
    thumb.thumbnail((THUMB_SIDE, THUMB_SIDE))
    tout = io.BytesIO()
    thumb.save(tout, "JPEG", quality=80)
    return Reencoded(out.getvalue(), content_type, ext, img.width, img.height, tout.getvalue())
