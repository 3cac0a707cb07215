"""Carga idempotente do ACT MGI nº 142/2024, transcrito do Plano de Trabalho (seeds)."""

from datetime import date

from acordo import services
from acordo.models import AcaoCronograma, Acordo, Ocorrencia, Participe

OBJETO = (
    "O objeto do Acordo de Cooperação Técnica (ACT) MGI Nº 142/2024, Processo SEI-MGI nº "
    "19974.002200/2024-01, é a definição de condições para prestação de serviços de computação em "
    "nuvem de governo a órgãos e entidades públicos, compreendendo serviços de consultoria e "
    "operação de ambientes, conforme especificações estabelecidas no Plano de Trabalho."
)

JUSTIFICATIVA = (
    "O ACT viabilizará a execução e o atendimento dos direcionadores de utilização de serviços de "
    "computação em nuvem estabelecidos pela Portaria SGD/MGI nº 5.950, de 26 de outubro de 2023, que"
    " estabelece modelo de contratação de software e de serviços de computação em nuvem, conforme "
    "seus itens 5.4.3 (cargas de trabalho que tratem informação com restrição de acesso prevista na "
    "legislação devem ser mantidas em ambiente de nuvem de governo) e 5.4.4 (informações "
    "classificadas em grau de sigilo não podem ser tratadas em nuvem pública). Considerando que o "
    "SERPRO é uma das principais provedoras de serviços de tecnologia da informação a órgãos e "
    "entidades públicos, faz-se a parceria para estabelecer as condições de prestação dos serviços "
    "de nuvem de governo de forma padronizada."
)

# A mais tardia das duas assinaturas eletrônicas (SERPRO em 11/11/2024; SGD/MGI em 12/11/2024).
ASSINATURA = date(2024, 11, 12)

PARTICIPES = [
    (
        1,
        "SGD/MGI",
        "UNIÃO, POR INTERMÉDIO DA SECRETARIA DE GOVERNO DIGITAL DO MINISTÉRIO DA GESTÃO E DA INOVAÇÃO EM "
        "SERVIÇOS PÚBLICOS - SGD/MGI",
    ),
    (2, "SERPRO", "SERVIÇO FEDERAL DE PROCESSAMENTO DE DADOS - SERPRO"),
]

AMBOS = ("SGD/MGI", "SERPRO")
A_CONTAR = "a contar da data de assinatura do ACT MGI Nº 142/2024"

# (ordem, ação, responsáveis, prazo como escrito, tipo, N, data fixa) — Plano de Trabalho, item IV.
ACOES = [
    (1, "Assinar o do Acordo de Cooperação Técnica (ACT).", AMBOS, "Até 12/11/2024.", "data_fixa", None,
     date(2024, 11, 12)),
    (2, "Designar titular e suplente para acompanhamento da execução do ACT .", AMBOS,
     f"Em até 10 dias, {A_CONTAR}.", "dias", 10, None),
    (3, "Elaborar catálogo de serviços de nuvem de governo e suas condições (valores, níveis de serviço, "
        "etc), em comum acordo com a SGD/MGI.", ("SERPRO",), f"Em até 1 mês, {A_CONTAR} .", "meses", 1, None),
    (4, "Especificar catálogo de serviços profissionais associados a nuvem de governo e suas condições "
        "(valores, níveis de serviço, etc), em comum acordo com a SGD/MGI.", ("SERPRO",),
     f"Em até 1 mês, {A_CONTAR}.", "meses", 1, None),
    (5, "Divulgar e promover a nuvem de governo e articular os órgãos e entidades públicos.", ("SGD/MGI",),
     f"Mensalmente, {A_CONTAR}.", "recorrente", 1, None),
    (6, "Realizar monitoramento da parceria e das contratações da nuvem de governo.", AMBOS,
     f"Mensalmente, {A_CONTAR}.", "recorrente", 1, None),
    (7, "Realizar balanço da parceria e das contratações da nuvem de governo.", AMBOS,
     f"Semestralmente, {A_CONTAR}.", "recorrente", 6, None),
]  # fmt: skip


def carregar(*, saida):
    acordo, criado = Acordo.objects.get_or_create(
        numero="142/2024",
        defaults={
            "processo_sei": "19974.002200/2024-01",
            "objeto": OBJETO,
            "justificativa": JUSTIFICATIVA,
            "data_assinatura": ASSINATURA,
            "vigencia_meses": 60,
        },
    )
    participes = {}
    for ordem, sigla, nome in PARTICIPES:
        participes[sigla], _ = Participe.objects.get_or_create(
            acordo=acordo, sigla=sigla, defaults={"ordem": ordem, "nome": nome}
        )
    for ordem, descricao, responsaveis, texto, tipo, n, data_fixa in ACOES:
        acao, nova = AcaoCronograma.objects.get_or_create(
            acordo=acordo,
            ordem=ordem,
            defaults={
                "descricao": descricao,
                "prazo_texto": texto,
                "tipo_prazo": tipo,
                "quantidade": n,
                "data_fixa": data_fixa,
            },
        )
        if nova:
            acao.full_clean()
            acao.responsaveis.set([participes[s] for s in responsaveis])
    resultado = services.ocorrencias_sincronizar(acordo=acordo)
    if criado:
        _registrar_assinatura(acordo)
    total = Ocorrencia.objects.filter(acao__acordo=acordo).count()
    estado = "carregado" if criado or resultado.mudou else "já carregado"
    saida.write(f"ACT {acordo.numero}: {estado} ({acordo.acoes.count()} ações, {total} ocorrências).")


def _registrar_assinatura(acordo):
    """A assinatura é fato do próprio plano: a ação 1 nasce concluída, com o processo SEI por evidência."""
    ocorrencia = Ocorrencia.objects.get(acao__acordo=acordo, acao__ordem=1, ordinal=1)
    ocorrencia.estado = Ocorrencia.Estado.CONCLUIDA
    ocorrencia.data_conclusao = acordo.data_assinatura
    ocorrencia.numero_sei = acordo.processo_sei
    ocorrencia.observacao = (
        "Assinado eletronicamente pelo SERPRO em 11/11/2024 e pela SGD/MGI em 12/11/2024 "
        "(Plano de Trabalho, documento SEI nº 46328106)."
    )
    ocorrencia._change_reason = "Carga de referência: assinatura registrada no Plano de Trabalho."
    ocorrencia.full_clean()
    ocorrencia.save()
