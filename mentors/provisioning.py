"""What the mentor desk provisions (see core.provisioning): comms staff's permissions for the
desk's settings and the SLA sweep."""

from ambassadors.roles import Role
from core.provisioning import Repeating

PERMISSIONS = {
    Role.COMMS: {
        # Administrators make mentors (with the Mentors group); comms staff only see them.
        "mentorprofile": ["view"],
        "slatarget": ["add", "change", "view"],
        "openinghours": ["add", "change", "delete", "view"],
        "holiday": ["add", "change", "delete", "view"],
        "cannedresponse": ["add", "change", "delete", "view"],
        # No admin pages: lets the audit trail show ticket assignments (number and kind only).
        "ticket": ["view"],
    },
}

SCHEDULES = [
    Repeating("mentor desk SLA", "mentors.tasks.sla_sweep", "I", 5),
    Repeating("mentor desk tally check", "mentors.tasks.tally_reconcile", "H"),
]
