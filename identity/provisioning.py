"""What identity provisions (see core.provisioning): the schedules of its own tasks."""

from core.provisioning import Repeating

SCHEDULES = [
    Repeating("SAML records cleanup", "identity.tasks.prune_saml_records", "H"),
]
