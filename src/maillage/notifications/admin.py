from django.contrib import admin

from maillage.notifications.models import Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("created_at", "user", "kind", "title", "read_at", "email_state")
    list_filter = ("kind", "email_state")
    search_fields = ("title", "user__email")
    raw_id_fields = ("user",)
    readonly_fields = ("created_at", "emailed_at")


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ("user", "email_frequency", "last_digest_at")
    list_filter = ("email_frequency",)
    raw_id_fields = ("user",)
