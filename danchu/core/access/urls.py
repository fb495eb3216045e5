from django.urls import path

from danchu.core.access import views

app_name = "access"

urlpatterns = [
    path("login/", views.DanchuLoginView.as_view(), name="login"),
    path("logout/", views.DanchuLogoutView.as_view(), name="logout"),
    path("account/", views.account, name="account"),
    path("account/two-factor/", views.two_factor_verify, name="two_factor"),
    path("account/two-factor/setup/", views.two_factor_setup, name="two_factor_setup"),
]
