"""Regras puras da fiscalização técnica (14.1 c, 15.5; item 7 do Anexo II): sem banco."""

from contratos.fiscalizacao.regras import NOTA_15_5, Alocado, PerfilDaOS, verificar

PLENO = PerfilDaOS("ASUPCOMP-02", "Analista de suporte computacional Pleno", "pleno")
GERENTE = PerfilDaOS("GERINF", "Gerente de infraestrutura de tecnologia da informação", "")


def _regra(verificacao, regra, sujeito):
    return next(r for r in verificacao.resultados if r.regra.startswith(regra) and sujeito in r.sujeito)


def test_senior_cobre_perfil_pleno():
    v = verificar([PLENO], [Alocado("Ana", "ASUPCOMP-03", "senior", 6)])
    assert v.conforme
    assert _regra(v, "Senioridade", "Ana").evidencia == "Sênior em ASUPCOMP-03 atende ASUPCOMP-02"


def test_junior_nao_cobre_perfil_pleno():
    v = verificar([PLENO], [Alocado("Bia", "ASUPCOMP-01", "junior", 2)])
    assert not _regra(v, "Senioridade", "Bia").atendida
    assert not _regra(v, "Ao menos 1", "ASUPCOMP-02").atendida
    assert len(v.constatacoes) == 2


def test_experiencia_de_senior_4_anos_falha_e_5_passa():
    quatro = verificar([PLENO], [Alocado("Caio", "ASUPCOMP-03", "senior", 4)])
    cinco = verificar([PLENO], [Alocado("Caio", "ASUPCOMP-03", "senior", 5)])
    assert not _regra(quatro, "Experiência", "Caio").atendida
    assert _regra(quatro, "Experiência", "Caio").evidencia == "4 ano(s); Sênior exige ao menos 5"
    assert _regra(cinco, "Experiência", "Caio").atendida


def test_perfil_sem_alocados_e_constatacao():
    v = verificar([PLENO, GERENTE], [Alocado("Ana", "ASUPCOMP-02", "pleno", 3)])
    sem = _regra(v, "Ao menos 1", "GERINF")
    assert not sem.atendida
    assert sem.evidencia == "0 profissional(is) alocado(s)"
    assert [r.sujeito for r in v.constatacoes] == [sem.sujeito]


def test_quantidade_3_com_1_alocado_passa_com_a_nota_do_15_5():
    perfil = PerfilDaOS("ASUPCOMP-02", "Analista de suporte computacional Pleno", "pleno", quantidade=3)
    v = verificar([perfil], [Alocado("Ana", "ASUPCOMP-02", "pleno", 3)])
    assert v.conforme
    assert _regra(v, "Ao menos 1", "ASUPCOMP-02").nota == f"Estimativa: 3; alocados: 1. {NOTA_15_5}"


def test_perfil_sem_senioridade_exige_o_mesmo_codigo():
    outro_gerente = Alocado("Duda", "GERSUP", "", 10)
    assert not verificar([GERENTE], [outro_gerente]).conforme
    v = verificar([GERENTE], [Alocado("Duda", "GERINF", "", 10)])
    assert v.conforme
    # o item 7 não fixa experiência para gerentes: não há regra de experiência para ela
    assert [r.regra for r in v.resultados if r.sujeito == "Duda"] == [
        "Senioridade igual ou maior que a do perfil da OS"
    ]


def test_outra_familia_nao_cobre_mesmo_com_senioridade_maior():
    v = verificar([PLENO], [Alocado("Eva", "TECSUP-03", "senior", 8)])
    assert not v.conforme
