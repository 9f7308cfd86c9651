"""What identity provisions (see core.provisioning): provisioning connections are for
administrators only; comms staff do not see them."""

from ambassadors.roles import Role

PERMISSIONS = {
    Role.ADMIN: {"scimconnection": ["add", "change", "delete", "view"]},
}
