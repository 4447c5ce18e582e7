from apps.access.policy import register
from apps.access.roles import ALL_ROLES, UNIT_MANAGERS, Role

# Plans are written by the unit's officer (the commune officer, or the province officer
# for the province plan) and its leader; the leader issues a commune plan, the province
# officer the province plan. Services add own_unit=True to every change: a province
# officer reads the communes' plans but never edits them.
AUTHORS = UNIT_MANAGERS | {Role.PROVINCE_OFFICER}
register(
    "plans.plan",
    {
        "view": ALL_ROLES,
        "add": AUTHORS,
        "change": AUTHORS,
        "issue": {Role.LEADER, Role.PROVINCE_OFFICER},
        "export": ALL_ROLES,
    },
)
register("plans.planimport", {"view": AUTHORS, "add": AUTHORS, "change": AUTHORS})
register("plans.provinceagencymapping", {"view": ALL_ROLES, "change": {Role.PROVINCE_OFFICER}})
