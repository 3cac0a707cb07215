"""Benchmark do limite de linhas da importação (issue 18, item 5): prévia pelo admin, tempo e memória.

Uso: .venv/bin/python bench/importacao_limite.py

Os casos “catál.” enviam a planilha de serviços profissionais (mesmo limite) ao admin do catálogo.

Cada caso roda num processo novo (a memória de um não contamina o outro): monta o banco SQLite temporário,
entra como superusuário e envia a planilha à view de importação do admin do mapa salarial
(admin:contratos_valorperfil_import) com o Client de teste do Django, com DEBUG desligado como em produção.
Mede o tempo de relógio da prévia e o crescimento da memória do processo: pico de RSS (VmHWM, zerado antes
do envio via /proc/self/clear_refs) menos o RSS antes do envio.

Metas: a maior planilha aceita (20.000 linhas) com prévia em até 5 s e até 150 MiB a mais; a recusada por
excesso de linhas, recusada depressa (o arquivo de 380 mil linhas do relato levava o worker ao timeout).
"""

import csv
import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RAIZ))

META_TEMPO_S = 5.0
META_MEMORIA_MIB = 150
LIMITE = 20_000
CASOS = [
    ("csv", LIMITE, "aceito"),
    ("xlsx", LIMITE, "aceito"),
    ("catalogo.csv", LIMITE, "aceito"),  # serviços profissionais, pelo admin do catálogo
    ("catalogo.xlsx", LIMITE, "aceito"),
    ("csv", LIMITE + 1, "recusado"),
    ("xlsx", LIMITE + 1, "recusado"),
    ("csv", 170_000, "recusado"),  # como o CSV de 8,9 MB do relato (abaixo de 10 MiB)
    ("xlsx", 300_000, "recusado"),  # como o XLSX do relato: passa das guardas de tamanho e de compressão
]
SENIORIDADES = ["Júnior", "Pleno", "Sênior", ""]


def _linha(i: int) -> list:
    reais = 1800 + (i * 37) % 20000
    return [
        f"P{i:06d}-01",
        f"Perfil ref. {i}",
        SENIORIDADES[i % 4],
        f"{reais:,}".replace(",", ".") + f",{(i * 13) % 100:02d}",
        f"{2 + (i % 100) / 100:.2f}".replace(".", ","),
    ]


def _linha_catalogo(i: int) -> list:
    reais = 90 + (i * 37) % 900
    unidade = ["Hora", "UST", "Mês"][i % 3]
    return [f"SP-{i:06d}", f"Serviço profissional {i}", unidade, f"{reais},{i % 100:02d}"]


def gerar(formato: str, linhas: int) -> bytes:
    cabecalho = ["codigo", "perfil", "senioridade", "remuneracao", "fator_k"]
    linha = _linha
    if formato.startswith("catalogo."):
        formato = formato.split(".")[1]
        cabecalho = ["codigo", "nome", "unidade", "preco"]
        linha = _linha_catalogo
    if formato == "csv":
        saida = io.StringIO()
        escritor = csv.writer(saida, lineterminator="\n")
        escritor.writerow(cabecalho)
        for i in range(linhas):
            escritor.writerow(linha(i))
        return saida.getvalue().encode("utf-8")
    from openpyxl import Workbook

    livro = Workbook(write_only=True)
    aba = livro.create_sheet("Mapa")
    aba.append(cabecalho)
    for i in range(linhas):
        aba.append(linha(i))
    saida = io.BytesIO()
    livro.save(saida)
    return saida.getvalue()


def _status_mib(campo: str) -> float:
    for linha in Path("/proc/self/status").read_text().splitlines():
        if linha.startswith(campo + ":"):
            return int(linha.split()[1]) / 1024
    raise RuntimeError(campo)


