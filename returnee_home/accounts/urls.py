from django.urls import path

from returnee_home.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.home, name="home"),
    path("privacy/", views.privacy, name="privacy"),
    path("consent/", views.consent, name="consent"),
    path("consent/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("profile/", views.profile, name="profile"),
    path("my-data/", views.export, name="export"),
    path("delete/", views.delete, name="delete"),
    path("delete/cancel/", views.delete_cancel, name="delete_cancel"),
    path("identity/", views.identity, name="identity"),
    path("identity/<int:pk>/scan/", views.identity_scan, name="identity_scan"),
    path("identity/review/", views.review_queue, name="review_queue"),
    path("identity/review/<int:pk>/", views.review_detail, name="review_detail"),
    path("identity/review/<int:pk>/scan/", views.review_scan, name="review_scan"),
    path("password/reset/sms/", views.phone_reset, name="phone_reset"),
    path("password/reset/sms/confirm/", views.phone_reset_confirm, name="phone_reset_confirm"),
]
