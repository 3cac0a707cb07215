"""Carga comum dos benchmarks (sem efeito ao importar: quem chama já configurou o banco e o Django)."""


def linhas_de_perfil(ordem, perfis: list, quantas: int) -> None:
    """`quantas` linhas na OS, de uma vez: `perfis` em ciclo, quantidades de 1 a 4, Fator-K do mapa."""
    from contratos.models import LinhaPerfil

    LinhaPerfil.objects.bulk_create(
        LinhaPerfil(
            ordem=ordem,
            perfil=perfis[i % len(perfis)],
            quantidade=1 + i % 4,
            fator_k=perfis[i % len(perfis)].fator_k,
            fator_k_referencia=perfis[i % len(perfis)].fator_k,
        )
        for i in range(quantas)
    )
