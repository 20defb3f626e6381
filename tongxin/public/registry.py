"""Public pages the modules offer, listed on /p/: `register_public_page(title, "calls:public-list")` in AppConfig.ready."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class PublicPage:
    title: str
    target: str | Callable[[], str | None]  # a URL name, or a callable giving a path (None hides the entry)
    description: str = ""
    order: int = 100

    def url(self) -> str | None:
        if callable(self.target):
            return self.target()
        try:
            return reverse(self.target)
        except NoReverseMatch:
            return None


_pages: list[PublicPage] = []


def register_public_page(title: str, target: str | Callable[[], str | None], *, description: str = "",
                         order: int = 100) -> PublicPage:
    """Add a page to the public index; registering the same target twice (a reloaded app) keeps one entry."""
    page = PublicPage(title=title, target=target, description=description, order=order)
    _pages[:] = [p for p in _pages if p.target != target] + [page]
    return page


def public_pages() -> list[tuple[PublicPage, str]]:
    """(page, url) for every registered page that has a URL now, in order."""
    found = [(page, page.url()) for page in sorted(_pages, key=lambda p: (p.order, str(p.title)))]
    return [(page, url) for page, url in found if url]
