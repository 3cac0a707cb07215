"""As regras da conclusão valem em cada borda com a mesma mensagem: modelo, serviço, formulário e banco."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from acordo import prazos, services
from acordo.forms import ConclusaoForm, ReaberturaForm
from acordo.models import Ocorrencia

pytestmark = pytest.mark.django_db
HOJE = date(2026, 1, 10)


def _concluir_no_modelo(ocorrencia, **campos):
    ocorrencia.estado = Ocorrencia.Estado.CONCLUIDA
    for nome, valor in {"data_conclusao": date(2025, 1, 10), "numero_sei": "", "link": "", **campos}.items():
        setattr(ocorrencia, nome, valor)
    return ocorrencia


def test_modelo_recusa_conclusao_antes_da_assinatura_e_sem_evidencia(ocorrencia_atrasada):
    with pytest.raises(ValidationError) as antes:
        _concluir_no_modelo(
            ocorrencia_atrasada, data_conclusao=date(2024, 11, 11), numero_sei="1"
        ).full_clean()
    assert antes.value.message_dict["data_conclusao"] == [
        prazos.erro_na_data_de_conclusao(date(2024, 11, 11), assinatura=date(2024, 11, 12))
    ]
    with pytest.raises(ValidationError) as sem:
        _concluir_no_modelo(ocorrencia_atrasada).full_clean()
    assert sem.value.message_dict["numero_sei"] == [prazos.SEM_EVIDENCIA]


def test_servico_e_formulario_dao_a_mesma_mensagem_para_data_futura(
    ocorrencia_atrasada, usuario_acompanhamento
):
    futura = date(2026, 1, 11)
    form = ConclusaoForm(
        {"data_conclusao": futura.isoformat(), "numero_sei": "1"}, hoje=HOJE, assinatura=date(2024, 11, 12)
    )
    assert not form.is_valid()
    with pytest.raises(ValidationError) as servico:
        services.ocorrencia_concluir(
            ocorrencia=ocorrencia_atrasada,
            data_conclusao=futura,
            numero_sei="1",
            link="",
            observacao="",
            usuario=usuario_acompanhamento,
            hoje=HOJE,
        )
    assert form.errors["data_conclusao"] == servico.value.message_dict["data_conclusao"]
    ocorrencia_atrasada.refresh_from_db()
    assert not ocorrencia_atrasada.concluida


def test_formulario_acusa_falta_de_evidencia_junto_ao_numero_sei():
    form = ConclusaoForm({"data_conclusao": "2025-01-10"}, hoje=HOJE, assinatura=date(2024, 11, 12))
    assert not form.is_valid()
    assert form.errors["numero_sei"] == [prazos.SEM_EVIDENCIA]


def test_reabertura_sem_motivo_tem_a_mensagem_do_dominio():
    form = ReaberturaForm({"motivo": "   "})
    assert not form.is_valid()
    assert form.errors["motivo"] == [prazos.SEM_MOTIVO_DE_REABERTURA]


def test_banco_recusa_concluida_sem_evidencia(ocorrencia_atrasada):
    with pytest.raises(IntegrityError), transaction.atomic():
        Ocorrencia.objects.filter(pk=ocorrencia_atrasada.pk).update(
            estado=Ocorrencia.Estado.CONCLUIDA, data_conclusao=date(2025, 1, 10)
        )
