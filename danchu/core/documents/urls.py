from django.urls import path

from danchu.core.documents import views

app_name = "documents"

urlpatterns = [
    path("documents/<int:pk>/", views.document_detail, name="detail"),
    path("documents/<int:pk>/print/", views.document_print, name="print"),
    path("documents/<int:pk>/download/<str:fmt>/", views.document_download, name="download"),
    path("documents/units/<str:code>/", views.unit_documents, name="unit_documents"),
]
