"""What identity provisions (see core.provisioning): provisioning connections are for
administrators only (comms staff do not see them); the schedules of its own tasks."""

from ambassadors.roles import Role
from core.provisioning import Repeating

PERMISSIONS = {
    Role.ADMIN: {"scimconnection": ["add", "change", "delete", "view"]},
}

SCHEDULES = [
    Repeating("SAML records cleanup", "identity.tasks.prune_saml_records", "H"),
]
