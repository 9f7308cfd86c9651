"""Storage for files that must never have a public address (evidence, attachments)."""

from __future__ import annotations

from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """A file system storage without URLs: files are served by views that check permission."""

    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a view.")


def private_storage():
    """The storage for model fields whose files must stay private (a callable, so settings
    decide the location at run time)."""
    from django.core.files.storage import storages

    return storages["private"]
