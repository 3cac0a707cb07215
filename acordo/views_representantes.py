"""Representantes titular e suplente de cada partícipe: quem são, o histórico das designações e, para o
administrador do ACT, o registro de uma nova designação (a vigente passa a substituída)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from acordo import selectors, services
from acordo.forms import CampoData, DescreveCampos
from acordo.models import Representante
from core.permissoes import exigir

DESIGNAR = "acordo.add_representante"


class DesignacaoForm(DescreveCampos, forms.ModelForm):
    class Meta:
        model = Representante
        fields = [
            "participe",
            "papel",
            "nome",
            "cargo",
            "email",
            "telefone",
            "data_designacao",
            "ato_designacao",
        ]
        widgets = {"data_designacao": CampoData()}
        help_texts = {
            "ato_designacao": "Número do documento SEI que designa (portaria, ofício).",
            "email": "Recebe os lembretes do cronograma por e-mail.",
        }

    def __init__(self, *args, acordo, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participe"].queryset = acordo.participes.all()
        self.fields["participe"].empty_label = None
        self.fields["email"].required = True

    def validate_unique(self):
        # "um vigente por papel" compara com a designação que esta substitui: é regra do serviço (uma vez)
        pass


def _pagina(request, acordo, form, status=200):
    return render(
        request,
        "acordo/representantes.html",
        {
            "acordo": acordo,
            "hoje": timezone.localdate(),
            "participes": selectors.representantes_com_historico(acordo),
            "form": form,
            "pode_designar": request.user.has_perm(DESIGNAR),
            "designacao": selectors.ocorrencias_do_acordo(acordo).filter(acao__ordem=2).first(),
        },
        status=status,
    )


@permission_required("acordo.view_representante", raise_exception=True)
def representantes(request):
    acordo = selectors.acordo_atual()
    if acordo is None:
        return redirect("acordo:detalhe")
    if request.method != "POST":
        return _pagina(request, acordo, DesignacaoForm(acordo=acordo))
    exigir(request.user, DESIGNAR, motivo="Só o administrador do ACT registra designações.")
    form = DesignacaoForm(request.POST, acordo=acordo)
    if form.is_valid():
        try:
            novo = services.representante_designar(
                representante=form.instance, usuario=request.user, hoje=timezone.localdate()
            )
        except ValidationError as erro:
            for campo, lista in erro.message_dict.items():
                form.add_error(campo if campo in form.fields else None, lista)
        else:
            messages.success(
                request, f"{novo.nome} designado(a) {novo.get_papel_display().lower()} de {novo.participe}."
            )
            return redirect("acordo:representantes")
    return _pagina(request, acordo, form, status=400)
