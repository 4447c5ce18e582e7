from django.urls import path

from apps.work import views, views_calendar, views_overview, views_reminders

app_name = "work"

urlpatterns = [
    path("", views.task_list, name="task_list"),
    path("mine/", views.my_work, name="my_work"),
    path("overview/", views_overview.overview, name="overview"),
    path("new/", views.task_new, name="task_new"),
    path("<int:pk>/", views.task_detail, name="task_detail"),
    path("<int:pk>/assign/", views.task_assign, name="task_assign"),
    path("<int:pk>/progress/", views.task_progress, name="task_progress"),
    path("evidence/<int:pk>/", views.evidence_file, name="evidence"),
    path("calendar/", views_calendar.calendar_view, name="calendar"),
    path("calendar/feed/", views_calendar.calendar_feed, name="calendar_feed"),
    path("calendar/<str:token>.ics", views_calendar.ical, name="ical"),
    path("reminders/", views_reminders.reminder_list, name="reminders"),
    path("reminders/settings/", views_reminders.reminder_settings, name="reminder_settings"),
]
