"""Local development and the demo (`make run`): the embedded default (SQLite, ORM broker,
file cache).

DEBUG is off unless ACADEMY_DEBUG=1 is set: a signed-in colleague who triggers an error then
gets the project's own error page, not Django's debug page with settings and source code.
`run_platform` refuses ACADEMY_DEBUG on any address other than this machine's own.
"""

from .base import *  # noqa: F403
from .base import BASE_DIR
from .env import env_bool, env_str, webpush_keys_in

DEBUG = env_bool("ACADEMY_DEBUG", False)
# Without DEBUG, static files come from the apps' folders (no collectstatic needed) and
# uploads from MEDIA_ROOT, as on a development machine.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
SERVE_MEDIA = True
# A development-only key; production refuses to start without its own SECRET_KEY.
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")  # noqa: S105
# Web push works in the demo: a key pair made once in var/ (gitignored) when none is set.
if not env_str("WEBPUSH_VAPID_PRIVATE_KEY"):
    WEBPUSH_VAPID_PRIVATE_KEY, WEBPUSH_VAPID_PUBLIC_KEY = webpush_keys_in(BASE_DIR / "var")
