"""Benchmark do Anexo A (não é teste: imprime números). Módulo puro: não precisa do Django.

Uso: .venv/bin/python bench/anexo_a.py [linhas]   (padrão 20.000; `medir()` é usada por bench/tabela.py)

Metas (issue 19): o exportador em streaming (openpyxl write-only) com pico de memória <= 10 MiB a 20 mil
linhas (tracemalloc, só o exportador: a estimativa pronta é a entrada dele) e tempo de CPU <= 1,1 × o openpyxl
write-only gravando as mesmas células com os mesmos formatos numéricos (a base justa: o mesmo modo, os mesmos
formatos), mediana das razões por rodada, 5 rodadas intercaladas em ordem alternada. O openpyxl write-only sem
estilo e o XlsxWriter (se estiver instalado; não é dependência do projeto) vão ao lado só como referência.
"""

import gc
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

RODADAS = 5  # a razão de CPU varia ±10% de uma rodada a outra nesta VM: 5 rodadas firmam a mediana
META_MEMORIA_MIB = 10.0
META_RAZAO = 1.1

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


def xlsxwriter_formatos(abas: dict[str, list[tuple]], formatos: dict[str, list[tuple]]) -> bytes | None:
    """Referência de fora: as mesmas células e formatos pelo XlsxWriter (modo de memória constante)."""
    try:
        import xlsxwriter
    except ImportError:
        return None
    saida = BytesIO()
    wb = xlsxwriter.Workbook(saida, {"constant_memory": True})
    cache = {}
    for titulo, linhas in abas.items():
        ws = wb.add_worksheet(titulo)
        for r, (linha, fmts) in enumerate(zip(linhas, formatos[titulo], strict=True)):
            for c, (valor, fmt) in enumerate(zip(linha, fmts, strict=True)):
                if valor is None:
                    continue
                formato = None
                if fmt != "General":
                    formato = cache.get(fmt) or cache.setdefault(fmt, wb.add_format({"num_format": fmt}))
                ws.write(r, c, valor, formato)
    wb.close()
    return saida.getvalue()


def _cpu(funcao) -> float:
    gc.collect()
    inicio = time.process_time()
    funcao()
    return time.process_time() - inicio


def _pico_mib(funcao) -> float:
    gc.collect()
    tracemalloc.start()
    funcao()
    _, pico = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return pico / 2**20


def medir(total: int = 20000, rodadas: int = RODADAS) -> dict:
    """Tempos de CPU por rodada (intercaladas), razões por rodada contra a base justa e o pico de memória.

    Tempo de CPU do processo (process_time), não de parede: a máquina é compartilhada; a faixa mostra o ruído.
    """
    cab, itens = montar(total)
    estimativa = calcular_estimativa(itens, meses=30)

    def exportador():
        return gerar_anexo_a(cabecalho=cab, estimativa=estimativa, mapa=PERFIS)

    abas, formatos = celulas(exportador())
    variantes = {
        "exportador": exportador,
        "write_only_formatos": lambda: openpyxl_puro_formatos(abas, formatos),
        "write_only_sem_estilo": lambda: openpyxl_puro(abas, write_only=True),
    }
    if xlsxwriter_formatos({"x": [(1,)]}, {"x": [("General",)]}) is not None:
        variantes["xlsxwriter_formatos"] = lambda: xlsxwriter_formatos(abas, formatos)
    cpu: dict[str, list[float]] = {nome: [] for nome in variantes}
    for rodada in range(rodadas):
        ordem = list(variantes.items())
        if rodada % 2:  # a ordem alterna: quem roda primeiro não leva sempre a mesma vantagem (heap, caches)
            ordem.reverse()
        for nome, funcao in ordem:
            cpu[nome].append(_cpu(funcao))
    razoes = [a / b for a, b in zip(cpu["exportador"], cpu["write_only_formatos"], strict=True)]
    return {
        "linhas": total,
        "celulas": sum(1 for linhas in abas.values() for linha in linhas for v in linha if v is not None),
        "cpu": cpu,
        "razoes": razoes,
        "pico_mib": _pico_mib(exportador),
        "pico_mib_1000": _pico_mib(
            lambda: gerar_anexo_a(
                cabecalho=cab, estimativa=calcular_estimativa(montar(1000)[1], meses=30), mapa=PERFIS
            )
        ),
    }


def _faixa(valores) -> str:
    return f"{statistics.median(valores):.2f} ({min(valores):.2f}–{max(valores):.2f})"


def main() -> None:
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    m = medir(total)
    print(f"Anexo A: {total} linhas de perfil, {m['celulas']} células; {RODADAS} rodadas intercaladas")
    print("tempo de CPU, mediana (mín–máx):")
    for nome, tempos in m["cpu"].items():
        print(f"  {nome:24} {_faixa(tempos)} s")
    if "xlsxwriter_formatos" not in m["cpu"]:
        print("  XlsxWriter não instalado: sem a referência de fora")
    razao = statistics.median(m["razoes"])
    ok = "ok" if razao <= META_RAZAO else "não atingida"
    print(
        f"razão exportador / openpyxl write-only com os mesmos formatos: {_faixa(m['razoes'])} "
        f"[<= {META_RAZAO}: {ok}]"
    )
    ok = "ok" if m["pico_mib"] <= META_MEMORIA_MIB else "não atingida"
    print(
        f"pico de memória do exportador (tracemalloc): {m['pico_mib']:.1f} MiB "
        f"[<= {META_MEMORIA_MIB:.0f}: {ok}]"
    )
    print(f"pico de memória do exportador com 1.000 linhas: {m['pico_mib_1000']:.1f} MiB (memória constante)")


if __name__ == "__main__":
    main()
