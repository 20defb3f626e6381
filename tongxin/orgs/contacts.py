"""Phone and ID numbers: normalising what people type, checking it, and masking it for those who may not see it."""

from __future__ import annotations

import re

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def normalise_phone(value: str) -> str:
    """Digits, with the dash of a landline's area code kept (0476-8888888); spaces and +86 dropped."""
    value = re.sub(r"[\s\u3000（）()]", "", value or "").replace("－", "-").replace("—", "-")
    if value.startswith("+86"):
        value = value[3:]
    return value


def phone_problem(value: str) -> str:
    """Why a phone number is not one (in Chinese), or an empty string."""
    if not value:
        return ""
    if re.fullmatch(r"1\d{10}", value) or re.fullmatch(r"0\d{2,3}-?\d{7,8}(-\d{1,6})?", value):
        return ""
    return f"电话号码“{value}”格式不对（手机 11 位，座机如 0476-8888888）"


def normalise_id_number(value: str) -> str:
    return re.sub(r"\s", "", value or "").upper()


def id_number_problem(value: str) -> str:
    if not value:
        return ""
    if not re.fullmatch(r"\d{17}[\dX]", value):
        return f"身份证号“{mask_id_number(value)}”应为 18 位"
    total = sum(int(d) * w for d, w in zip(value[:17], _ID_WEIGHTS, strict=True))
    if _ID_CHECK[total % 11] != value[-1]:
        return f"身份证号“{mask_id_number(value)}”校验位不对"
    return ""


def mask_phone(value: str) -> str:
    """138****1234; a landline keeps its area code and last four digits."""
    if not value:
        return ""
    digits = value.replace("-", "")
    if len(digits) <= 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_id_number(value: str) -> str:
    """1504**********1234."""
    if not value:
        return ""
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]
