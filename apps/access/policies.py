from apps.access.policy import register
from apps.access.roles import Role

register("access.auditlog", {"view": {Role.LEADER}})
