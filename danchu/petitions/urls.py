from danchu.petitions import urls_intake, urls_reception, urls_workflow

app_name = "petitions"

urlpatterns = urls_intake.urlpatterns + urls_workflow.urlpatterns + urls_reception.urlpatterns
