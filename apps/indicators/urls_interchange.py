from django.urls import path

from apps.indicators import views_interchange

app_name = "datavalues"

urlpatterns = [
    path("<int:pk>/export.<str:fmt>", views_interchange.export, name="export"),
    path("<int:pk>/template.xlsx", views_interchange.template, name="template"),
    path("<int:pk>/upload/", views_interchange.upload, name="upload"),
]
