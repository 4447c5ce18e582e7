from django.urls import path

from apps.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("consolidated/", views.report_list, name="list"),
    path("consolidated/open/", views.report_open, name="open"),
    path("consolidated/<int:pk>/", views.report_detail, name="detail"),
    path("consolidated/<int:pk>/edit/", views.report_edit, name="edit"),
    path("consolidated/<int:pk>/export/<str:kind>/", views.report_export, name="export"),
    path("files/<int:pk>/", views.report_file, name="file"),
]
