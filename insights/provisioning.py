"""What insights provisions (see core.provisioning): comms staff's permission to set the costs
behind earned media value, and the rollup and summary schedules."""

from ambassadors.roles import Role
from core.provisioning import AtATime, Repeating

PERMISSIONS = {
    Role.COMMS: {"insightsettings": ["change"]},
}

SCHEDULES = [
    Repeating("insights today", "insights.tasks.rollup_today", "I", 15),
    AtATime("insights nightly", "insights.tasks.rollup_nightly", "D", 2, 30),
    AtATime("insights weekly summary", "insights.tasks.weekly_summary", "W", 7, 30, weekday=0),
]
