from django.urls import path

from apps.plans import views, views_derive, views_export, views_import

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("new/", views.plan_new, name="new"),
    path("import/", views_import.upload, name="import"),
    path("import/<int:pk>/", views_import.review, name="import_review"),
    path("import/<int:pk>/progress/", views_import.progress, name="import_progress"),
    path("import/<int:pk>/retry/", views_import.retry, name="import_retry"),
    path("mapping/", views_derive.mapping, name="mapping"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/edit/", views.plan_edit, name="edit"),
    path("<int:pk>/correct/", views.plan_correct, name="correct"),
    path("<int:pk>/issue/", views.plan_issue, name="issue"),
    path("<int:pk>/send/", views.plan_send, name="send"),
    path("<int:pk>/return/", views.plan_return, name="return"),
    path("<int:pk>/versions/", views.plan_versions, name="versions"),
    path("<int:pk>/versions/<int:revision>/restore/", views.plan_restore, name="restore"),
    path("<int:pk>/derive/", views_derive.derive, name="derive"),
    path("<int:pk>/communes/", views_derive.communes, name="communes"),
    path("<int:pk>/export.docx", views_export.export_docx, name="export_docx"),
    path("<int:pk>/export.pdf", views_export.export_pdf, name="export_pdf"),
    path("<int:pk>/print/", views_export.print_view, name="print"),
    path("<int:pk>/source/", views_export.source_file, name="source"),
]
