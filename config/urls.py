from django.contrib import admin
from django.urls import path

from corridor.api.v1 import api
from corridor.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
