"""Registro das áreas do produto, preenchido pelas apps de cima no `AppConfig.ready()`.

`core` é a camada de baixo e não importa por conta própria as apps que o usam: cada área nomeia os seus
módulos (`ConfiguracaoDaArea.modulos`) e registra aqui os grupos e permissões que concede, o carregador dos
seus dados de referência, a sua contribuição ao Painel e, para os arquivos que exporta, quem pode ver o
objeto de origem (core.exportacoes). A ordem do registro é a de INSTALLED_APPS
(a das camadas): quem depende carrega depois.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from django.apps import AppConfig

from core.grupos import NOMES


@dataclass(frozen=True)
class Origem:
    """Um tipo de objeto de que a área gera arquivos (Contratacao, Acordo...): o que "Verificar arquivo"
    precisa saber dele sem importar a área."""

    # pode_ver(usuario, objeto) -> bool: quem não vê o objeto recebe "desconhecido" (sem vazamento)
    pode_ver: Callable
    # impressao(objeto) -> str: os números de agora, para "mudou desde a geração?"; None: não se aplica
    impressao: Callable | None = None


@dataclass(frozen=True)
class Area:
    """O que uma app oferece ao resto do produto."""

    rotulo: str  # app_label
    # {nome do grupo: ["app.codename", ...]} só com permissões da própria área
    grupos: Mapping[str, Sequence[str]] = field(default_factory=dict)
    # carregar(saida=...): carga idempotente dos dados de referência (manage.py carregar_referencias)
    carregar_referencias: Callable | None = None
    # painel(usuario=..., hoje=...) -> dict: o cartão da área no Painel
    painel: Callable | None = None
    # quem não tem esta permissão não vê (nem calcula) o cartão da área; None: toda pessoa autenticada
    permissao_do_painel: str | None = None
    # {"app.modelo": Origem} dos objetos de que a área gera arquivos
    origens: Mapping[str, Origem] = field(default_factory=dict)


_AREAS: dict[str, Area] = {}


def registrar_area(
    rotulo: str, *, permissoes=None, referencias=None, selectors=None, exportacoes=None
) -> Area:
    """Registra (ou substitui, se o ready() rodar de novo) a área `rotulo` a partir dos seus módulos:
    `permissoes.GRUPOS` (e `permissoes.PAINEL`, a permissão do cartão), `referencias.carregar`,
    `selectors.painel_contexto` e `exportacoes.ORIGENS` ({Modelo: Origem}); cada um é opcional."""
    grupos = dict(getattr(permissoes, "GRUPOS", {}))
    desconhecidos = set(grupos) - set(NOMES)
    if desconhecidos:
        raise ValueError(f"Grupos desconhecidos em “{rotulo}”: {', '.join(sorted(desconhecidos))}.")
    alheias = sorted(p for codenames in grupos.values() for p in codenames if not p.startswith(f"{rotulo}."))
    if alheias:
        raise ValueError(f"A área “{rotulo}” só concede as próprias permissões, não {', '.join(alheias)}.")
    area = Area(
        rotulo,
        grupos,
        carregar_referencias=getattr(referencias, "carregar", None),
        painel=getattr(selectors, "painel_contexto", None),
        permissao_do_painel=getattr(permissoes, "PAINEL", None),
        origens={m._meta.label_lower: o for m, o in getattr(exportacoes, "ORIGENS", {}).items()},
    )
    _AREAS[rotulo] = area
    return area


def areas() -> list[Area]:
    return list(_AREAS.values())


def area(rotulo: str) -> Area | None:
    return _AREAS.get(rotulo)


def permissoes_declaradas() -> dict[str, set[str]]:
    """{grupo: {"app.codename", ...}} de todas as áreas."""
    declaradas: dict[str, set[str]] = {nome: set() for nome in NOMES}
    for registrada in _AREAS.values():
        for grupo, codenames in registrada.grupos.items():
            declaradas[grupo].update(codenames)
    return declaradas


def areas_do_painel(usuario) -> list[Area]:
    """As áreas com cartão no Painel que o usuário pode abrir."""
    return [
        a
        for a in _AREAS.values()
        if a.painel is not None and (a.permissao_do_painel is None or usuario.has_perm(a.permissao_do_painel))
    ]


def origem(rotulo_do_modelo: str) -> Origem | None:
    """A Origem registrada para "app.modelo" (minúsculas), de qualquer área."""
    for registrada in _AREAS.values():
        if rotulo_do_modelo in registrada.origens:
            return registrada.origens[rotulo_do_modelo]
    return None


class ConfiguracaoDaArea(AppConfig):
    """AppConfig de uma área: no ready(), registra a área com os módulos que a própria app devolve em
    `modulos()` (importados lá, dentro do método, porque importam os modelos). core não importa nada de
    cima, nem por nome: quem importa é a app. Nas apps, herde de `registro.ConfiguracaoDaArea`
    (`from core import registro`): importada pelo nome, a classe seria uma segunda candidata do Django."""

    def modulos(self) -> Sequence:
        """Os módulos da área aceitos por registrar_area (permissoes, referencias, selectors, exportacoes)."""
        return ()

    def ready(self):
        registrar_area(self.label, **{m.__name__.rsplit(".", 1)[-1]: m for m in self.modulos()})
