from apps.access.policy import register
from apps.access.roles import ALL_ROLES, Role

# Everyone of a unit reads its activities (the province those of its communes); the
# commune officer records any, a focal person those their own agency organised (the
# service checks the agency). Services add own_unit=True: the province reads only.
register(
    "activities.activity",
    {"view": ALL_ROLES, "add": {Role.COMMUNE_OFFICER, Role.FOCAL_PERSON}},
)
register("activities.activityphoto", {"view": ALL_ROLES})
