app_name = "hotissues"
urlpatterns: list = []
