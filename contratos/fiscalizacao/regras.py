"""Fiscalização técnica da OS: a equipe alocada contra os perfis da OS (Anexo I, 14.1 c, 14.1.2, 15.5;
Anexo II, item 7, da Portaria SGD/MGI nº 1.070/2023 alterada pela 6.055/2025).

Sem Django, sem banco, sem relógio. Objetivos, produtos e prazos são juízo do fiscal: registrados, não
calculados.
"""

from dataclasses import dataclass

from contratos.calculo import (
    EXPERIENCIA_MINIMA_ANOS,
    JUNIOR,
    PLENO,
    ROTULOS_SENIORIDADE,
    SENIOR,
    familia_do_codigo,
)

# Júnior < Pleno < Sênior: a senioridade maior cobre a menor (14.1 c: "respeitando a senioridade").
ORDEM_SENIORIDADE = {JUNIOR: 1, PLENO: 2, SENIOR: 3}

CITACAO_UM_POR_PERFIL = "Anexo I, 14.1 c e 15.5"
CITACAO_SENIORIDADE = "Anexo I, 14.1 c e 14.1.2"
CITACAO_EXPERIENCIA = "Anexo II, item 7"
NOTA_15_5 = (
    "Menos profissionais que a quantidade estimada não é constatação: a quantidade serve só à estimativa "
    "e não se exige do contratado número mínimo além de 1 por perfil (15.5)."
)


@dataclass(frozen=True)
class PerfilDaOS:
    """Perfil mínimo previsto na OS (código da versão do mapa) e a quantidade da estimativa."""

    codigo: str
    titulo: str
    senioridade: str  # "" para perfis sem senioridade (gerentes)
    quantidade: int = 1


@dataclass(frozen=True)
class Alocado:
    """Profissional alocado pelo contratado: só o que a verificação precisa (sem CPF)."""

    nome: str
    codigo: str
    senioridade: str
    anos_experiencia: int


@dataclass(frozen=True)
class Resultado:
    """Uma regra aplicada a um perfil ou a um profissional: atendida ou constatação, com a evidência."""

    regra: str
    citacao: str
    sujeito: str
    atendida: bool
    evidencia: str
    nota: str = ""


@dataclass(frozen=True)
class Verificacao:
    resultados: tuple[Resultado, ...]

    @property
    def constatacoes(self) -> tuple[Resultado, ...]:
        return tuple(r for r in self.resultados if not r.atendida)

    @property
    def conforme(self) -> bool:
        return not self.constatacoes


def nome_senioridade(senioridade: str) -> str:
    return ROTULOS_SENIORIDADE.get(senioridade, "sem senioridade")


def cobre(alocado: Alocado, perfil: PerfilDaOS) -> bool:
    """O profissional atende ao perfil da OS: mesmo código, ou a mesma família com senioridade igual ou maior.

    Perfis sem senioridade (gerentes) só se cobrem pelo mesmo código."""
    if not perfil.senioridade:
        return alocado.codigo == perfil.codigo
    if familia_do_codigo(alocado.codigo) != familia_do_codigo(perfil.codigo):
        return False
    return ORDEM_SENIORIDADE.get(alocado.senioridade, 0) >= ORDEM_SENIORIDADE[perfil.senioridade]


def _um_por_perfil(perfil: PerfilDaOS, alocados: list[Alocado]) -> Resultado:
    quem = [a for a in alocados if cobre(a, perfil)]
    nomes = ", ".join(a.nome for a in quem)
    nota = ""
    if 0 < len(quem) < perfil.quantidade:
        nota = f"Estimativa: {perfil.quantidade}; alocados: {len(quem)}. {NOTA_15_5}"
    evidencia = f"{len(quem)} profissional(is) alocado(s)" + (f": {nomes}" if nomes else "")
    return Resultado(
        regra="Ao menos 1 profissional alocado no perfil, com a senioridade mínima",
        citacao=CITACAO_UM_POR_PERFIL,
        sujeito=f"{perfil.codigo} – {perfil.titulo}",
        atendida=bool(quem),
        evidencia=evidencia,
        nota=nota,
    )


def _senioridade(alocado: Alocado, perfis: list[PerfilDaOS]) -> Resultado:
    atende = [p for p in perfis if cobre(alocado, p)]
    if atende:
        evidencia = f"{nome_senioridade(alocado.senioridade)} em {alocado.codigo} atende {atende[0].codigo}"
    else:
        previstos = ", ".join(f"{p.codigo} ({nome_senioridade(p.senioridade)})" for p in perfis)
        evidencia = (
            f"{nome_senioridade(alocado.senioridade)} em {alocado.codigo} não atende a nenhum perfil da OS "
            f"({previstos})"
        )
    return Resultado(
        regra="Senioridade igual ou maior que a do perfil da OS",
        citacao=CITACAO_SENIORIDADE,
        sujeito=alocado.nome,
        atendida=bool(atende),
        evidencia=evidencia,
    )


def _experiencia(alocado: Alocado) -> Resultado | None:
    minimo = EXPERIENCIA_MINIMA_ANOS.get(alocado.senioridade)
    if minimo is None:
        return None  # o item 7 não fixa experiência para perfis sem senioridade
    nome = nome_senioridade(alocado.senioridade)
    return Resultado(
        regra="Experiência mínima na atividade do perfil",
        citacao=CITACAO_EXPERIENCIA,
        sujeito=alocado.nome,
        atendida=alocado.anos_experiencia >= minimo,
        evidencia=f"{alocado.anos_experiencia} ano(s); {nome} exige ao menos {minimo}",
    )


def verificar(perfis: list[PerfilDaOS], alocados: list[Alocado]) -> Verificacao:
    """Aplica as regras à OS num período: cada perfil tem quem o atenda; cada profissional, a senioridade e a
    experiência que declara."""
    resultados = [_um_por_perfil(p, alocados) for p in perfis]
    for alocado in alocados:
        resultados.append(_senioridade(alocado, perfis))
        if (experiencia := _experiencia(alocado)) is not None:
            resultados.append(experiencia)
    return Verificacao(tuple(resultados))
