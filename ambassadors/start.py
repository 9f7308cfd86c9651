"""Where a person lands: after signing in (password or the organisation's sign-in) and on
the home page. One rule for every way in; a local `next` page always wins (see
identity.sessions.next_or_start).

`ambassadors` imports no other app, so the apps whose pages are a start page register
them from their AppConfig.ready() (as the dashboard's panels do): the mentor desk and the
comms programme overview. Everyone else lands on their path.

The rule, for the start pages a person's roles give them (in `order`):
1. the first whose `urgent(user)` is true: work that cannot wait comes first;
2. else the first of them;
3. else the path.
So a person who is both mentor and comms staff lands on the desk while an urgent mediation
nobody has taken waits there, and on the programme overview otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.urls import reverse

from .roles import Role, roles_of


@dataclass(frozen=True)
class StartPage:
    url_name: str
    roles: frozenset[Role]
    order: int
    urgent: Callable[[User], bool] | None = None


_pages: list[StartPage] = []


def register_start_page(
    url_name: str,
    *,
    roles: set[Role],
    order: int,
    urgent: Callable[[User], bool] | None = None,
) -> None:
    """A page people with any of `roles` land on; `urgent(user)` puts it first when true."""
    if any(page.url_name == url_name for page in _pages):
        return  # ready() may run twice (tests, reloads)
    _pages.append(StartPage(url_name=url_name, roles=frozenset(roles), order=order, urgent=urgent))
    _pages.sort(key=lambda page: page.order)


def start_page_for(user: User | AnonymousUser) -> str:
    """The path of the page `user` starts on (see the module's rule)."""
    if not user.is_authenticated:
        return reverse("ambassadors:home")
    held = roles_of(user)
    mine = [page for page in _pages if page.roles & held]
    for page in mine if len(mine) > 1 else ():  # one page: nothing to weigh, no query
        if page.urgent is not None and page.urgent(user):
            return reverse(page.url_name)
    if mine:
        return reverse(mine[0].url_name)
    return reverse("ambassadors:dashboard")
