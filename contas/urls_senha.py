"""Senha das contas locais com as views do Django (nomes globais, como o Django os procura)."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from contas.forms import EsqueciSenhaForm

# O prazo do link, em horas, dito na tela e no e-mail.
HORAS = {"horas": settings.PASSWORD_RESET_TIMEOUT // 3600}

urlpatterns = [
    path("senha/alterar/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("senha/alterada/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path(
        "senha/esqueci/",
        auth_views.PasswordResetView.as_view(
            form_class=EsqueciSenhaForm,
            subject_template_name="registration/password_reset_subject.txt",
            email_template_name="registration/password_reset_email.txt",
            extra_email_context=HORAS,
            extra_context=HORAS,
        ),
        name="password_reset",
    ),
    path("senha/esqueci/enviado/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "senha/redefinir/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(success_url=reverse_lazy("password_reset_complete")),
        name="password_reset_confirm",
    ),
    path("senha/redefinida/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
