"""The benchmarks (bench/*.py, `make bench*`): production settings plus the bench app, whose
`generate_org` command makes a large generated organisation. Only here is it installed."""

from .production import *  # noqa: F403
from .production import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
