"""Entradas erradas em todo formulário e toda importação: nunca um erro 500 e nenhuma linha gravada.

Cada caso é um pedido como o de um usuário desastrado ou de um atacante (campo vazio, número absurdo, id de
outra coisa, texto gigante, formulário adulterado, arquivo que não é planilha). O teste tira uma "foto" de
todas as tabelas do projeto (inclusive o histórico) antes e depois: um pedido recusado não muda nada.
Roda no SQLite e no PostgreSQL (o mesmo arquivo, na CI).
"""

import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal as D

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from acordo import referencias as referencias_acordo
from acordo.models import Acordo, Ocorrencia
from contratos.models import Item
from tests.contratos.conftest import adicionar_os, criar_mapa
from tests.contratos.test_nuvem import criar_catalogo, item_nuvem
from tests.contratos.test_profissionais import criar_catalogo_profissional, item_profissional

APPS = ("contratos", "catalogo", "acordo")
GRANDE = "x" * 20_000


def foto() -> dict:
    """Todas as linhas de todas as tabelas do projeto (e usuários e grupos), para comparar antes e depois."""
    modelos = [m for a in APPS for m in apps.get_app_config(a).get_models(include_auto_created=True)]
    modelos += [User, User.groups.through, Group]
    return {m._meta.label: list(m.objects.order_by("pk").values_list()) for m in modelos}


@dataclass
class Cenario:
    contratacao: object
    item_perfis: object
    ordem: object
    item_nuvem: object
    item_prof: object
    extras: dict = field(default_factory=dict)

    @property
    def ocorrencia(self):
        """O ACT só é carregado pelos casos que o usam (carregá-lo custa mais que o resto do cenário)."""
        if "ocorrencia" not in self.extras:
            referencias_acordo.carregar(saida=io.StringIO())
            acordo = Acordo.objects.get(numero="142/2024")
            self.extras["ocorrencia"] = Ocorrencia.objects.filter(
                acao__acordo=acordo, data_conclusao__isnull=True
            ).first()
        return self.extras["ocorrencia"]


@pytest.fixture
def cenario(orgao, db):
    from contratos.models import Contratacao

    mapa = criar_mapa("Portaria SGD/MGI nº 6.055/2025")
    contratacao = Contratacao.objects.create(
        orgao=orgao, objeto="Operação", numero_processo="19974.000001/2026-01", mapa=mapa
    )
    ordem = adicionar_os(contratacao, [("ASUPCOMP-02", 2, None, ""), ("GERINF", 1, None, "")])
    nuvem = item_nuvem(contratacao, criar_catalogo())
    prof = item_profissional(contratacao, criar_catalogo_profissional())
    return Cenario(
        contratacao=contratacao, item_perfis=ordem.item, ordem=ordem, item_nuvem=nuvem, item_prof=prof
    )


# --- formulários da contratação ---


def _contratacao(c, **extra):
    dados = {
        "objeto": "Objeto válido",
        "numero_processo": "19974.000002/2026-01",
        "uasg": "123456",
        "mapa": str(c.contratacao.mapa_id),
        "meses": "12",
        "versao": str(c.contratacao.versao),
        "equipe-TOTAL_FORMS": "1",
        "equipe-INITIAL_FORMS": "0",
        "equipe-0-nome": "Ana",
        "equipe-0-papel": "tecnico",
    }
    dados.update(extra)
    return dados


CONTRATACAO = [
    {"objeto": ""},
    {"objeto": GRANDE},
    {"numero_processo": "abc"},
    {"numero_processo": "1" * 500},
    {"uasg": "12"},
    {"meses": "0"},
    {"meses": "-1"},
    {"meses": "abc"},
    {"meses": "99999"},
    {"mapa": "999999"},
    {"mapa": "abc"},
    {"equipe-0-papel": "chefe"},
    {"equipe-0-nome": GRANDE},
    {"equipe-TOTAL_FORMS": "1000000"},
    {"equipe-TOTAL_FORMS": "abc"},
    {"equipe-TOTAL_FORMS": "200", **{f"equipe-{i}-nome": f"P{i}" for i in range(200)}},
]


def _os(c, linhas=None, **extra):
    perfis = {v.codigo: v.pk for v in c.contratacao.mapa.valores.all()}
    linhas = linhas or [
        {"perfil": perfis["GERINF"], "quantidade": "1", "fator_k": "1,94", "justificativa": ""}
    ]
    dados = {
        "item": str(c.item_perfis.pk),
        "numero": "OS nº 900/2026",
        "identificacao": "Atendimento",
        "objetivo": "Atender",
        "prazo_atendimento": "30 dias",
        "produtos": "Relatório",
        "linhas-TOTAL_FORMS": str(len(linhas)),
        "linhas-INITIAL_FORMS": "0",
    }
    for i, linha in enumerate(linhas):
        for campo, valor in linha.items():
            dados[f"linhas-{i}-{campo}"] = str(valor)
    dados.update(extra)
    return dados