def medir(caminho: str) -> None:
    """Processo filho: um envio à prévia do admin; imprime uma linha com os números."""
    banco = Path(tempfile.mkdtemp(prefix="bench-limite-")) / "db.sqlite3"
    os.environ.update(
        DATABASE_URL=f"sqlite:///{banco}",
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_DEBUG="0",  # com DEBUG o Django guarda cada consulta na memória
        DJANGO_SECRET_KEY="bench-" + "x" * 50,
        DJANGO_ALLOWED_HOSTS="testserver",
    )
    import django

    django.setup()
    from django.conf import settings

    # sem collectstatic: o manifesto dos estáticos não existe aqui (e não muda o custo da prévia)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from django.test.utils import setup_test_environment

    setup_test_environment(debug=False)  # só para o Client guardar o contexto da resposta
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from catalogo.models import ServicoProfissional, VersaoCatalogo
    from contratos.models import MapaSalarial, ValorPerfil

    call_command("migrate", verbosity=0)
    usuario = get_user_model().objects.create_superuser("bench", "bench@exemplo.invalid", "x")
    cliente = Client()
    cliente.force_login(usuario)
    if ".catalogo." in Path(caminho).name:
        modelo = ServicoProfissional
        versao = VersaoCatalogo.objects.create(
            tipo=VersaoCatalogo.Tipo.PROFISSIONAIS, versao="bench", vigencia_inicio="2026-01-01"
        )
        url = reverse("admin:catalogo_servicoprofissional_import")
        campos = {"versao": versao.pk}
    else:
        modelo = ValorPerfil
        mapa = MapaSalarial.objects.create(nome_ato="Bench", situacao="rascunho")
        url = reverse("admin:contratos_valorperfil_import")
        campos = {"mapa": mapa.pk}
    cliente.get(url, secure=True)  # aquece (templates, importações preguiçosas)
    dados = Path(caminho).read_bytes()
    nome = Path(caminho).name

    Path("/proc/self/clear_refs").write_text("5")  # zera o pico (VmHWM) para medir só o envio
    antes = _status_mib("VmRSS")
    inicio = time.perf_counter()
    cpu = time.process_time()
    resposta = cliente.post(
        url,
        {"resource": "0", **campos, "import_file": SimpleUploadedFile(nome.replace(".catalogo", ""), dados)},
        secure=True,
    )
    tempo = time.perf_counter() - inicio
    cpu = time.process_time() - cpu
    pico = _status_mib("VmHWM")
    contexto = resposta.context or {}
    if "confirm_form" in contexto:
        t = contexto["result"].totals
        desfecho = f"prévia ok ({t['new']} novos)"
    else:
        erros = contexto["form"].errors.get("import_file") if "form" in contexto else None
        desfecho = "recusado: " + (erros[0][:70] if erros else f"HTTP {resposta.status_code}")
    gravadas = modelo.objects.count()
    print(f"{tempo:.2f}|{cpu:.2f}|{pico - antes:.0f}|{gravadas}|{desfecho}")


def main():
    print("Importação pelo admin (mapa salarial; catálogo de serviços profissionais), no limite e acima")
    limite = f"{LIMITE:,}".replace(",", ".")
    metas = f"prévia <= {META_TEMPO_S:.0f} s e <= {META_MEMORIA_MIB} MiB a mais"
    print(f"(limite {limite} linhas; metas: {metas})")
    print(f"{'arquivo':<24} {'tamanho':>8} {'relógio':>8} {'CPU':>7} {'+RSS':>7} {'gravadas':>8}  desfecho")
    pasta = Path(tempfile.mkdtemp(prefix="bench-limite-arquivos-"))
    for formato, linhas, esperado in CASOS:
        caminho = pasta / f"mapa-{linhas}.{formato}"
        caminho.write_bytes(gerar(formato, linhas))
        saida = subprocess.run(  # noqa: S603 (este mesmo script, com um arquivo que ele gerou)
            [sys.executable, __file__, "--medir", str(caminho)], capture_output=True, text=True, check=False
        )
        if saida.returncode != 0:
            print(saida.stdout, saida.stderr[-3000:])
            raise SystemExit(f"falhou: {caminho.name}")
        tempo, cpu, memoria, gravadas, desfecho = saida.stdout.strip().splitlines()[-1].split("|", 4)
        ok = (esperado == "aceito") == desfecho.startswith("prévia ok")
        if esperado == "aceito":
            ok = ok and float(tempo) <= META_TEMPO_S and float(memoria) <= META_MEMORIA_MIB
        mib = caminho.stat().st_size / 1024 / 1024
        rotulo = f"{formato.replace('catalogo.', 'catál. ').upper()} {linhas:,} linhas".replace(",", ".")
        print(
            f"{rotulo:<24} {mib:6.1f}MiB {float(tempo):7.2f}s {float(cpu):6.2f}s {memoria:>4}MiB "
            f"{gravadas:>8}  {desfecho}"
            f"{'' if ok else '  <-- FORA DA META'}"
        )
        caminho.unlink()
    print(f"carga média da máquina: {os.getloadavg()[0]:.1f} (2 núcleos)")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--medir":
        medir(sys.argv[2])
    else:
        main()
