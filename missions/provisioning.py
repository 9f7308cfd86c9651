"""What missions provisions (see core.provisioning): comms staff's permissions for missions,
campaigns and growth, and the missions' schedules."""

from ambassadors.roles import Role
from core.provisioning import Repeating

PERMISSIONS = {
    Role.COMMS: {
        "mission": ["add", "change", "delete", "view"],
        "campaign": ["add", "change", "delete", "view"],
        "growthrule": ["change", "view"],
        "rubric": ["add", "change", "delete", "view"],
        "stagechange": ["add", "view"],
        # No admin pages: lets the audit trail (Site history) show reviews to comms staff.
        "assignment": ["view"],
    },
}

SCHEDULES = [
    Repeating("missions", "missions.tasks.hourly", "H"),
    Repeating("we miss you", "missions.tasks.miss_you", "D"),
]