def _linha(c, **campos):
    perfis = {v.codigo: v.pk for v in c.contratacao.mapa.valores.all()}
    linha = {"perfil": perfis["ASUPCOMP-02"], "quantidade": "1", "fator_k": "2,12", "justificativa": ""}
    linha.update(campos)
    return [linha]


OS_EXTRAS = [
    {"numero": "OS nº 001/2026"},  # já existe
    {"numero": "OS 1"},
    {"numero": "OS nº " + "9" * 100 + "/2026"},
    {"produtos": ""},
    {"produtos": "   \n  "},
    {"objetivo": GRANDE},
    {"item": "abc"},
    {"item": "999999"},
    {"linhas-TOTAL_FORMS": "0"},
    {"linhas-TOTAL_FORMS": "1000000"},
    {"linhas-TOTAL_FORMS": "-1"},
]
OS_LINHAS = [
    {"quantidade": "0"},
    {"quantidade": "-1"},
    {"quantidade": "abc"},
    {"quantidade": "1,5"},
    {"quantidade": "99999999999"},
    {"fator_k": "3,01", "justificativa": "acima do teto"},
    {"fator_k": "0"},
    {"fator_k": "abc"},
    {"fator_k": "2,50"},  # difere do mapa sem justificativa
    {"fator_k": "2,50", "justificativa": GRANDE},
    {"perfil": "999999"},
    {"perfil": "abc"},
]


def _catalogo_linhas(item, linhas, prefixo="nuvem"):
    dados = {f"{prefixo}-TOTAL_FORMS": str(len(linhas)), f"{prefixo}-INITIAL_FORMS": "0"}
    for i, (servico, quantidade) in enumerate(linhas):
        dados[f"{prefixo}-{i}-servico"] = str(servico)
        dados[f"{prefixo}-{i}-quantidade"] = quantidade
        dados[f"{prefixo}-{i}-observacao"] = ""
    return dados


def _item(c, **extra):
    dados = {"numero": "9", "descricao": "Item novo", "tipo": "perfis", "catalogo": ""}
    dados.update(extra)
    return dados


ITEM = [
    {"numero": "0"},
    {"numero": "abc"},
    {"numero": "40000"},
    {"numero": "1"},  # já existe
    {"descricao": ""},
    {"descricao": GRANDE},
    {"tipo": "xxx"},
    {"tipo": "nuvem"},  # sem catálogo
    {"tipo": "nuvem", "catalogo": "abc"},
    {"tipo": "profissionais", "catalogo": "999999"},
]


