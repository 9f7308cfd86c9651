"""Private files on S3-compatible storage (evidence, attachments): like PrivateStorage, no URL.

A module of its own so that boto3 is imported only where MEDIA_S3_BUCKET is set.
"""

from storages.backends.s3 import S3Storage


class PrivateS3Storage(S3Storage):
    def url(self, name, parameters=None, expire=None, http_method=None):
        raise ValueError("Private files have no public URL; serve them through a view.")
