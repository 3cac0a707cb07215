"""Benchmark do Anexo A com 5.000 linhas de perfil (não é teste: imprime números).

Uso: .venv/bin/python bench/anexo_a.py [linhas]

Metas (issue 4): tempo <= 3 s, pico de memória <= 150 MiB, razão <= 1,5 contra o openpyxl "puro" gravando as
mesmas células (mesmos valores e fórmulas, sem estilos, modo write-only) na mesma execução; imprime também a
razão contra o openpyxl gravando as mesmas células com os mesmos formatos numéricos. Módulo puro: não precisa
do Django.
"""

import gc
import resource
import statistics
import sys
import time
import tracemalloc
from datetime import date
from decimal import Decimal
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import openpyxl  # noqa: E402
from openpyxl.cell import WriteOnlyCell  # noqa: E402

from contratos.anexo_a import CabecalhoAnexoA, PerfilMapa, gerar_anexo_a  # noqa: E402
from contratos.estimativa import Item, LinhaPerfil, calcular_estimativa  # noqa: E402

REPETICOES = 7
META_TEMPO_S = 3.0
META_MEMORIA_MIB = 150.0
META_RAZAO = 1.5

# Alguns perfis do mapa da Portaria SGD/MGI nº 6.055/2025 (código, perfil, senioridade, remuneração, K).
PERFIS = [
    PerfilMapa(
        "TECSUP-01", "Técnico de suporte ao usuário de TI", "Júnior", Decimal("1800.00"), Decimal("2.65")
    ),
    PerfilMapa(
        "TECSUP-03", "Técnico de suporte ao usuário de TI", "Sênior", Decimal("3216.87"), Decimal("2.28")
    ),
    PerfilMapa(
        "ASUPCOMP-02", "Analista de suporte computacional", "Pleno", Decimal("5075.52"), Decimal("2.12")
    ),
    PerfilMapa(
        "ASUPCOMP-03", "Analista de suporte computacional", "Sênior", Decimal("7487.05"), Decimal("2.03")
    ),
    PerfilMapa("GERINF", "Gerente de infraestrutura de TI", "", Decimal("17851.64"), Decimal("1.94")),
    PerfilMapa("CLOUD-02", "Especialista em Cloud", "Sênior", Decimal("16985.65"), Decimal("1.94")),
]


