"""The installable web app: the manifest, the service worker and the offline page."""