def casos():
    """(nome, papel, função que monta (url, dados, arquivos) a partir do cenário)."""
    lista = []
    for i, extra in enumerate(CONTRATACAO):
        lista.append(
            (
                f"contratacao-criar-{i}",
                "equipe",
                lambda c, e=extra: (reverse("contratos:contratacao_criar"), _contratacao(c, **e)),
            )
        )
        lista.append(
            (
                f"contratacao-editar-{i}",
                "equipe",
                lambda c, e=extra: (
                    reverse("contratos:contratacao_editar", args=[c.contratacao.pk]),
                    _contratacao(c, **e),
                ),
            )
        )
    lista.append(
        (
            "contratacao-editar-versao-velha",
            "equipe",
            lambda c: (
                reverse("contratos:contratacao_editar", args=[c.contratacao.pk]),
                _contratacao(c, versao="0", objeto="Mudou"),
            ),
        )
    )
    for i, extra in enumerate(ITEM):
        lista.append(
            (
                f"item-criar-{i}",
                "equipe",
                lambda c, e=extra: (reverse("contratos:item_criar", args=[c.contratacao.pk]), _item(c, **e)),
            )
        )
    lista.append(
        (
            "item-editar-tipo-com-linhas",
            "equipe",
            lambda c: (
                reverse("contratos:item_editar", args=[c.item_nuvem.pk]),
                _item(c, numero=str(c.item_nuvem.numero), tipo="perfis"),
            ),
        )
    )
    lista.append(
        (
            "item-editar-catalogo-errado",
            "equipe",
            lambda c: (
                reverse("contratos:item_editar", args=[c.item_prof.pk]),
                _item(
                    c,
                    numero=str(c.item_prof.numero),
                    tipo="profissionais",
                    catalogo=str(c.item_nuvem.catalogo_id),
                ),
            ),
        )
    )
    for i, extra in enumerate(OS_EXTRAS):
        lista.append(
            (
                f"os-criar-{i}",
                "equipe",
                lambda c, e=extra: (reverse("contratos:os_criar", args=[c.contratacao.pk]), _os(c, **e)),
            )
        )
    for i, campos in enumerate(OS_LINHAS):
        lista.append(
            (
                f"os-linha-{i}",
                "equipe",
                lambda c, k=campos: (
                    reverse("contratos:os_criar", args=[c.contratacao.pk]),
                    _os(c, _linha(c, **k)),
                ),
            )
        )
        lista.append(
            (
                f"os-editar-linha-{i}",
                "equipe",
                lambda c, k=campos: (
                    reverse("contratos:os_editar", args=[c.ordem.pk]),
                    _os(c, _linha(c, **k), numero=c.ordem.numero, versao=str(c.ordem.versao)),
                ),
            )
        )
    lista.append(
        (
            "os-item-de-nuvem",
            "equipe",
            lambda c: (
                reverse("contratos:os_criar", args=[c.contratacao.pk]),
                _os(c, item=str(c.item_nuvem.pk)),
            ),
        )
    )
    for rota in ("os_calcular", "os_linhas"):
        for valor in ("abc", "999999", "-1", "1.5"):
            lista.append(
                (
                    f"{rota}-os={valor}",
                    "equipe",
                    lambda c, r=rota, v=valor: (
                        reverse(f"contratos:{r}", args=[c.contratacao.pk]) + f"?os={v}",
                        _os(c),
                    ),
                )
            )
    lista.append(
        (
            "os_linhas-acao-estranha",
            "equipe",
            lambda c: (
                reverse("contratos:os_linhas", args=[c.contratacao.pk]) + "?acao=remover&indice=abc",
                _os(c),
            ),
        )
    )
    for i, (servico, quantidade) in enumerate(
        [
            ("S", "0"),
            ("S", "-1"),
            ("S", "abc"),
            ("S", "1,23456"),
            ("S", "99999999999999999"),
            ("abc", "1"),
            ("999999", "1"),
        ]
    ):
        lista.append(
            (
                f"nuvem-linhas-{i}",
                "equipe",
                lambda c, s=servico, q=quantidade: (
                    reverse("contratos:item_nuvem", args=[c.item_nuvem.pk]),
                    _catalogo_linhas(
                        c.item_nuvem,
                        [(c.item_nuvem.catalogo.servicos_nuvem.first().pk if s == "S" else s, q)],
                    ),
                ),
            )
        )
    lista.append(
        (
            "nuvem-sem-linhas",
            "equipe",
            lambda c: (
                reverse("contratos:item_nuvem", args=[c.item_nuvem.pk]),
                _catalogo_linhas(c.item_nuvem, []),
            ),
        )
    )
    lista.append(
        (
            "nuvem-formset-gigante",
            "equipe",
            lambda c: (
                reverse("contratos:item_nuvem", args=[c.item_nuvem.pk]),
                {"nuvem-TOTAL_FORMS": "1000000", "nuvem-INITIAL_FORMS": "0"},
            ),
        )
    )
    for i, quantidade in enumerate(["0", "1,234", "abc"]):
        lista.append(
            (
                f"profissional-linhas-{i}",
                "equipe",
                lambda c, q=quantidade: (
                    reverse("contratos:item_nuvem", args=[c.item_prof.pk]),
                    _catalogo_linhas(
                        c.item_prof, [(c.item_prof.catalogo.servicos_profissionais.first().pk, q)]
                    ),
                ),
            )
        )
    for valor in ("abc", "999999", ""):
        lista.append(
            (
                f"reprecificar-mapa={valor or 'vazio'}",
                "equipe",
                lambda c, v=valor: (
                    reverse("contratos:contratacao_reprecificar", args=[c.contratacao.pk]),
                    {"mapa": v, "confirmar": "1"},
                ),
            )
        )
    # --- ACT ---
    for i, extra in enumerate(
        [
            {"data_conclusao": ""},
            {"data_conclusao": "31/02/2025"},
            {"data_conclusao": "01/01/2000"},  # antes da assinatura
            {"data_conclusao": "01/01/2099"},  # no futuro
            {"link": "javascript:alert(1)"},
            {"numero_sei": GRANDE},
            {"observacao": GRANDE},
        ]
    ):
        dados = {
            "data_conclusao": "12/12/2024",
            "numero_sei": "00000.000001/2024-01",
            "link": "",
            "observacao": "",
        }
        dados.update(extra)
        lista.append(
            (
                f"acordo-concluir-{i}",
                "acompanhamento",
                lambda c, d=dados: (reverse("acordo:concluir", args=[c.ocorrencia.pk]), d),
            )
        )
    lista.append(
        (
            "acordo-reabrir-sem-motivo",
            "acompanhamento",
            lambda c: (reverse("acordo:reabrir", args=[c.ocorrencia.pk]), {"motivo": ""}),
        )
    )
    for i, extra in enumerate(
        [
            {"data_assinatura": "abc"},
            {"vigencia_meses": "0"},
            {"vigencia_meses": "99999"},
            {"vigencia_meses": "abc"},
        ]
    ):
        dados = {"data_assinatura": "12/11/2024", "vigencia_meses": "60"}
        dados.update(extra)
        lista.append(
            (
                f"acordo-vigencia-{i}",
                "admin_ref",
                lambda c, d=dados: (c.ocorrencia and reverse("acordo:vigencia"), d),
            )
        )
    # --- login ---
    lista.append(
        (
            "login-usuario-gigante",
            "anonimo",
            lambda c: (reverse("login"), {"username": "u" * 300, "password": "x"}),
        )
    )
    lista.append(("login-vazio", "anonimo", lambda c: (reverse("login"), {})))
    # --- admin das referências ---
    lista.append(
        (
            "admin-mapa-vigencia-antes-da-publicacao",
            "admin_ref",
            lambda c: (
                "/admin/contratos/mapasalarial/add/",
                {
                    "nome_ato": "Portaria X",
                    "data_publicacao": "10/10/2025",
                    "data_vigencia": "01/10/2025",
                    "valores-TOTAL_FORMS": "0",
                    "valores-INITIAL_FORMS": "0",
                },
            ),
        )
    )
    lista.append(
        (
            "admin-perfil-k-acima-de-3",
            "admin_ref",
            lambda c: (
                "/admin/contratos/valorperfil/add/",
                {
                    "mapa": str(c.contratacao.mapa_id),
                    "codigo": "NOVO-01",
                    "perfil": "Novo",
                    "senioridade": "pleno",
                    "remuneracao": "1000.00",
                    "fator_k": "3.50",
                },
            ),
        )
    )
    lista.append(
        (
            "admin-catalogo-fim-antes-do-inicio",
            "admin_ref",
            lambda c: (
                "/admin/catalogo/versaocatalogo/add/",
                {
                    "tipo": "nuvem",
                    "fornecedor": "SERPRO",
                    "versao": "9.9",
                    "vigencia_inicio": "01/01/2026",
                    "vigencia_fim": "01/01/2025",
                    "niveis_servico-TOTAL_FORMS": "0",
                    "niveis_servico-INITIAL_FORMS": "0",
                },
            ),
        )
    )
    lista.append(
        (
            "admin-servico-preco-zero",
            "admin_ref",
            lambda c: (
                "/admin/catalogo/serviconuvem/add/",
                {
                    "versao": str(c.item_nuvem.catalogo_id),
                    "codigo": "Z",
                    "nome": "Z",
                    "categoria": "rede",
                    "unidade_medida": "GB",
                    "preco_unitario": "0",
                    "niveis_servico-TOTAL_FORMS": "0",
                    "niveis_servico-INITIAL_FORMS": "0",
                },
            ),
        )
    )
    lista.append(
        (
            "admin-orgao-membros-por-quem-nao-pode",
            "admin_ref",
            lambda c: (
                f"/admin/contratos/orgao/{c.contratacao.orgao_id}/change/",
                {
                    "sigla": "X",
                    "nome": "X",
                    "uasg": "",
                    "membros": [str(User.objects.order_by("pk").last().pk)],
                },
            ),
        )
    )
    lista.append(
        (
            "acordo-reabrir-motivo-gigante",
            "acompanhamento",
            lambda c: (reverse("acordo:reabrir", args=[c.ocorrencia.pk]), {"motivo": GRANDE}),
        )
    )
    lista.append(
        (
            "admin-servico-descricao-gigante",
            "admin_ref",
            lambda c: (
                "/admin/catalogo/serviconuvem/add/",
                {
                    "versao": str(c.item_nuvem.catalogo_id),
                    "codigo": "G",
                    "nome": "G",
                    "categoria": "rede",
                    "unidade_medida": "GB",
                    "preco_unitario": "1",
                    "descricao": GRANDE,
                    "niveis_servico-TOTAL_FORMS": "0",
                    "niveis_servico-INITIAL_FORMS": "0",
                },
            ),
        )
    )
    return lista


