"""What integrations provisions (see core.provisioning): the schedules of its own tasks."""

from core.provisioning import Repeating

SCHEDULES = [
    # Statements a lost task left unsent, and retries once their backoff has passed.
    Repeating("xAPI statements sweep", "integrations.tasks.xapi_statements_sweep", "I", 5),
]
