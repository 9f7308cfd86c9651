"""Settings shared by every environment. Values that differ come from the environment."""

import hashlib
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .env import email_settings, env_int, env_list, env_str, s3_storages, sso_providers

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "core",
    "ambassadors",
    "courses",
    "guidelines",
    "sharing",
    "missions",
    "refreshers",
    "mentors",
    "insights",
    "identity",
    "api",
    "integrations",
    # Two-factor sign-in (identity/two_factor.py): app codes, recovery codes, passkeys. Before
    # the contrib apps, so core.provisioning's sync after the last app sees their permissions.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "demo",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "core.apps.UsersConfig",  # wagtail.users, with strict list filters
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_q",
    "ninja",  # the API's docs page from our own static files (without it: a CDN)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",  # the widget templates, for the project-wide FORM_RENDERER
]

MIDDLEWARE = [
    # First: the client's address behind the trusted proxies (core/client_address.py).
    "core.middleware.ClientAddressMiddleware",
    # The container's own health check, before the host check and SSL redirect.
    "core.middleware.LocalHealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # two-factor: request.user.is_verified()
    "ambassadors.middleware.ProfileLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Two-factor: a signed-in person who owes a second step reaches only that step.
    "identity.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

FORM_RENDERER = "core.forms.FormRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ambassadors.context_processors.navigation",
                "mentors.context_processors.urgent_banner",
                "identity.context_processors.sign_in",
            ],
        },
    },
]

# Database: SQLite by default, PostgreSQL (or any dj-database-url URL) from DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the qcluster write to one file: wait for locks instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, else files in CACHE_DIR. Either way every web and worker
# process of the machine (of all machines, with Redis) sees the same values, so a change one
# process makes (a page published, the structure version moved) holds for all of them.
REDIS_URL = env_str("REDIS_URL")


def code_release() -> str:
    """A digest of the project's Python source (its packages, not media or static files):
    the same for every process of one deployment, different after any change of code."""
    digest = hashlib.blake2b(digest_size=6)
    for folder in sorted(BASE_DIR.iterdir()):
        if (folder / "__init__.py").exists() and folder.name != "tests":
            for path in sorted(folder.rglob("*.py")):
                digest.update(path.read_bytes())
    return digest.hexdigest()


# The caches hold the project's own objects, pickled (page data, structure values): their
# keys name the code release, so a deployment never unpickles what another one wrote. The
# versions, tokens and counters that say a value is out of date are plain numbers shared by
# every process, whatever its release (a rolling deployment, a worker not yet restarted).
ACADEMY_RELEASE = env_str("ACADEMY_RELEASE", "") or code_release()
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "academy",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "core.cache.FileCache",  # Django's, with a cheaper size check
            "LOCATION": env_str("CACHE_DIR", str(BASE_DIR / "var" / "cache")),
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    }

# Wagtail writes every rendition it hands out to the "renditions" cache: with the file cache
# that is a file write per image per page (20 on the feed). Without Redis each process keeps
# them in memory instead, for a minute only: an image an editor replaces in one process is
# then right in the others within that minute. With Redis they share the default cache.


# Each person's page frame and page data (ambassadors/frame.py, ambassadors/personal.py):
# shared by every process, like the default cache; without Redis in its own folder, as one
# file per active person and page.
CACHES["frame"] = {**CACHES["default"]}
if not REDIS_URL:
    CACHES["frame"]["LOCATION"] = env_str("CACHE_DIR", str(BASE_DIR / "var" / "cache")) + "/frame"
    CACHES["frame"]["OPTIONS"] = {"MAX_ENTRIES": 100_000}