CASOS = casos()
ARQUIVOS_RUINS = [
    ("texto.xlsx", b"isto nao e uma planilha"),
    ("vazio.csv", b""),
    ("binario.csv", bytes(range(256)) * 10),
    ("numeros.csv", b"codigo;perfil;senioridade;remuneracao;fator_k\nX-01;Perfil;pleno;abc;9,99\n"),
]


def _cliente(request, papel):
    if papel == "anonimo":
        return request.getfixturevalue("client")
    return request.getfixturevalue(f"client_{papel}")


@pytest.mark.parametrize(("nome", "papel", "montar"), CASOS, ids=[c[0] for c in CASOS])
def test_entrada_invalida_nao_quebra_nem_grava(request, cenario, nome, papel, montar):
    cliente = _cliente(request, papel)
    url, dados = montar(cenario)
    antes = foto()
    resposta = cliente.post(url, dados)
    assert resposta.status_code < 500, nome
    depois = foto()
    mudou = [m for m in antes if antes[m] != depois[m]]
    if nome.startswith("admin-orgao"):  # o Administrador muda a sigla e o nome; os membros, nunca
        assert mudou == ["contratos.Orgao"], f"{nome}: gravou em {mudou}"
        return
    assert resposta.status_code != 302, f"{nome}: aceitou ({resposta.get('Location')})"
    assert mudou == [], f"{nome}: gravou em {mudou}"


