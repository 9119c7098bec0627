"""Days as the newsroom counts them: JST, within what a datetime can hold."""

import datetime

from django import forms
from django.utils import timezone

# The days a filter or a digest URL may name. Outside them, the day after, or JST midnight
# in UTC, is past what datetime can hold (9999-12-31 + 1 day, 0001-01-01 00:00 JST).
FIRST_DAY = datetime.date(1, 1, 2)
LAST_DAY = datetime.date(9999, 12, 30)


def is_usable_day(day: datetime.date) -> bool:
    return FIRST_DAY <= day <= LAST_DAY


def validate_day(value: datetime.date) -> None:
    if not is_usable_day(value):
        # Django's own message (already translated): to a reader, such a date is simply not valid.
        raise forms.ValidationError(forms.DateField.default_error_messages["invalid"], code="invalid")


def start_of_day(day: datetime.date) -> datetime.datetime:
    """Midnight JST (the site's time zone) of `day`, as an aware datetime."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
