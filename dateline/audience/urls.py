from django.conf import settings
from django.urls import include, path

from . import views

app_name = "audience"
urlpatterns = [
    path("newsletter/", views.subscribe, name="subscribe"),
    path("newsletter/check-your-inbox/", views.check_inbox, name="check_inbox"),
    path("newsletter/confirm/<str:value>/", views.confirm_subscription, name="confirm"),
    path("newsletter/preferences/<str:value>/", views.preferences, name="preferences"),
    path("newsletter/unsubscribe/<str:value>/", views.unsubscribe_link, name="unsubscribe"),
    path("feedback/", views.feedback, name="feedback"),
    path("feedback/thanks/", views.feedback_thanks, name="feedback_thanks"),
]

# Provider webhooks (bounces, complaints) exist only with a secret to check them against.
if settings.ANYMAIL.get("WEBHOOK_SECRET"):
    urlpatterns.append(path("anymail/", include("anymail.urls")))
