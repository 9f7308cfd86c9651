"""The thin seeder: reads demo/story.toml and demo/content/ and calls the apps' services.

Each part is idempotent (running it again changes nothing) and runs in its own
transaction, in this order: a part may rely on the ones before it.
"""

from __future__ import annotations

from . import (
    checks,
    courses,
    guidelines,
    insights,
    mentors,
    missions,
    people,
    refreshers,
    rubrics,
    sharing,
)

PARTS = [
    ("people", people.seed),
    ("courses", courses.seed),
    ("guidelines", guidelines.seed),
    ("sharing", sharing.seed),
    ("posting checks", checks.seed),
    ("missions", missions.seed),
    ("rubrics", rubrics.seed),
    ("mentors", mentors.seed),
    ("refreshers", refreshers.seed),
    ("insights", insights.seed),
]
