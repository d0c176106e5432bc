from django.urls import path

from phoihop.press import views

app_name = "press"
urlpatterns = [
    path("", views.press_home, name="home"),
    path("items/", views.item_list, name="item_list"),
    path("items/new/", views.item_create, name="item_create"),
    path("items/paste/", views.item_paste, name="item_paste"),
    path("items/<int:pk>/", views.item_detail, name="item_detail"),
    path("items/<int:pk>/hot/", views.item_hot, name="item_hot"),
    path("items/<int:pk>/programs/", views.item_programs, name="item_programs"),
    path("sources/", views.source_list, name="source_list"),
    path("sources/new/", views.source_create, name="source_create"),
    path("sources/<int:pk>/edit/", views.source_edit, name="source_edit"),
    path("sources/<int:pk>/active/", views.source_active, name="source_active"),
    path("sources/<int:pk>/poll/", views.source_poll, name="source_poll"),
    path("sources/<int:pk>/status/", views.source_status, name="source_status"),
    path("watch-lists/", views.watch_list_list, name="watch_list_list"),
    path("watch-lists/new/", views.watch_list_create, name="watch_list_create"),
    path("watch-lists/<int:pk>/", views.watch_list_edit, name="watch_list_edit"),
    path("digests/", views.digest_list, name="digest_list"),
    path("digests/<int:pk>/", views.digest_detail, name="digest_detail"),
]
