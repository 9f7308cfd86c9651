# One image for every process of Ambassador Academy: the web server (the default command),
# the task worker (`python manage.py qcluster`) and one-off jobs (`python manage.py migrate`,
# `python manage.py backup /data/backups/FILE.tar.gz`).
# Configuration comes from the environment; see README.md, "Production layout".
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    CACHE_DIR=/data/cache \
    MEDIA_ROOT=/data/media \
    PRIVATE_MEDIA_ROOT=/data/private-media

# PostgreSQL's client tools for `manage.py backup` and `restore` (pg_dump, pg_restore), of
# the same major version as the server in compose.yaml (pg_dump refuses a newer server);
# xmlsec1, with which pysaml2 checks a SAML IdP's signatures.
RUN apt-get update \
    && apt-get install --yes --no-install-recommends postgresql-client-15 xmlsec1 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# Only what runs: the tests' and linters' packages are in requirements-dev.lock.
COPY requirements.lock ./
RUN pip install --no-cache-dir -r requirements.lock

COPY . .
# Static files are built into the image (served by WhiteNoise); the key is for this step only.
# The folders under /data exist and belong to the app's user, so a named volume mounted
# there starts with that owner (compose.yaml shares them between all containers).
RUN SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput \
    && useradd --create-home --uid 1000 academy \
    && mkdir -p /data/cache /data/media /data/private-media /data/backups \
    && chown -R academy /data
USER academy
EXPOSE 8000

# Asked from inside the container (127.0.0.1): answered before the host check and the
# HTTPS redirect (core.middleware.LocalHealthCheckMiddleware).
HEALTHCHECK --interval=30s --timeout=5s \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz/', timeout=4)"

CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--max-requests", "2000", "--max-requests-jitter", "200", "--access-logfile", "-"]
