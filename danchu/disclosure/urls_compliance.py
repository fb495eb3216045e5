from django.urls import path

from danchu.disclosure import views_compliance as views

urlpatterns = [
    path(
        "units/<str:code>/disclosure/compliance/",
        views.compliance_unit,
        name="compliance_unit",
    ),
    path(
        "units/<str:code>/disclosure/compliance/quarterly-list/",
        views.compliance_quarterly_list,
        name="compliance_quarterly_list",
    ),
]
