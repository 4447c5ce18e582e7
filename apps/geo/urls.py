from django.urls import path

from apps.geo import views

app_name = "geo"

urlpatterns = [
    path("units/", views.unit_search, name="unit_search"),
    path("units/<str:code>/", views.unit_detail, name="unit_detail"),
    path("agencies/", views.agency_list, name="agency_list"),
    path("agencies/new/", views.agency_create, name="agency_create"),
    path("agencies/<int:pk>/edit/", views.agency_edit, name="agency_edit"),
    path("agencies/<int:pk>/deactivate/", views.agency_deactivate, name="agency_deactivate"),
    path("agencies/<int:pk>/restore/", views.agency_restore, name="agency_restore"),
    path("villages/new/", views.village_create, name="village_create"),
]
