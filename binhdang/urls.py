from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from apps.access import views as access_views
from apps.accounts import dashboard
from apps.accounts import views as account_views
from apps.accounts.login import BinhdangLoginView
from binhdang import views

urlpatterns = [
    path("", dashboard.home, name="home"),
    path("login/", BinhdangLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/password/", account_views.password_change, name="password_change"),
    path("account/switch/", account_views.switch_membership, name="switch_membership"),
    path("audit/", access_views.audit_log, name="audit_log"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("plans/", include("apps.plans.urls")),
    path("work/", include("apps.work.urls")),
    path("activities/", include("apps.activities.urls")),
    path("indicators/", include("apps.indicators.urls")),
    path("indicators/data/", include("apps.indicators.interchange.urls")),
    path("reports/", include("apps.reports.urls")),
    path("", include("apps.geo.urls")),
    path("admin/", admin.site.urls),
]
