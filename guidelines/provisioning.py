"""What guidelines provisions (see core.provisioning): the sweep that takes up guideline
notices whose task was lost."""

from core.provisioning import Repeating

SCHEDULES = [
    Repeating("stalled guideline notices", "guidelines.tasks.resume_asking", "I", 15),
]
