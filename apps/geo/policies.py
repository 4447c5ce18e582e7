from apps.access.policy import register
from apps.access.roles import ALL_ROLES, UNIT_MANAGERS

register("geo.administrativeunit", {"view": ALL_ROLES, "add_village": UNIT_MANAGERS})
register("geo.agency", {"view": ALL_ROLES, "add": UNIT_MANAGERS, "change": UNIT_MANAGERS})
