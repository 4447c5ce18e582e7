from apps.access.policy import register
from apps.access.roles import ALL_ROLES, UNIT_MANAGERS

register("accounts.membership", {"view": ALL_ROLES, "add": UNIT_MANAGERS})
