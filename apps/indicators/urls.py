"""The indicators pages: the reports (reporting/) and the catalogue (catalogue/); the
data value files have their own namespace (interchange/urls.py)."""

from django.urls import path

from apps.indicators.catalogue import views as catalogue
from apps.indicators.reporting import views as reports
from apps.indicators.reporting import views_submission as submission

app_name = "indicators"

urlpatterns = [
    path("reports/", reports.reports, name="reports"),
    path("reports/open/", reports.open_report, name="open"),
    path("reports/due/", reports.set_due, name="set_due"),
    path("reports/<int:pk>/", submission.submission_view, name="submission"),
    path("reports/<int:pk>/save/", submission.submission_save, name="submission_save"),
    path("reports/<int:pk>/submit/", submission.submit, name="submit"),
    path("reports/<int:pk>/return/", submission.return_report, name="return"),
    path("reports/<int:pk>/approve/", submission.approve, name="approve"),
    path("reports/<int:pk>/reopen/", submission.reopen, name="reopen"),
    path("catalogue/", catalogue.catalogue, name="catalogue"),
    path("catalogue/new/", catalogue.indicator_create, name="indicator_create"),
    path("catalogue/<str:code>/", catalogue.indicator_detail, name="indicator_detail"),
    path("catalogue/<str:code>/edit/", catalogue.indicator_edit, name="indicator_edit"),
]
