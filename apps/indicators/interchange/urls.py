from django.urls import path

from apps.indicators.interchange import views

app_name = "datavalues"

urlpatterns = [
    path("<int:pk>/export.<str:fmt>", views.export, name="export"),
    path("<int:pk>/template.xlsx", views.template, name="template"),
    path("<int:pk>/upload/", views.upload, name="upload"),
]