if not REDIS_URL:
    CACHES["renditions"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "renditions",
        "TIMEOUT": 60,
        "OPTIONS": {"MAX_ENTRIES": 5_000},
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
# The home page sends a signed-in person on to their start page (ambassadors.start).
LOGIN_REDIRECT_URL = "ambassadors:home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600  # invitation links stay valid for three days

# Languages: Dutch first, English second.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
# One date style per language (config/formats/<language>/formats.py); templates use the
# named formats (DATE_FORMAT, DATETIME_FORMAT, MONTH_DAY_FORMAT), never a literal pattern.
FORMAT_MODULE_PATH = ["config.formats"]
USE_TZ = True
TIME_ZONE = env_str("TIME_ZONE", "Europe/Amsterdam")
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # Evidence and attachments: no public URL; permission-checked views serve them.
    "private": {
        "BACKEND": "core.storage.PrivateStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
    },
}
STORAGES.update(s3_storages())
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# A request's fields, files left out (they have their own limits): 1 MB holds the longest
# CMS page with room to spare; a longer post is a 400 before any form or cleaner sees it.
# Each form then refuses a field over its own limit before the text is cleaned.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1_048_576
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# E-mail, from EMAIL_URL (see README).
vars().update(email_settings(env_str("EMAIL_URL")))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Ambassador Academy <academy@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# xAPI statements to the organisation's learning record store (integrations/xapi): off
# without an endpoint. The endpoint is the LRS's xAPI base, e.g. https://lrs.example/xAPI/.
XAPI_ENDPOINT = env_str("XAPI_ENDPOINT", "").rstrip("/")
XAPI_USERNAME = env_str("XAPI_USERNAME", "")
XAPI_PASSWORD = env_str("XAPI_PASSWORD", "")

# Microsoft Teams (integrations/teams): where Microsoft's services are. Only tests and
# sovereign clouds (e.g. login.microsoftonline.us) change these; the bot's credentials and
# the channel's webhook are entered in the CMS.
TEAMS_LOGIN_URL = env_str("TEAMS_LOGIN_URL", "https://login.microsoftonline.com").rstrip("/")
TEAMS_GRAPH_URL = env_str("TEAMS_GRAPH_URL", "https://graph.microsoft.com/v1.0").rstrip("/")
TEAMS_BOT_SERVICE_URL = env_str(
    "TEAMS_BOT_SERVICE_URL", "https://smba.trafficmanager.net/teams"
).rstrip("/")

# Web push (integrations/webpush): a VAPID key pair (base64url, as `vapid --gen` or
# `make run` makes them) and a contact for the push services (mailto: or https:). Without
# the private key push is not offered; the public key is derived when left out.
WEBPUSH_VAPID_PRIVATE_KEY = env_str("WEBPUSH_VAPID_PRIVATE_KEY", "")
WEBPUSH_VAPID_PUBLIC_KEY = env_str("WEBPUSH_VAPID_PUBLIC_KEY", "")
WEBPUSH_SUBJECT = env_str("WEBPUSH_SUBJECT", "")

# Wagtail
WAGTAIL_SITE_NAME = "Ambassador Academy"
WAGTAILADMIN_BASE_URL = SITE_URL
# The CMS login labels its password field in the person's language (core/cms_forms.py).
WAGTAILADMIN_USER_LOGIN_FORM = "core.cms_forms.CmsLoginForm"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
# The CMS's uploads get the site's content checks (core/cms_forms.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "core.cms_forms.VerifiedImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "core.cms_forms.VerifiedDocumentForm"
# Formats the CMS takes (Wagtail's default adds AVIF, which the site's checks do not read),
# and one pixel limit for the CMS and the site's uploads (core/images.py).
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no avatars fetched from a third party
WAGTAIL_USER_EDIT_FORM = "wagtail.users.forms.UserEditForm"

# django-q2: the database is the source of truth, the broker only a doorbell.
# timeout < retry so a task is never handed out twice while it still runs;
# max_attempts bounds a poisoned task; recycle and max_rss bound worker memory.
Q_CLUSTER = {
    "name": "academy",
    "workers": env_int("Q_WORKERS", 2),
    "timeout": 120,
    "retry": 180,
    "max_attempts": 5,
    "recycle": 500,
    "max_rss": 300_000,
    "save_limit": 1000,
    "catch_up": False,
    "label": "Tasks",
    "log_level": env_str("Q_LOG_LEVEL", "WARNING"),
}
if REDIS_URL and env_str("Q_BROKER", "orm") == "redis":
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"

