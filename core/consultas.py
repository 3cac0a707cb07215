"""Consulta do ORM compilada uma vez por processo: a cada uso só o parâmetro muda.

O Django monta e compila o SQL de um queryset a cada execução. Na leitura da contratação (itens, OS e linhas
de perfil numa consulta com junções externas), isso custava ~1 ms por página, mais que a ida ao banco; sob
carga no PostgreSQL, a vazão do detalhe subiu ~8% sem esse custo (docs/desempenho.md).

O SQL continua escrito pelo ORM (nomes de tabela e coluna, junções, citação do banco em uso) e os valores
passam pelos mesmos conversores do Django (no SQLite, o DecimalField volta como Decimal exato): nada do
esquema é repetido aqui. Só para `values_list` com um único valor variável, o do `montar(valor)`.
"""

from collections.abc import Callable

from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import ValuesListIterable

# Valor-marcador com que o queryset é compilado; o lugar dele nos parâmetros recebe o valor de cada uso.
_MARCADOR = -918_273_645_501


class ConsultaCompilada:
    """`ConsultaCompilada(lambda pk: Modelo.objects.filter(...=pk).values_list(...))(pk)` → lista de tuplas,
    as mesmas de `list(montar(pk))`, numa consulta."""

    def __init__(self, montar: Callable[[int], QuerySet]):
        self._montar = montar
        self._compiladas: dict[str, tuple] = {}

    def _compilar(self, banco: str) -> tuple:
        queryset = self._montar(_MARCADOR)
        if queryset._iterable_class is not ValuesListIterable:  # model, flat ou named: outro formato de fila
            raise TypeError("ConsultaCompilada só aceita values_list() sem flat nem named.")
        compilador = queryset.query.get_compiler(banco)
        sql, parametros = compilador.as_sql()
        parametros = list(parametros)
        if parametros.count(_MARCADOR) != 1:
            raise ValueError("O valor de montar(valor) deve aparecer uma vez só nos parâmetros da consulta.")
        expressoes = [coluna for coluna, _sql, _apelido in compilador.select[: compilador.col_count]]
        conversores = list(compilador.get_converters(expressoes).items())
        compilada = (sql, parametros, parametros.index(_MARCADOR), conversores)
        self._compiladas[banco] = compilada
        return compilada

    def __call__(self, valor: int, *, banco: str = "default") -> list[tuple]:
        sql, parametros, posicao, conversores = self._compiladas.get(banco) or self._compilar(banco)
        parametros = parametros.copy()
        parametros[posicao] = valor
        conexao = connections[banco]
        with conexao.cursor() as cursor:
            cursor.execute(sql, parametros)
            filas = cursor.fetchall()
        if not conversores:
            return filas
        convertidas = []
        for fila in filas:  # como SQLCompiler.apply_converters, com a conexão desta thread
            fila = list(fila)
            for posicao_coluna, (funcoes, expressao) in conversores:
                valor_coluna = fila[posicao_coluna]
                for funcao in funcoes:
                    valor_coluna = funcao(valor_coluna, expressao, conexao)
                fila[posicao_coluna] = valor_coluna
            convertidas.append(tuple(fila))
        return convertidas
