"""Páginas de contas: ainda sem acesso, Minha conta e as pessoas do órgão (Gestor do órgão)."""

from smtplib import SMTPException

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from contas import selectors, services
from contas.forms import AdicionarContaForm, ConvidarForm, MeusDadosForm, PapeisForm
from contas.models import IdentidadeGovbr
from contratos.models import Orgao


def sem_acesso(request, status=200):
    """Conta sem papel: quem pode conceder acesso nos órgãos da pessoa (ou em cada órgão, se ela não tem)."""
    proprios = Orgao.objects.filter(membros=request.user)
    orgaos = proprios if proprios.exists() else Orgao.objects.all()
    contexto = {"orgaos": selectors.gestores_de(orgaos), "membro": proprios.exists()}
    return render(request, "contas/sem_acesso.html", contexto, status=status)


def minha_conta(request):
    form = MeusDadosForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Seus dados foram salvos.")
        return redirect("contas:minha_conta")
    contexto = {
        "form": form,
        "sessoes": selectors.sessoes_de(request.user),
        "chave_atual": request.session.session_key,
        "secoes": settings.MINHA_CONTA_SECOES,
        "govbr": IdentidadeGovbr.objects.filter(usuario=request.user).first(),
    }
    return render(request, "contas/minha_conta.html", contexto)


@require_POST
def encerrar_outras_sessoes(request):
    n = services.sessoes_encerrar_outras(usuario=request.user, chave_atual=request.session.session_key)
    messages.success(request, f"{n} outra(s) sessão(ões) encerrada(s). Esta continua aberta.")
    return redirect("contas:minha_conta")


@permission_required("contas.gerir_pessoas", raise_exception=True)
def pessoas_inicio(request):
    orgaos = list(selectors.orgaos_geridos(request.user))
    if len(orgaos) == 1:
        return redirect("contas:pessoas", pk=orgaos[0].pk)
    return render(request, "contas/pessoas_inicio.html", {"orgaos": orgaos})


def pessoas(request, pk):
    orgao = selectors.orgao_gerido_ou_404(request.user, pk)
    return render(request, "contas/pessoas.html", {"orgao": orgao, "membros": selectors.membros(orgao)})


def _form_de_inclusao(request, orgao, form_class, titulo, gravar):
    form = form_class(request.POST or None, orgao=orgao)
    if request.method == "POST" and form.is_valid():
        try:
            pessoa = gravar(form)
        except (OSError, SMTPException):  # o convite desfaz tudo se o e-mail não sai
            form.add_error(None, "Não foi possível enviar o e-mail agora; nada foi gravado. Tente de novo.")
            return render(
                request, "contas/pessoa_form.html", {"orgao": orgao, "form": form, "titulo": titulo}
            )
        messages.success(
            request, f"{pessoa.get_full_name() or pessoa.get_username()} faz parte de {orgao.sigla}."
        )
        return redirect("contas:pessoas", pk=orgao.pk)
    return render(request, "contas/pessoa_form.html", {"orgao": orgao, "form": form, "titulo": titulo})


def pessoa_convidar(request, pk):
    orgao = selectors.orgao_gerido_ou_404(request.user, pk)
    return _form_de_inclusao(
        request,
        orgao,
        ConvidarForm,
        "Convidar por e-mail",
        lambda f: services.membro_convidar(
            orgao=orgao,
            email=f.cleaned_data["email"],
            nome=f.cleaned_data["nome"],
            papeis=f.cleaned_data["papeis"],
            ator=request.user,
            request=request,
        ),
    )


def pessoa_adicionar(request, pk):
    orgao = selectors.orgao_gerido_ou_404(request.user, pk)

    def gravar(form):
        conta = form.cleaned_data["conta"]
        services.membro_incluir(
            orgao=orgao, usuario=conta, papeis=form.cleaned_data["papeis"], ator=request.user, request=request
        )
        return conta

    return _form_de_inclusao(request, orgao, AdicionarContaForm, "Adicionar conta existente", gravar)


def pessoa_papeis(request, pk, pessoa):
    orgao = selectors.orgao_gerido_ou_404(request.user, pk)
    membro = selectors.membro_ou_404(orgao, pessoa)
    atuais = [g.name for g in membro.groups.all()]
    form = PapeisForm(request.POST or None, orgao=orgao, usuario=membro, initial={"papeis": atuais})
    if request.method == "POST" and form.is_valid():
        services.papeis_definir(
            orgao=orgao,
            usuario=membro,
            papeis=form.cleaned_data["papeis"],
            ator=request.user,
            request=request,
        )
        messages.success(request, f"Papéis de {membro.get_full_name() or membro.get_username()} salvos.")
        return redirect("contas:pessoas", pk=orgao.pk)
    contexto = {"orgao": orgao, "membro": membro, "form": form, "titulo": "Papéis"}
    return render(request, "contas/pessoa_form.html", contexto)


def pessoa_remover(request, pk, pessoa):
    orgao = selectors.orgao_gerido_ou_404(request.user, pk)
    membro = selectors.membro_ou_404(orgao, pessoa)
    if request.method == "POST":
        services.membro_remover(orgao=orgao, usuario=membro, ator=request.user, request=request)
        messages.success(request, f"{membro.get_full_name() or membro.get_username()} saiu de {orgao.sigla}.")
        return redirect("contas:pessoas", pk=orgao.pk)
    return render(request, "contas/pessoa_remover.html", {"orgao": orgao, "membro": membro})


def auditoria(request, pk):
    orgao = selectors.orgao_gerido_ou_404(request.user, pk)
    pagina = Paginator(selectors.auditoria_do_orgao(orgao), 50).get_page(request.GET.get("pagina"))
    return render(request, "contas/auditoria.html", {"orgao": orgao, "pagina": pagina})
