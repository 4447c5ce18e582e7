from apps.access.policy import register
from apps.access.roles import ALL_ROLES, Role

# Everyone reads the catalogue; a province officer adds and edits the province's own
# indicators and forms and sets due dates (services add own_unit=True).
register(
    "indicators.indicator",
    {"view": ALL_ROLES, "add": {Role.PROVINCE_OFFICER}, "change": {Role.PROVINCE_OFFICER}},
)
register("indicators.reportform", {"view": ALL_ROLES})
register("indicators.reportingperiod", {"view": ALL_ROLES, "change": {Role.PROVINCE_OFFICER}})
# A commune's report: everyone of the unit (and the province) reads it; the officer and
# the focal persons enter figures; the officer or the leader submits (own unit only);
# the level above returns, approves or reopens it (a unit below the reviewer's).
register(
    "indicators.submission",
    {
        "view": ALL_ROLES - {Role.CASE_WORKER},
        "enter": {Role.COMMUNE_OFFICER, Role.FOCAL_PERSON, Role.LEADER},
        "submit": {Role.COMMUNE_OFFICER, Role.LEADER},
        "review": {Role.PROVINCE_OFFICER},
    },
)
