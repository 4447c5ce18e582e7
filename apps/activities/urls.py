from django.urls import path

from apps.activities import views

app_name = "activities"

urlpatterns = [
    path("", views.activity_list, name="list"),
    path("new/", views.activity_new, name="new"),
    path("<int:pk>/", views.activity_detail, name="detail"),
    path("photos/<int:pk>/", views.activity_photo, name="photo"),
]