URLS_IMPORTACAO = {
    "mapa": "/admin/contratos/valorperfil/import/",
    "nuvem": "/admin/catalogo/serviconuvem/import/",
    "profissionais": "/admin/catalogo/servicoprofissional/import/",
}


@pytest.mark.parametrize("destino", URLS_IMPORTACAO)
@pytest.mark.parametrize(("arquivo", "conteudo"), ARQUIVOS_RUINS, ids=[a for a, _ in ARQUIVOS_RUINS])
def test_importacao_de_arquivo_ruim_nao_quebra_nem_grava(
    client_admin_ref, cenario, destino, arquivo, conteudo
):
    from catalogo.models import VersaoCatalogo
    from contratos.models import MapaSalarial

    rascunho_mapa = MapaSalarial.objects.create(nome_ato="Rascunho de teste")
    rascunhos = {
        tipo: VersaoCatalogo.objects.create(
            tipo=tipo, versao=f"rascunho-{tipo}", vigencia_inicio=date(2026, 1, 1)
        )
        for tipo in ("nuvem", "profissionais")
    }
    formato = "1" if arquivo.endswith("xlsx") else "0"
    pagina = client_admin_ref.get(URLS_IMPORTACAO[destino])
    assert pagina.status_code == 200
    opcoes = dict(pagina.context["form"].fields["format"].choices)
    formato = next((k for k, v in opcoes.items() if str(v).lower() in arquivo), formato)
    dados = {"format": formato, "resource": "0"}
    dados["mapa" if destino == "mapa" else "versao"] = str(
        rascunho_mapa.pk if destino == "mapa" else rascunhos[destino].pk
    )
    antes = foto()
    resposta = client_admin_ref.post(
        URLS_IMPORTACAO[destino], {**dados, "import_file": SimpleUploadedFile(arquivo, conteudo)}
    )
    assert resposta.status_code < 500
    assert foto() == antes


def test_quantos_casos():
    """O número de casos vai para a nota de fechamento (e não cai sem alguém perceber)."""
    assert len(CASOS) + len(URLS_IMPORTACAO) * len(ARQUIVOS_RUINS) >= 120
    assert D(1)  # o módulo usa Decimal nos cenários de apoio
    assert Item.Tipo.PROFISSIONAIS


@pytest.mark.parametrize(
    ("modelo", "campo"),
    [
        ("acordo.Ocorrencia", "observacao"),
        ("acordo.Acordo", "objeto"),
        ("catalogo.ServicoNuvem", "descricao"),
        ("catalogo.VersaoCatalogo", "observacoes"),
        ("contratos.LinhaPerfil", "justificativa"),
        ("contratos.LinhaProfissional", "observacao"),
    ],
)
def test_o_banco_recusa_texto_gigante_que_escape_do_formulario(cenario, modelo, campo):
    """O último degrau: mesmo sem formulário nem serviço, o banco recusa o texto (a restrição de tamanho; no
    PostgreSQL, um varchar já recusa antes, com DataError)."""
    from django.db import DataError, IntegrityError, transaction

    assert cenario.ocorrencia is not None  # carrega o ACT
    classe = apps.get_model(modelo)
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        classe.objects.filter(pk=classe.objects.order_by("pk").values_list("pk", flat=True)[:1]).update(
            **{campo: "x" * 20_000}
        )
