app_name = "audience"
urlpatterns = []
