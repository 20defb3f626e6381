"""What every field work view shares: running a service for a form (its message lands on the field, typed values
stay), and serving an attachment only after the viewer's access to its object is checked."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404

from tongxin.fieldwork import selectors
from tongxin.fieldwork.errors import FieldworkError
from tongxin.files.models import Attachment
from tongxin.files.selectors import attachment_response


def run(request, form, call: Callable[[dict], object], *, done: str = "") -> object | None:
    """Call the service with the form's cleaned data; on refusal put the Chinese message on the form."""
    if not form.is_valid():
        return None
    try:
        result = call(form.cleaned_data)
    except FieldworkError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return None
    if done:
        messages.success(request, done)
    return result


VISIBLE = {
    "fieldwork.visit": selectors.visits_visible_to,
    "fieldwork.problem": selectors.problems_visible_to,
    "fieldwork.difficulty": lambda user: selectors.households_visible_to(user),
    "fieldwork.checkitem": lambda user: selectors.venues_visible_to(user),
}


@login_required
def attachment(request, pk: int, thumb: bool = False):
    att = Attachment.objects.select_related("target_type").filter(pk=pk).first()
    if att is None:
        raise Http404
    label = f"{att.target_type.app_label}.{att.target_type.model}"
    visible = VISIBLE.get(label)
    if visible is None:
        raise Http404
    target_id = att.target_id
    if label == "fieldwork.difficulty":
        ok = visible(request.user).filter(difficulties__pk=target_id).exists()
    elif label == "fieldwork.checkitem":
        ok = visible(request.user).filter(items__pk=target_id).exists()
    else:
        ok = visible(request.user).filter(pk=target_id).exists()
    if not ok:
        raise Http404
    return attachment_response(att, thumbnail=thumb)
