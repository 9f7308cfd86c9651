"""Media on S3-compatible storage: switched on by MEDIA_S3_BUCKET, private files without URLs."""

import pytest
from django.utils.module_loading import import_string

from config.settings.env import s3_storages


def test_no_bucket_means_local_files(monkeypatch):
    monkeypatch.delenv("MEDIA_S3_BUCKET", raising=False)
    assert s3_storages() == {}


def test_bucket_gives_public_and_private_storages(monkeypatch):
    monkeypatch.setenv("MEDIA_S3_BUCKET", "academy-media")
    monkeypatch.setenv("MEDIA_S3_ENDPOINT_URL", "https://s3.example.org")
    monkeypatch.setenv("MEDIA_S3_ACCESS_KEY_ID", "key")
    monkeypatch.setenv("MEDIA_S3_SECRET_ACCESS_KEY", "secret")
    storages = s3_storages()
    public = import_string(storages["default"]["BACKEND"])(**storages["default"]["OPTIONS"])
    private = import_string(storages["private"]["BACKEND"])(**storages["private"]["OPTIONS"])
    # Public media (images in pages) have a plain address under public/ ...
    assert (
        public.url("images/logo.png")
        == "https://s3.example.org/academy-media/public/images/logo.png"
    )
    # ... evidence and attachments have none at all, and live apart under private/.
    with pytest.raises(ValueError, match="no public URL"):
        private.url("evidence/screenshot.png")
    assert private.location == "private"
    assert private.default_acl == "private"
