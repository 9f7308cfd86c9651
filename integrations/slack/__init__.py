"""Slack: the workspace connection (CMS), linked accounts, channel announcements, the
interactivity endpoint. The channel sender is `integrations.channels.slack`."""
