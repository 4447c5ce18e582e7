from apps.access.policy import register
from apps.access.roles import ALL_ROLES, UNIT_MANAGERS, Role

# Everyone of a unit reads its tasks (a province officer those of its communes). The
# commune officer and the leader add ad-hoc tasks; progress is reported by the focal
# persons of the task's lead and partner agencies (the service checks the agency) and by
# the commune officer. Services add own_unit=True to every change: the province reads.
register(
    "work.task",
    {
        "view": ALL_ROLES,
        "add": UNIT_MANAGERS,
        "change": UNIT_MANAGERS,
        "report": {Role.FOCAL_PERSON, Role.COMMUNE_OFFICER},
    },
)
register("work.progressupdate", {"view": ALL_ROLES})
register("work.evidence", {"view": ALL_ROLES})
# a person's own calendar address: anyone may make and revoke theirs (the services check
# that it is theirs)
register("work.calendarfeed", {"view": ALL_ROLES, "add": ALL_ROLES, "change": ALL_ROLES})
# when the unit's reminders go out: its officer and leader
register("work.remindersettings", {"view": ALL_ROLES, "change": UNIT_MANAGERS})
