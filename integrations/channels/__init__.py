"""Notifications by chat and push: the channels beside e-mail (`base`), their one outbox
(`outbox`), and one module per channel (`push`, `slack`, `teams`)."""
