app_name = "press"
urlpatterns: list = []
