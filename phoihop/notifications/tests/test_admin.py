def test_the_site_admin_does_not_list_anybody_s_notifications():
    """Administrators included, nobody reads another's notifications (not even in /admin/)."""
    from django.contrib import admin

    from phoihop.notifications.models import Notification, NotificationPreference

    assert Notification not in admin.site._registry
    assert NotificationPreference not in admin.site._registry
