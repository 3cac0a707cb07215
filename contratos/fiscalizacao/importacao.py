"""Equipe alocada a partir da planilha do contratado (CSV ou XLSX): prévia, erros por linha e coluna, tudo
ou nada. O arquivo passa pelas guardas de `core.planilhas`; cada linha, pelo mesmo formulário da página."""

from dataclasses import dataclass, field
from datetime import date, datetime

from contratos.calculo import ROTULOS_SENIORIDADE
from contratos.fiscalizacao.forms import AlocadoForm
from contratos.fiscalizacao.models import MENSAGEM_PERFIL_DE_OUTRO_MAPA, ProfissionalAlocado
from core.importacao import linha_da_planilha
from core.planilhas import ErroPlanilha, Problema, ler_tabela

# coluna da planilha → campo do formulário
COLUNAS = {
    "nome": "nome",
    "codigo": "perfil",
    "senioridade": "senioridade",
    "anos_experiencia": "anos_experiencia",
    "formacao": "formacao",
    "certificado": "certificado",
    "inicio": "inicio",
    "fim": "fim",
}
OBRIGATORIAS = ("nome", "codigo", "anos_experiencia", "formacao", "inicio")
_SENIORIDADE = {nome.lower(): chave for chave, nome in ROTULOS_SENIORIDADE.items()} | {
    chave: chave for chave in ROTULOS_SENIORIDADE
}
_CAMPO_PARA_COLUNA = {campo: coluna for coluna, campo in COLUNAS.items()}


@dataclass
class Leitura:
    """As linhas prontas para o formulário (texto, guardável na sessão) e os erros com linha e coluna."""

    linhas: list[dict] = field(default_factory=list)
    erros: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.linhas) and not self.erros


def _texto(valor) -> str:
    if valor is None:
        return ""
    if isinstance(valor, datetime):
        valor = valor.date()
    if isinstance(valor, date):
        return valor.isoformat()
    if isinstance(valor, float) and valor.is_integer():
        valor = int(valor)
    return str(valor).strip()


def _dados(valores: dict, codigos: dict[str, int]) -> dict:
    dados = {campo: _texto(valores.get(coluna)) for coluna, campo in COLUNAS.items()}
    codigo = dados["perfil"].upper()
    dados["codigo"] = codigo  # o formulário ignora; a mensagem do código desconhecido o cita
    dados["perfil"] = str(codigos.get(codigo, ""))
    dados["senioridade"] = _SENIORIDADE.get(dados["senioridade"].lower(), dados["senioridade"])
    return dados


def formularios(linhas: list[dict], *, periodo) -> list[AlocadoForm]:
    mapa = periodo.emissao.ordem.contratacao.mapa
    return [AlocadoForm(d, instance=ProfissionalAlocado(periodo=periodo), mapa=mapa) for d in linhas]


def erros(forms: list[AlocadoForm]) -> list[str]:
    mensagens = []
    for numero, form in enumerate(forms, start=1):
        if form.is_valid():
            continue
        for campo, lista in form.errors.items():
            if campo == "perfil" and form.data.get("codigo"):
                lista = [f"{form.data['codigo']}: {MENSAGEM_PERFIL_DE_OUTRO_MAPA}"]
            for mensagem in lista:
                coluna = _CAMPO_PARA_COLUNA.get(campo)
                problema = Problema(linha_da_planilha(numero), coluna, mensagem) if coluna else None
                mensagens.append(
                    str(problema) if problema else f"Linha {linha_da_planilha(numero)}: {mensagem}"
                )
    return mensagens


def ler(*, periodo, nome_arquivo: str, conteudo: bytes, content_type: str = "") -> Leitura:
    try:
        tabela = ler_tabela(nome_arquivo, conteudo, content_type)
    except ErroPlanilha as erro:
        return Leitura(erros=erro.mensagens())
    faltam = [c for c in OBRIGATORIAS if c not in tabela.headers]
    if faltam:
        return Leitura(erros=[f"Faltam as colunas: {', '.join(faltam)}. Esperadas: {', '.join(COLUNAS)}."])
    codigos = dict(periodo.emissao.ordem.contratacao.mapa.valores.values_list("codigo", "pk"))
    linhas = [_dados(valores, codigos) for valores in tabela.dict]
    if not linhas:
        return Leitura(erros=["A planilha não tem linhas de profissionais."])
    return Leitura(linhas=linhas, erros=erros(formularios(linhas, periodo=periodo)))
