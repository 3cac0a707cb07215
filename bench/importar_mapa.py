"""Benchmark da importação do mapa salarial: 5.000 linhas, prévia + confirmação (imprime números).

Uso: DJANGO_SETTINGS_MODULE=config.settings .venv/bin/python bench/importar_mapa.py [linhas]

Meta (issue 3): prévia + confirmação em 10 s ou menos nesta máquina. Usa um SQLite temporário e o mesmo
caminho do admin e da carga de referências (contratos.services.mapa_importar → ValorPerfilResource).
"""

import csv
import io
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

_banco = Path(tempfile.gettempdir()) / f"bench-importar-mapa-{os.getpid()}.sqlite3"  # único por execução
_banco.unlink(missing_ok=True)
os.environ["DATABASE_URL"] = f"sqlite:///{_banco}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

META_S = 10.0
SENIORIDADES = ["Júnior", "Pleno", "Sênior", ""]


def gerar_csv(linhas: int) -> bytes:
    """Planilha como a de um administrador: números no formato brasileiro ("12.345,67"; "2,14")."""
    saida = io.StringIO()
    escritor = csv.writer(saida, lineterminator="\n")
    escritor.writerow(["codigo", "perfil", "senioridade", "remuneracao", "fator_k"])
    for i in range(linhas):
        reais = 1800 + (i * 37) % 20000
        remuneracao = f"{reais:,}".replace(",", ".") + f",{(i * 13) % 100:02d}"
        fator_k = f"{190 + i % 100}"
        escritor.writerow(
            [
                f"P{i:05d}-01",
                f"Perfil de referência {i}",
                SENIORIDADES[i % 4],
                remuneracao,
                f"{fator_k[0]},{fator_k[1:]}",
            ]
        )
    return saida.getvalue().encode("utf-8")


def main():
    linhas = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    call_command("migrate", verbosity=0)

    from contratos.models import MapaSalarial
    from contratos.services import mapa_importar

    conteudo = gerar_csv(linhas)
    mapa = MapaSalarial.objects.create(nome_ato="Bench", situacao="rascunho")

    inicio = time.perf_counter()
    cpu_inicio = time.process_time()
    previa = mapa_importar(mapa=mapa, nome_arquivo="bench.csv", conteudo=conteudo, confirmar=False)
    meio = time.perf_counter()
    final = mapa_importar(mapa=mapa, nome_arquivo="bench.csv", conteudo=conteudo, confirmar=True)
    fim = time.perf_counter()
    cpu = time.process_time() - cpu_inicio

    assert previa.ok and final.ok, (previa.erros[:3], final.erros[:3])
    assert final.novos == linhas == mapa.valores.count()
    total = fim - inicio
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
    print(f"Importação do mapa salarial: {linhas} linhas ({len(conteudo) / 1024:.0f} KiB em CSV)")
    print(f"  prévia (dry run):  {meio - inicio:6.2f} s")
    print(f"  confirmação:       {fim - meio:6.2f} s")
    situacao = "ok" if total <= META_S else "ACIMA DA META"
    print(f"  total:             {total:6.2f} s  (meta <= {META_S:.0f} s: {situacao})")
    # Com outros processos disputando os núcleos, o tempo de relógio oscila; o de CPU, bem menos.
    print(f"  tempo de CPU do processo: {cpu:6.2f} s; carga média da máquina: {os.getloadavg()[0]:.1f}")
    print(f"  pico de memória (RSS máximo do processo): {rss:.0f} MiB")
    _banco.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
