"""What the API provisions (see core.provisioning): API tokens are for administrators only."""

from ambassadors.roles import Role

PERMISSIONS = {
    Role.ADMIN: {"apitoken": ["add", "change", "delete", "view"]},
}
