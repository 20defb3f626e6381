"""Public pages listed on /p/: those registered with `register_public_page(title, "app:url-name")` (in an
AppConfig.ready) and those an activity module offers through the module seam (`ActivityModule.public_links`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from tongxin.core import modules


@dataclass(frozen=True)
class PublicPage:
    title: str
    target: str | Callable[[], str | None]  # a URL name, a path, or a callable giving a path (None hides the entry)
    description: str = ""
    order: int = 100

    def url(self) -> str | None:
        if callable(self.target):
            return self.target()
        if self.target.startswith("/"):
            return self.target
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
    """(page, url) for every page open now, in order: registered pages and the modules' public links."""
    pages = list(_pages)
    for module in modules.all_modules():
        if module.public_links is not None:
            pages += [PublicPage(title=link.title, target=link.url, order=module.order)
                      for link in module.public_links()]
    found = [(page, page.url()) for page in sorted(pages, key=lambda p: (p.order, str(p.title)))]
    return [(page, url) for page, url in found if url]
