"""What refreshers provisions (see core.provisioning): comms staff write the questions; a
daily task plans reminders and drops the schedules of deleted lessons."""

from ambassadors.roles import Role
from core.provisioning import Repeating

PERMISSIONS = {
    Role.COMMS: {"refresherquestion": ["add", "change", "delete", "view"]},
}

SCHEDULES = [
    Repeating("refresher reminders", "refreshers.tasks.daily", "D"),
]
