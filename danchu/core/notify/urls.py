from django.urls import path

from danchu.core.notify import views

app_name = "notify"

urlpatterns = [
    path("notify/", views.notification_list, name="list"),
    path("notify/bell/", views.bell, name="bell"),
    path("notify/<int:pk>/read/", views.mark_read, name="read"),
    path("notify/read-all/", views.mark_all_read, name="read_all"),
    path("notify/preferences/", views.preferences, name="preferences"),
    path("notify/announce/", views.announce, name="announce"),
    path("notify/fanouts/<int:pk>/", views.fanout_detail, name="fanout"),
]
