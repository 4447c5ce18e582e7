from django.urls import path

from apps.indicators import views, views_catalogue, views_submission

app_name = "indicators"

urlpatterns = [
    path("reports/", views.reports, name="reports"),
    path("reports/open/", views.open_report, name="open"),
    path("reports/due/", views.set_due, name="set_due"),
    path("reports/<int:pk>/", views_submission.submission_view, name="submission"),
    path("reports/<int:pk>/save/", views_submission.submission_save, name="submission_save"),
    path("reports/<int:pk>/submit/", views_submission.submit, name="submit"),
    path("reports/<int:pk>/return/", views_submission.return_report, name="return"),
    path("reports/<int:pk>/approve/", views_submission.approve, name="approve"),
    path("reports/<int:pk>/reopen/", views_submission.reopen, name="reopen"),
    path("catalogue/", views_catalogue.catalogue, name="catalogue"),
    path("catalogue/new/", views_catalogue.indicator_create, name="indicator_create"),
    path("catalogue/<str:code>/", views_catalogue.indicator_detail, name="indicator_detail"),
    path("catalogue/<str:code>/edit/", views_catalogue.indicator_edit, name="indicator_edit"),
]
