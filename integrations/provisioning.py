"""What integrations provision (see core.provisioning): webhook subscriptions and their
delivery log are for administrators only; the schedules of its own tasks."""

from ambassadors.roles import Role
from core.provisioning import Repeating

PERMISSIONS = {
    Role.ADMIN: {
        "webhooksubscription": ["add", "change", "delete", "view"],
        # Deliveries are only read, and a failed one sent again ("change").
        "webhookdelivery": ["change", "view"],
    },
}

SCHEDULES = [
    Repeating("webhook deliveries", "integrations.tasks.webhooks_sweep", "I", 1),
    # Statements a lost task left unsent, and retries once their backoff has passed.
    Repeating("xAPI statements sweep", "integrations.tasks.xapi_statements_sweep", "I", 5),
    # Chat and push deliveries whose moment came (after quiet hours), and retries.
    Repeating("chat and push deliveries", "integrations.tasks.channel_deliveries_sweep", "I", 1),
    Repeating("Slack announcements", "integrations.tasks.slack_announcements_sweep", "I", 5),
    # Teams channel announcements of pushes and campaigns a lost task left, and retries.
    Repeating("Teams announcements", "integrations.tasks.teams_announcements_sweep", "I", 5),
]
