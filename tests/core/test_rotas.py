"""O {% url %} com memória (core/templatetags/rotas.py) dá o mesmo que o do Django, em todas as formas."""

import pytest
from django.template import Context, Engine, Template
from django.test import override_settings
from django.urls import NoReverseMatch, reverse, set_script_prefix

from core.rotas import endereco

DJANGO = Engine(builtins=[])  # só os builtins do Django: o {% url %} original


def _as_duas(fonte, **contexto):
    nosso = Template(fonte).render(Context(contexto))  # engine do projeto (com core.templatetags.rotas)
    return nosso, DJANGO.from_string(fonte).render(Context(contexto))


@pytest.mark.parametrize(
    "fonte",
    [
        "{% url 'painel' %}",
        "{% url 'contratos:contratacao_detalhe' 7 %}",
        "{% url 'contratos:contratacao_detalhe' pk %}",
        "{% url 'contratos:contratacao_detalhe' pk=pk %}",
        "{% url nome pk %}",
        "{% url 'contratos:contratacao_detalhe' objeto.pk as destino %}[{{ destino }}]",
        "{% url 'nao-existe' as destino %}[{{ destino }}]",
    ],
)
def test_mesmo_endereco_que_o_do_django(fonte):
    class Objeto:
        pk = 7

    contexto = {"pk": 7, "nome": "contratos:contratacao_detalhe", "objeto": Objeto()}
    nosso, do_django = _as_duas(fonte, **contexto)
    assert nosso == do_django
    assert nosso == _as_duas(fonte, **contexto)[0]  # a segunda vez, da memória


def test_o_url_dos_templates_do_projeto_e_o_com_memoria():
    from core.templatetags.rotas import URLNodeComMemoria

    assert isinstance(Template("{% url 'painel' %}").nodelist[0], URLNodeComMemoria)


def test_endereco_inexistente_falha_como_no_django():
    with pytest.raises(NoReverseMatch):
        Template("{% url 'nao-existe' %}").render(Context())
    with pytest.raises(NoReverseMatch):
        endereco("contratos:contratacao_detalhe", args=["x/y"])


def test_objeto_como_argumento_nao_vai_para_a_memoria():
    """Um objeto pode virar texto diferente com o mesmo valor de hash: vai direto ao reverse."""

    class Mutavel:
        texto = "1"

        def __str__(self):
            return self.texto

    m = Mutavel()
    assert endereco("contratos:contratacao_detalhe", args=[m]) == "/contratos/contratacoes/1/"
    m.texto = "2"
    assert endereco("contratos:contratacao_detalhe", args=[m]) == "/contratos/contratacoes/2/"


def test_prefixo_do_script_e_urlconf_entram_na_chave():
    assert endereco("painel") == reverse("painel") == "/"
    set_script_prefix("/planejatic/")
    try:
        assert endereco("painel") == reverse("painel") == "/planejatic/"
    finally:
        set_script_prefix("/")
    assert endereco("painel") == "/"
    with override_settings(ROOT_URLCONF="tests.urls_erro"):
        assert endereco("contratos:contratacao_detalhe", args=[3]) == "/contratos/contratacoes/3/"
        assert Template("{% url 'painel' %}").render(Context()) == "/"
