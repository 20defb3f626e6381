"""`/api/events/sessions/<id>`: a session with its speakers, attendance and minutes."""

from tongxin.events.api import session_urlpatterns

app_name = "events_api"
urlpatterns = session_urlpatterns
