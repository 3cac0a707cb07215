"""Kit do TR, exportações carimbadas e "Verificar arquivo" (views finas: autorizar, gerar, registrar)."""

from django import forms
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from contratos import selectors
from contratos.anexo_a import gerar_anexo_a, nome_arquivo
from contratos.kit_tr import dados
from contratos.kit_tr.conteudo import montar_kit
from contratos.kit_tr.docx import gerar_kit_tr
from contratos.kit_tr.verificacao import como_texto
from contratos.models import Exportacao
from core.carimbo import sha256

PERM_LER = "contratos.view_contratacao"
TIPO_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TIPO_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
LIMITE_ARQUIVO = 12 * 1024 * 1024  # o mesmo de FILE_UPLOAD_MAX_MEMORY_SIZE


def exportar(request, contratacao, tipo: str) -> HttpResponse:
    """Gera o arquivo com carimbo e a verificação normativa, registra quem gerou e o SHA-256, responde."""
    agora = timezone.localtime()
    resumo, achados = dados.verificar_contratacao(contratacao, hoje=agora.date())
    cabecalho, estimativa, perfis = selectors.anexo_a_dados(contratacao, hoje=agora.date(), resumo=resumo)
    carimbo = dados.carimbar(contratacao, agora=agora)
    if tipo == Exportacao.Tipo.ANEXO_A:
        conteudo = gerar_anexo_a(
            cabecalho=cabecalho,
            estimativa=estimativa,
            mapa=perfis,
            carimbo=carimbo,
            verificacao=como_texto(achados),
        )
        nome, mime = nome_arquivo(contratacao.numero_processo, agora.date()), TIPO_XLSX
    else:
        kit = montar_kit(
            cabecalho=cabecalho,
            estimativa=estimativa,
            ordens=dados.ordens_do_tr(contratacao),
            verificacao=como_texto(achados),
        )
        conteudo = gerar_kit_tr(kit, carimbo=carimbo)
        nome = nome_arquivo(contratacao.numero_processo, agora.date()).replace("anexo-a_", "kit-tr_")
        nome, mime = nome.removesuffix(".xlsx") + ".docx", TIPO_DOCX
    dados.exportacao_registrar(
        contratacao=contratacao,
        tipo=tipo,
        conteudo=conteudo,
        carimbo=carimbo,
        estimativa=estimativa,
        usuario=request.user,
    )
    resposta = HttpResponse(conteudo, content_type=mime)
    resposta["Content-Disposition"] = f'attachment; filename="{nome}"'
    return resposta


class VerificarArquivoForm(forms.Form):
    arquivo = forms.FileField(label="Arquivo gerado pelo PlanejaTIC (Anexo A ou kit do TR)")

    def clean_arquivo(self):
        arquivo = self.cleaned_data["arquivo"]
        if arquivo.size > LIMITE_ARQUIVO:
            raise forms.ValidationError("Arquivo grande demais: o limite é 12 MB.")
        return arquivo


@permission_required(PERM_LER, raise_exception=True)
def verificar_arquivo(request):
    if request.method != "POST":
        return render(request, "contratos/verificar_arquivo.html", {"form": VerificarArquivoForm()})
    form = VerificarArquivoForm(request.POST, request.FILES)
    conferencia = None
    if form.is_valid():
        arquivo = form.cleaned_data["arquivo"]
        conteudo = b"".join(arquivo.chunks())
        conferencia = dados.conferir(usuario=request.user, digest=sha256(conteudo))
    return render(request, "contratos/verificar_arquivo.html", {"form": form, "conferencia": conferencia})
