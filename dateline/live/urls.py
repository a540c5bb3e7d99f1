from django.urls import path

from . import views

app_name = "live"
urlpatterns = [path("<int:story_id>/", views.updates, name="updates")]
