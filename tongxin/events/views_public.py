"""The sign-in page a phone opens from the QR code shown at the venue (no sign-in needed; an account is used if any)."""

from __future__ import annotations

from tongxin.events import services
from tongxin.events.forms import SignInForm
from tongxin.public.ratelimit import rate_limit
from tongxin.public.rendering import public_render


@rate_limit(scope="events.signin", rate="30/m", methods=("POST",))
def signin(request, token: str):
    try:
        session = services.signin_session(token)
    except services.EventsError as exc:
        return public_render(request, "events/signin.html", {"error": str(exc)}, status=400)
    user = request.user if request.user.is_authenticated else None
    form = SignInForm(request.POST or None)
    done = None
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            done = services.attendance_sign_in(token=token, user=user, **form.cleaned_data)
        except services.EventsError as exc:
            error = str(exc)
    context = {"session": session, "form": form, "done": done, "error": error, "account_name": _name(user)}
    return public_render(request, "events/signin.html", context, status=400 if error else 200)


def _name(user) -> str:
    if user is None:
        return ""
    return user.display_name or user.get_username()