# Programme defaults (comms staff may lower them per site in the admin).
ACADEMY_OUTBOX_LEASE_SECONDS = 600
ACADEMY_IMPORT_MAX_BYTES = 2 * 1024 * 1024
ACADEMY_IMPORT_MAX_ROWS = 20_000
# Raw click events (hashed visitor, time) older than this are folded into one row per share
# and day, then deleted (sharing.tasks.prune_clicks, nightly). Figures stay the same.
ACADEMY_CLICK_RETENTION_DAYS = max(env_int("CLICK_RETENTION_DAYS", 90), 1)
# Content-Security-Policy (core.middleware): where lesson videos may be framed from,
# and the paths left to their own policy (the CMS).
ACADEMY_CSP_FRAME_SOURCES = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]
ACADEMY_CSP_EXCLUDED_PATHS = ["/cms/"]
# The proxies in front of the site (comma separated addresses and networks, IPv4 and IPv6):
# behind them the client's address is read from X-Forwarded-For (core/client_address.py).
# Empty: no proxy is trusted and X-Forwarded-For is ignored.
ACADEMY_TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])
# Sign-in throttling (core/throttle.py): failures per account and per address
# within the block period, after which attempts are refused until it ends.
# Sign-in through the organisation (identity/): the connections, read from SSO_PROVIDERS and
# SSO_<SLUG>_* (README: "Sign-in through your organisation").
ACADEMY_SSO_PROVIDERS = sso_providers()
# "everyone" (default) or "administrators": once SSO works, only administrators keep a password.
ACADEMY_PASSWORD_SIGN_IN = env_str("PASSWORD_SIGN_IN", "everyone")
if ACADEMY_PASSWORD_SIGN_IN not in ("everyone", "administrators"):
    raise ImproperlyConfigured("PASSWORD_SIGN_IN must be everyone or administrators.")
# The group whose members keep their password then (ambassadors.roles.Role.ADMIN; core, which
# checks passwords, imports no app); superusers keep theirs too.
ACADEMY_ADMINISTRATORS_GROUP = "Administrators"
# OpenID Connect (identity/oidc.py): how far the provider's clock may be off when checking
# an ID token's exp/iat/nbf; how long to wait for the provider; how long its discovery
# document and signing keys are kept (keys are fetched again when a token names a new one).
ACADEMY_OIDC_CLOCK_SKEW_SECONDS = env_int("OIDC_CLOCK_SKEW_SECONDS", 60)
if not 0 <= ACADEMY_OIDC_CLOCK_SKEW_SECONDS <= 300:
    raise ImproperlyConfigured("OIDC_CLOCK_SKEW_SECONDS must be between 0 and 300.")
ACADEMY_OIDC_TIMEOUT_SECONDS = env_int("OIDC_TIMEOUT_SECONDS", 10)
ACADEMY_OIDC_CACHE_SECONDS = env_int("OIDC_CACHE_SECONDS", 60 * 60)

# SAML connections (identity/saml.py): the allowed clock difference with the IdP, how long a
# copy of an IdP's metadata (SSO_<SLUG>_METADATA_URL) is used before it is fetched again, and
# the SP's own key and certificate (optional: then AuthnRequests are signed and the IdP may
# encrypt assertions; the IdP's signature on the assertion is required either way).
ACADEMY_SAML_ACCEPTED_TIME_DIFF = env_int("SAML_ACCEPTED_TIME_DIFF", 60)
ACADEMY_SAML_METADATA_REFRESH_SECONDS = env_int("SAML_METADATA_REFRESH_SECONDS", 3600)
ACADEMY_SAML_SP_KEY_FILE = env_str("SAML_SP_KEY_FILE", "")
ACADEMY_SAML_SP_CERT_FILE = env_str("SAML_SP_CERT_FILE", "")

