"""The benchmarks (bench/*.py, `make bench*`): production settings plus the bench app, whose
`generate_org` command makes a large generated organisation. Only here is it installed."""

from .env import env_bool
from .production import *  # noqa: F403
from .production import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
# bench/desk_bench.py measures what the desk's pages read, not what they keep (mentors/kept.py).
ACADEMY_DESK_KEEP = env_bool("ACADEMY_DESK_KEEP", True)
