app_name = "claims"
urlpatterns: list = []
