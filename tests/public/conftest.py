import pytest

from tongxin.public import registry


@pytest.fixture(autouse=True)
def _registry_restored():
    """Tests register pages of their own; the app's registrations come back afterwards."""
    saved = list(registry._pages)
    yield
    registry._pages[:] = saved


@pytest.fixture
def urls_sample(settings):
    """The site's URLs plus a sample public sign-up form (tests/public/urls.py)."""
    settings.ROOT_URLCONF = "tests.public.urls"
