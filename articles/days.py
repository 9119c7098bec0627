"""Days as the newsroom counts them: JST, within what a datetime can hold."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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


# The years a story's times (publish time, the original's, a correction's) may name, counted in
# UTC as the interchange format writes them; the importer allows the same. Far from any story,
# and clear of the ends of what datetime can hold once a time is moved to another zone.
EARLIEST_YEAR, LATEST_YEAR = 1000, 9000


def is_story_time(value: datetime.datetime) -> bool:
    """Whether `value` lies within EARLIEST_YEAR..LATEST_YEAR (in UTC)."""
    try:
        year = value.astimezone(datetime.UTC).year
    except OverflowError:  # before year 1 or after 9999 once in UTC
        return False
    return EARLIEST_YEAR <= year <= LATEST_YEAR


def validate_story_time(value: datetime.datetime | None) -> None:
    """A form validator: a time outside EARLIEST_YEAR..LATEST_YEAR is refused, naming the years."""
    if value is not None and not is_story_time(value):
        raise forms.ValidationError(
            _("%(earliest)s年から%(latest)s年までの日時を入力してください。"),
            code="out_of_range",
            params={"earliest": EARLIEST_YEAR, "latest": LATEST_YEAR},
        )
