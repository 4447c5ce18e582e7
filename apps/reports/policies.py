from apps.access.policy import register
from apps.access.roles import ALL_ROLES, Role

# A consolidated report carries the unit's report figures, so it is read by those who read
# the submissions (everyone of the unit and its province but the GBV case workers, as in
# the indicators policy). The commune officer and the leader write and export their
# commune's report; the province officer the province's (services add own_unit=True: a
# province officer reads a commune's report but never edits it).
READERS = ALL_ROLES - {Role.CASE_WORKER}
AUTHORS = {Role.COMMUNE_OFFICER, Role.LEADER, Role.PROVINCE_OFFICER}
register("reports.consolidatedreport", {"view": READERS, "change": AUTHORS, "export": AUTHORS})
register("reports.reportfile", {"view": READERS})
