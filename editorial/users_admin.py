"""User management in the admin, for Chief editors: no way to grant more than they hold.

A Chief editor manages accounts and roles (groups) but cannot make anyone,
themselves included, a superuser, hand out single permissions outside the
roles, give a group permissions, or change or delete a superuser's account.
The role groups hold exactly the permissions articles/roles.py gives them:
no one adds to them here, superusers included.
"""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.utils.translation import gettext_lazy as _

from articles import roles

PRIVILEGED_FIELDS = ("is_superuser", "user_permissions")
ROLE_GROUP_NOTE = _(
    "役割のグループです。権限は articles/roles.py の定めるとおりで、管理画面では変更できません"
    "（マイグレーションがそのとおりに設定します）。"
)
GROUP_PERMISSIONS_NOTE = _(
    "グループに権限を与えられるのはスーパーユーザーだけです。"
    "ユーザーには役割のグループ（Translator・Editor・Chief editor）で権限を与えてください。"
)


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


class NewsroomGroupAdmin(GroupAdmin):
    """Groups whose permissions a Chief editor cannot widen: read-only for roles, and for anyone but superusers."""

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if is_role_group(obj) or not request.user.is_superuser:
            return (*readonly, "permissions")
        return readonly

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if is_role_group(obj):
            note = ROLE_GROUP_NOTE
        elif not request.user.is_superuser:
            note = GROUP_PERMISSIONS_NOTE
        else:
            return fieldsets
        return [(name, {**options, "description": note}) for name, options in fieldsets]


def is_role_group(group: Group | None) -> bool:
    """Whether `group` is one of the newsroom's roles (articles/roles.py)."""
    return group is not None and group.name in roles.ROLES


admin.site.unregister(User)
admin.site.register(User, NewsroomUserAdmin)
admin.site.unregister(Group)
admin.site.register(Group, NewsroomGroupAdmin)
