"""The desk in every admin page's header: how many notifications wait unread."""

from django import template

from desk.models import Notification

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    """The signed-in person's unread notifications (one COUNT query per page)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_staff:
        return 0
    return Notification.objects.for_user(user).unread().count()
