"""User management in the admin, for Chief editors: no way to grant more than they hold.

A Chief editor manages accounts and roles (groups) but cannot make anyone,
themselves included, a superuser, hand out single permissions outside the
roles, or change or delete a superuser's account.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User

PRIVILEGED_FIELDS = ("is_superuser", "user_permissions")


class NewsroomUserAdmin(UserAdmin):
    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if request.user.is_superuser:
            return readonly
        return (*readonly, *PRIVILEGED_FIELDS)

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)


admin.site.unregister(User)
admin.site.register(User, NewsroomUserAdmin)
