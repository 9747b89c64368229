from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from corridor.api.v1 import api

urlpatterns = [
    path("", include("corridor.web.urls")),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler404 = "corridor.web.errors.not_found_page"
