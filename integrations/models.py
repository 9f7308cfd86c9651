"""What goes out to other systems: xAPI statements and webhook deliveries, as outbox rows."""
