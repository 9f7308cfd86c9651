"""xAPI 1.0.3 statements to the organisation's learning record store: `statements` builds
them, `services` keeps and sends them (the outbox), `receivers` listens to the apps' named
signals, `admin` is the CMS status page, `personal_data` the export and erasure."""
