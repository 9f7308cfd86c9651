"""Web push: VAPID keys (`keys`), turning push on and off per device (`forms`, `services`,
`views`); the sender itself is `integrations.channels.push`."""
