"""Permissões num só estilo, como os querysets restritos do NetBox.

Toda view faz o mesmo: restringe o queryset aos órgãos do usuário (`restringir`), busca o objeto (fora do
escopo: 404, sem confirmar que existe) e confere a ação (`exigir`: no escopo, sem a permissão, 403 com o
motivo). Páginas sem objeto usam o `permission_required(..., raise_exception=True)` do Django.
"""

from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404

from core.grupos import NOMES

MOTIVO_PADRAO = "Seu perfil não permite esta ação."


class RestritoQuerySet(models.QuerySet):
    """`Modelo.objects.restringir(usuario)`: só os objetos dos órgãos de que o usuário é membro.

    O modelo diz por onde chega ao órgão em `CAMINHO_ORGAO` ("orgao", "contratacao__orgao"); sem ele, o dado
    é de referência, comum a todos. O superusuário vê todos; o anônimo, nenhum."""

    def restringir(self, usuario):
        caminho = getattr(self.model, "CAMINHO_ORGAO", None)
        if caminho is None or usuario.is_superuser:
            return self
        if not usuario.is_authenticated:
            return self.none()
        return self.filter(**{f"{caminho}__membros": usuario})


class ModeloRestrito(models.Model):
    """Base dos modelos lidos por `Modelo.objects.restringir(usuario)`. A subclasse declara por onde chega ao
    órgão em `CAMINHO_ORGAO`; sem ele, o dado é de referência, comum a todos os órgãos (catálogos, ACT)."""

    CAMINHO_ORGAO: str | None = None
    objects = RestritoQuerySet.as_manager()

    class Meta:
        abstract = True


def exigir(usuario, permissao: str, *, motivo: str = MOTIVO_PADRAO) -> None:
    if not usuario.has_perm(permissao):
        raise PermissionDenied(motivo)


def objeto_ou_404(usuario, queryset, *, permissao: str, motivo: str = MOTIVO_PADRAO, **filtros):
    """O objeto do escopo do usuário (404 fora dele) e a ação conferida (403 sem ela), nesta ordem."""
    objeto = get_object_or_404(queryset.restringir(usuario), **filtros)
    exigir(usuario, permissao, motivo=motivo)
    return objeto


def pode_ver(usuario, objeto, *, permissao: str) -> bool:
    """A regra do `objeto_ou_404` como pergunta: o objeto está no escopo do usuário e ele tem a permissão."""
    if not usuario.has_perm(permissao):
        return False
    if getattr(type(objeto), "CAMINHO_ORGAO", None) is None:
        return True
    return type(objeto).objects.restringir(usuario).filter(pk=objeto.pk).exists()


# "Verificar arquivo" (ler o registro das exportações) abre para todo papel: o que a conferência revela
# depende de quem vê a origem do arquivo (core.exportacoes.conferir), não da página.
VERIFICAR_ARQUIVO = "core.view_exportacao"
GRUPOS = {nome: [VERIFICAR_ARQUIVO] for nome in NOMES}
