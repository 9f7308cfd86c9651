# One image for every process of Ambassador Academy: the web server (the default command),
# the task worker (`python manage.py qcluster`) and one-off jobs (`python manage.py migrate`).
# Configuration comes from the environment; see README.md, "Production".
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    CACHE_DIR=/data/cache \
    MEDIA_ROOT=/data/media \
    PRIVATE_MEDIA_ROOT=/data/private-media

WORKDIR /app
COPY requirements.lock ./
RUN pip install --no-cache-dir -r requirements.lock

COPY . .
# Static files are built into the image (served by WhiteNoise); the key is for this step only.
RUN SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput \
    && useradd --create-home --uid 1000 academy \
    && mkdir -p /data \
    && chown academy /data
USER academy
VOLUME ["/data"]
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz/', timeout=4)"

CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--max-requests", "2000", "--max-requests-jitter", "200", "--access-logfile", "-"]