ACADEMY_LOGIN_FAILURES_PER_ACCOUNT = env_int("LOGIN_FAILURES_PER_ACCOUNT", 5)
ACADEMY_LOGIN_FAILURES_PER_ADDRESS = env_int("LOGIN_FAILURES_PER_ADDRESS", 30)
ACADEMY_LOGIN_BLOCK_SECONDS = env_int("LOGIN_BLOCK_SECONDS", 15 * 60)
# Password-reset e-mails (core/throttle.py): at most this many to one account and
# requests from one address within the window.
ACADEMY_PASSWORD_RESETS_PER_ACCOUNT = env_int("PASSWORD_RESETS_PER_ACCOUNT", 3)
ACADEMY_PASSWORD_RESETS_PER_ADDRESS = env_int("PASSWORD_RESETS_PER_ADDRESS", 10)
ACADEMY_PASSWORD_RESET_WINDOW_SECONDS = env_int("PASSWORD_RESET_WINDOW_SECONDS", 60 * 60)
# The CMS's own password reset sends its e-mail inside the request and without these
# limits; CMS users reset their password on the site (/accounts/password/reset/).
WAGTAIL_PASSWORD_RESET_ENABLED = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Wagtail's own background work (reference index) logs every task at INFO.
        "django_tasks": {"level": "WARNING"},
        # django-q2 logs every task at INFO; Q_LOG_LEVEL=INFO brings that back.
        "django-q": {"level": env_str("Q_LOG_LEVEL", "WARNING")},
        # pysaml2 logs each person's NameID and attributes at INFO; the schema library it
        # loads says "Resource 'XMLSchema.xsd' is already loaded" on every start.
        "saml2": {"level": "WARNING"},
        "xmlschema": {"level": "WARNING"},
    },
}

# Passwords; then sessions of people who signed in with OpenID Connect (it checks no password).
AUTHENTICATION_BACKENDS = ["core.backends.EmailOrUsernameBackend", "identity.oidc.OIDCBackend"]
# Read with the signed-in user in one query (core.backends.user_of_session): the profile,
# which nearly every page needs.
ACADEMY_USER_RELATED = ["ambassador"]
# The mentor desk keeps its pages' data between requests until the desk changes (mentors/kept.py).
# Only `make bench-desk` switches it off, to measure the desk's own reads under a backlog.
ACADEMY_DESK_KEEP = True

# Two-factor sign-in (identity/two_factor.py, README "Two-factor sign-in"). Everyone who can
# reach the CMS and signs in with a password must pass a second step, and so must anyone who
# set one up. Only the test settings switch it off (nobody is asked); the two-factor tests
# switch it back on.
ACADEMY_TWO_FACTOR_ENFORCED = True
ACADEMY_TWO_FACTOR_RECOVERY_CODES = 10
OTP_TOTP_ISSUER = env_str("ORGANISATION_NAME", "Ambassador Academy")
OTP_TOTP_THROTTLE_FACTOR = 1  # wait 1, 2, 4, 8... seconds after each wrong code in a row
OTP_STATIC_THROTTLE_FACTOR = 1
# Passkeys belong to the site's host name (SITE_URL) and work only over HTTPS or on localhost;
# a browser refuses an IP address, so the local demo at 127.0.0.1 has them at localhost.
_site = urlsplit(SITE_URL)
_local = _site.hostname in ("127.0.0.1", "localhost")
OTP_WEBAUTHN_RP_ID = env_str("WEBAUTHN_RP_ID", "localhost" if _local else _site.hostname)
OTP_WEBAUTHN_RP_NAME = env_str("ORGANISATION_NAME", "Ambassador Academy")
OTP_WEBAUTHN_ALLOWED_ORIGINS = env_list(
    "WEBAUTHN_ORIGINS",
    [f"http://localhost:{_site.port or 80}" if _local else f"https://{_site.netloc}"],
)
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False  # a passkey is the second step, not the first

# The organisation that issues course certificates and Open Badges.
ACADEMY_ORGANISATION_NAME = env_str("ORGANISATION_NAME", "Ambassador Academy")

# Slack (integrations/slack): the Web API's address (tests point it at a local server), and
# the beginnings an interaction's response_url may have before the platform answers on it.
SLACK_API_URL = env_str("SLACK_API_URL", "https://slack.com/api").rstrip("/")
SLACK_RESPONSE_URL_PREFIXES = ["https://hooks.slack.com/"]
