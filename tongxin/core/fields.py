"""Model fields stamped by the one clock (`tongxin.core.clock`), never by Django's own `timezone.now()`."""

from __future__ import annotations

from django.db import models

from tongxin.core import clock


class CreatedAtField(models.DateTimeField):
    """Set once, when the row is created (what `auto_now_add` does, but from the one clock)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", clock.now)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("default", None)
        kwargs.pop("editable", None)
        return name, path, args, kwargs


class UpdatedAtField(models.DateTimeField):
    """Set on every save (what `auto_now` does, from the one clock). `QuerySet.update()` must set it itself."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = clock.now()
        setattr(model_instance, self.attname, value)
        return value

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("editable", None)
        kwargs.pop("blank", None)
        return name, path, args, kwargs
