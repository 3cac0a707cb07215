# ruff: noqa: S603, S607 (subprocessos com argumentos fixos: valgrind, python, psql)
"""Instruções de CPU por requisição, contadas pelo valgrind (não é teste; não entra no `make bench`).

Uso: .venv/bin/python bench/instrucoes.py [sqlite|postgres]   (precisa do valgrind; postgres é o padrão
quando há PostgreSQL local, como no bench/tabela.py)

Por que existe: a máquina do projeto é uma VM de 2 núcleos com vizinhos; entre um minuto e outro, o mesmo
código mede ±10% em req/s e até ±25% em tempo de CPU. Para decidir se uma mudança ajuda, uma figura que não
depende da máquina: quantas instruções o processo Python executa por requisição (cachegrind, sem simular
cache). A figura não inclui o trabalho do servidor do banco (processo à parte) nem o do kernel.

Mede o detalhe da contratação de 100 linhas (superusuário, como a carga do bench/tabela.py) e a página de
entrada, pelo WSGI do Django com DJANGO_DEBUG=0, como no gunicorn: (instruções com 40 requisições − com 0)
÷ 40, depois de 5 requisições de aquecimento nas duas execuções.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RAIZ))

REQUISICOES = 40
AQUECIMENTO = 5


def _filho(caminho: str, cookie: str, n: int) -> None:
    """Dentro do valgrind: requisições pelo WSGI, sem servidor nem rede."""
    from io import BytesIO

    from config.wsgi import application

    def pedir():
        ambiente = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": caminho,
            "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "HTTP_HOST": "127.0.0.1",
            "HTTP_ACCEPT_ENCODING": "gzip",
            "wsgi.url_scheme": "http",
            "wsgi.input": BytesIO(),
            "wsgi.errors": sys.stderr,
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
        }
        if cookie != "-":
            ambiente["HTTP_COOKIE"] = f"sessionid={cookie}"
        status = []
        b"".join(application(ambiente, lambda s, h, *a: status.append(s)))
        assert status[0].startswith("200"), status

    for _ in range(AQUECIMENTO + n):
        pedir()


def _instrucoes(ambiente: dict, caminho: str, cookie: str, n: int) -> int:
    comando = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]
    comando += [sys.executable, __file__, "--filho", caminho, cookie, str(n)]
    saida = subprocess.run(comando, cwd=RAIZ, env=ambiente, capture_output=True, text=True, check=True).stderr
    return int(re.search(r"I\s+refs:\s+([\d,]+)", saida).group(1).replace(",", ""))


def main(banco_pedido: str | None) -> None:
    from bench import tabela

    if not shutil.which("valgrind"):
        print("valgrind não encontrado (apt-get install valgrind): não medido")
        return
    pasta = Path(tempfile.mkdtemp(prefix="bench-instrucoes-"))
    banco = None if banco_pedido == "sqlite" else tabela._postgres(pasta)
    os.environ["DATABASE_URL"] = banco or f"sqlite:///{pasta / 'banco.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    import django

    django.setup()
    from django.urls import reverse

    usuario, _equipe, contratacoes = tabela.preparar()
    chave_sessao = tabela.sessao_autenticada(usuario)
    ambiente = tabela.ambiente_de_producao(os.environ["DATABASE_URL"])
    paginas = {
        "detalhe da contratação, 100 linhas": (contratacoes[100].get_absolute_url(), chave_sessao),
        "entrada (/entrar/)": (reverse("login"), "-"),
    }
    print(f"Banco: {'PostgreSQL' if banco else 'SQLite'}; {REQUISICOES} requisições depois de {AQUECIMENTO}")
    por_requisicao = {}
    for nome, (caminho, cookie) in paginas.items():
        base = _instrucoes(ambiente, caminho, cookie, 0)
        total = _instrucoes(ambiente, caminho, cookie, REQUISICOES)
        por_requisicao[nome] = (total - base) / REQUISICOES
        print(f"{nome}: {por_requisicao[nome] / 1e6:.1f} milhões de instruções por requisição")
    detalhe, entrada = por_requisicao.values()
    print(f"razão entrada / detalhe (a mesma direção da razão de req/s do bench): {entrada / detalhe:.3f}")
    if banco:
        from django.db import connections

        connections.close_all()
        apagar = f"DROP DATABASE {banco.rsplit('/', 1)[1]}"
        subprocess.run(["psql", f"{tabela.PG_ADMIN}/postgres", "-qc", apagar], check=False)
    shutil.rmtree(pasta, ignore_errors=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--filho"]:
        import django

        django.setup()
        _filho(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        main(sys.argv[1] if len(sys.argv) > 1 else None)
