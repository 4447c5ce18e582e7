"""The participants of an activity, counted by sex and age group (and optionally by
ethnicity and disability): complete and adding up, checked by the form and the service
alike, before the database's own constraints."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from apps.activities.models import AGE_FIELDS, SEX_FIELDS

COUNT_FIELDS = (*SEX_FIELDS, *AGE_FIELDS, "ethnic_minority", "kinh", "with_disability")


def check_counts(counts: dict[str, int | None]) -> dict[str, int | None]:
    """The counts, complete and consistent, or a ValidationError saying which group is off."""
    clean = {name: counts.get(name) for name in COUNT_FIELDS}
    for name in (*SEX_FIELDS, *AGE_FIELDS):
        clean[name] = clean[name] or 0
    if any(value is not None and value < 0 for value in clean.values()):
        raise ValidationError(_("Counts cannot be negative."))
    total = sum(clean[name] or 0 for name in SEX_FIELDS)
    if total == 0:
        raise ValidationError(_("Count the participants: men, women or other."))
    errors = []
    by_age = sum(clean[name] or 0 for name in AGE_FIELDS)
    if by_age != total:
        errors.append(
            _("The age groups add up to %(ages)s but the participants by sex to %(total)s.")
            % {"ages": by_age, "total": total}
        )
    if clean["ethnic_minority"] is not None or clean["kinh"] is not None:
        minority, kinh = clean["ethnic_minority"] or 0, clean["kinh"] or 0
        clean["ethnic_minority"], clean["kinh"] = minority, kinh
        if minority + kinh != total:
            errors.append(
                _("Ethnic minority and Kinh add up to %(n)s but the participants to %(total)s.")
                % {"n": minority + kinh, "total": total}
            )
    disability = clean["with_disability"]
    if disability is not None and disability > total:
        errors.append(_("More people with a disability than participants."))
    if errors:
        raise ValidationError(errors)
    return clean
