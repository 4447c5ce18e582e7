from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from apps.accounts import views as account_views
from apps.accounts.forms import LoginForm

urlpatterns = [
    path("", account_views.home, name="home"),
    path(
        "login/",
        auth_views.LoginView.as_view(authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("audit/", account_views.audit_log, name="audit_log"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("apps.geo.urls")),
    path("admin/", admin.site.urls),
]