def montar(total_linhas: int, linhas_por_item: int = 100):
    itens = []
    n = 0
    for numero in range(1, total_linhas // linhas_por_item + 1):
        linhas = []
        for _ in range(linhas_por_item):
            p = PERFIS[n % len(PERFIS)]
            alterado = n % 10 == 0  # uma linha em dez com K adotado diferente do mapa
            linhas.append(
                LinhaPerfil(
                    ordem_servico=f"OS nº {n // 5 + 1:03d}/2026",
                    codigo=p.codigo,
                    perfil=p.perfil,
                    senioridade=p.senioridade,
                    quantidade=n % 7 + 1,
                    remuneracao=p.remuneracao,
                    fator_k_mapa=p.fator_k,
                    fator_k=Decimal("2.50") if alterado else p.fator_k,
                    justificativa="Encargos do acordo coletivo local, conforme memória anexa"
                    if alterado
                    else "",
                )
            )
            n += 1
        itens.append(Item(numero=numero, descricao=f"Item de operação {numero}", linhas=tuple(linhas)))
    cab = CabecalhoAnexoA(
        orgao="Órgão de Exemplo",
        uasg="999999",
        processo="19974.000001/2026-01",
        objeto="Serviços de operação de infraestrutura e atendimento a usuários de TIC",
        mapa_ato="Portaria SGD/MGI nº 6.055/2025 (Anexo II da Portaria SGD/MGI nº 1.070/2023)",
        mapa_vigencia=date(2025, 9, 1),
        gerado_em=date(2026, 11, 22),
    )
    return cab, itens


def celulas(xlsx: bytes) -> tuple[dict[str, list[tuple]], dict[str, list[tuple]]]:
    """Valores (fórmulas como texto) e formatos numéricos de cada célula gravada pelo exportador."""
    wb = openpyxl.load_workbook(BytesIO(xlsx))
    valores = {ws.title: [tuple(c.value for c in row) for row in ws.iter_rows()] for ws in wb}
    formatos = {ws.title: [tuple(c.number_format for c in row) for row in ws.iter_rows()] for ws in wb}
    return valores, formatos


def openpyxl_puro_formatos(abas: dict[str, list[tuple]], formatos: dict[str, list[tuple]]) -> bytes:
    """Jeito documentado de gravar as mesmas células com os mesmos formatos: WriteOnlyCell + number_format."""
    wb = openpyxl.Workbook(write_only=True)
    for titulo, linhas in abas.items():
        ws = wb.create_sheet(titulo)
        for linha, fmts in zip(linhas, formatos[titulo], strict=True):
            saida = []
            for valor, fmt in zip(linha, fmts, strict=True):
                if fmt != "General" and valor is not None:
                    celula = WriteOnlyCell(ws, value=valor)
                    celula.number_format = fmt
                    saida.append(celula)
                else:
                    saida.append(valor)
            ws.append(saida)
    saida = BytesIO()
    wb.save(saida)
    return saida.getvalue()


def openpyxl_puro(abas: dict[str, list[tuple]], *, write_only: bool) -> bytes:
    wb = openpyxl.Workbook(write_only=write_only)
    if not write_only:
        wb.remove(wb.active)
    for titulo, linhas in abas.items():
        ws = wb.create_sheet(titulo)
        for linha in linhas:
            ws.append(linha)
    saida = BytesIO()
    wb.save(saida)
    return saida.getvalue()


def cronometrar(funcoes: dict) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Tempos de parede e de CPU do processo de cada função, em rodadas intercaladas.

    A máquina é compartilhada: a razão usa o tempo de CPU (process_time), menos sensível a outros processos
    que o tempo de parede (mas não imune: a faixa por rodada mostra o ruído); a meta de 3 s usa o de parede.
    """
    parede: dict[str, list[float]] = {nome: [] for nome in funcoes}
    cpu: dict[str, list[float]] = {nome: [] for nome in funcoes}
    for _ in range(REPETICOES):
        for nome, funcao in funcoes.items():
            gc.collect()
            inicio, inicio_cpu = time.perf_counter(), time.process_time()
            funcao()
            parede[nome].append(time.perf_counter() - inicio)
            cpu[nome].append(time.process_time() - inicio_cpu)
    return parede, cpu


def main() -> None:
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    cab, itens = montar(total)

    def exportar():
        estimativa = calcular_estimativa(itens, meses=30)
        return gerar_anexo_a(cabecalho=cab, estimativa=estimativa, mapa=PERFIS)

    estimativa = calcular_estimativa(itens, meses=30)

    def so_planilha():
        return gerar_anexo_a(cabecalho=cab, estimativa=estimativa, mapa=PERFIS)

    xlsx = exportar()
    abas, formatos = celulas(xlsx)
    n_celulas = sum(1 for linhas in abas.values() for linha in linhas for v in linha if v is not None)

    paredes, cpus = cronometrar(
        {
            "anexo": exportar,
            "planilha": so_planilha,
            "puro": lambda: openpyxl_puro(abas, write_only=True),
            "puro_normal": lambda: openpyxl_puro(abas, write_only=False),
            "puro_formatos": lambda: openpyxl_puro_formatos(abas, formatos),
        }
    )
    # Vale o menor tempo de cada variante; a razão por rodada compara medições feitas lado a lado.
    tempos = {nome: min(v) for nome, v in paredes.items()}
    cpu = {nome: min(v) for nome, v in cpus.items()}
    razoes = sorted(a / b for a, b in zip(cpus["planilha"], cpus["puro"], strict=True))
    t_anexo, t_planilha = tempos["anexo"], tempos["planilha"]
    t_puro, t_puro_normal, t_puro_formatos = tempos["puro"], tempos["puro_normal"], tempos["puro_formatos"]

    gc.collect()
    tracemalloc.start()
    exportar()
    _, pico = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    pico_mib = pico / 2**20
    rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
    razao = cpu["planilha"] / cpu["puro"]

    def meta(ok: bool) -> str:
        return "ok" if ok else "FORA DA META"

    kib = len(xlsx) / 1024
    print(f"Anexo A: {total} linhas de perfil em {len(itens)} itens, {n_celulas} células, {kib:.0f} KiB")
    print(f"rodadas intercaladas: {REPETICOES}; vale o menor tempo de cada variante")
    print(
        f"tempo, estimativa + XLSX: {t_anexo:.3f} s  "
        f"[meta <= {META_TEMPO_S} s: {meta(t_anexo <= META_TEMPO_S)}]"
    )
    print(f"tempo, só o XLSX: {t_planilha:.3f} s")
    print(
        f"pico de memória (tracemalloc, estimativa + XLSX): {pico_mib:.1f} MiB  "
        f"[meta <= {META_MEMORIA_MIB:.0f} MiB: {meta(pico_mib <= META_MEMORIA_MIB)}]"
    )
    print(f"ru_maxrss do processo inteiro (inclui a leitura de conferência): {rss_mib:.1f} MiB")
    print(
        f"tempo de CPU: XLSX {cpu['planilha']:.3f} s; "
        f"openpyxl puro write-only sem estilo {cpu['puro']:.3f} s, "
        f"com os mesmos formatos numéricos {cpu['puro_formatos']:.3f} s; "
        f"modo normal sem estilo {cpu['puro_normal']:.3f} s"
    )
    print(
        f"tempo de parede: openpyxl puro write-only sem estilo {t_puro:.3f} s, "
        f"com formatos {t_puro_formatos:.3f} s, "
        f"modo normal {t_puro_normal:.3f} s"
    )
    print(
        f"razão (CPU) XLSX / puro sem estilo: {razao:.2f}  "
        f"[meta <= {META_RAZAO}: {meta(razao <= META_RAZAO)}]"
    )
    print(
        f"razão (CPU) por rodada, XLSX / puro sem estilo lado a lado: "
        f"mediana {statistics.median(razoes):.2f}, "
        f"faixa {razoes[0]:.2f}–{razoes[-1]:.2f}"
    )
    print(f"razão (CPU) XLSX / puro com os mesmos formatos: {cpu['planilha'] / cpu['puro_formatos']:.2f}")
    print(f"razão (CPU) XLSX / puro modo normal sem estilo: {cpu['planilha'] / cpu['puro_normal']:.2f}")


if __name__ == "__main__":
    main()
