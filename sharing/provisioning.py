"""What sharing provisions (see core.provisioning): comms staff's permissions for the content
library and the library's schedules."""

from ambassadors.roles import Role
from core.provisioning import AtATime, Repeating

PERMISSIONS = {
    Role.COMMS: {
        "contentitem": ["add", "change", "delete", "view"],
        "push": ["add", "view"],
        "newsfeed": ["add", "change", "delete", "view"],
        "postingchecks": ["change"],
    },
}

SCHEDULES = [
    Repeating("news feeds", "sharing.tasks.import_feeds", "H"),
    Repeating("stalled pushes and previews", "sharing.tasks.resume_stalled", "I", 15),
    AtATime("click retention", "sharing.tasks.prune_clicks", "D", 3, 15),
]
