"""Kit do TR, exportações carimbadas e "Verificar arquivo" (views finas: autorizar, gerar, registrar)."""

from django import forms
from django.contrib.auth.decorators import permission_required
from django.shortcuts import render
from django.utils import timezone

from contratos import selectors
from contratos.anexo_a import gerar_anexo_a, nome_arquivo
from contratos.exportacoes import exportar_da_contratacao
from contratos.kit_tr import dados
from contratos.kit_tr.conteudo import montar_kit
from contratos.kit_tr.docx import gerar_kit_tr
from contratos.kit_tr.verificacao import como_texto
from core import exportacoes
from core.carimbo import sha256
from core.models import Exportacao
from core.permissoes import VERIFICAR_ARQUIVO

LIMITE_ARQUIVO = 12 * 1024 * 1024  # o mesmo de FILE_UPLOAD_MAX_MEMORY_SIZE


def exportar(request, contratacao, tipo: str):
    """Anexo A ou kit do TR, com a verificação normativa, pelo caminho único de core.exportacoes."""
    agora = timezone.localtime()
    resumo, achados = dados.verificar_contratacao(contratacao, hoje=agora.date())
    cabecalho, estimativa, perfis = selectors.anexo_a_dados(contratacao, hoje=agora.date(), resumo=resumo)
    nome = nome_arquivo(contratacao.numero_processo, agora.date())
    if tipo == Exportacao.Tipo.ANEXO_A:
        mime = exportacoes.XLSX

        def gerar(carimbo):
            return gerar_anexo_a(
                cabecalho=cabecalho,
                estimativa=estimativa,
                mapa=perfis,
                carimbo=carimbo,
                verificacao=como_texto(achados),
            )
    else:
        mime, nome = exportacoes.DOCX, nome.replace("anexo-a_", "kit-tr_").removesuffix(".xlsx") + ".docx"
        kit = montar_kit(
            cabecalho=cabecalho,
            estimativa=estimativa,
            ordens=dados.ordens_do_tr(contratacao),
            verificacao=como_texto(achados),
        )

        def gerar(carimbo):
            return gerar_kit_tr(kit, carimbo=carimbo)

    return exportar_da_contratacao(
        request, contratacao, tipo=tipo, nome=nome, mime=mime, gerar=gerar, agora=agora, estimativa=estimativa
    )


class VerificarArquivoForm(forms.Form):
    arquivo = forms.FileField(label="Arquivo gerado pelo PlanejaTIC (planilha, documento ou relatório)")

    def clean_arquivo(self):
        arquivo = self.cleaned_data["arquivo"]
        if arquivo.size > LIMITE_ARQUIVO:
            raise forms.ValidationError("Arquivo grande demais: o limite é 12 MB.")
        return arquivo


@permission_required(VERIFICAR_ARQUIVO, raise_exception=True)
def verificar_arquivo(request):
    if request.method != "POST":
        return render(request, "contratos/verificar_arquivo.html", {"form": VerificarArquivoForm()})
    form = VerificarArquivoForm(request.POST, request.FILES)
    conferencia = None
    if form.is_valid():
        arquivo = form.cleaned_data["arquivo"]
        conteudo = b"".join(arquivo.chunks())
        conferencia = exportacoes.conferir(usuario=request.user, digest=sha256(conteudo))
    return render(request, "contratos/verificar_arquivo.html", {"form": form, "conferencia": conferencia})
