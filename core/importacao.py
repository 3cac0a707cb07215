"""Importação de planilhas no admin (django-import-export): o formulário que passa o arquivo pelas guardas,
a confirmação presa à prévia, a validação e a comparação rápidas da prévia e os erros com linha e coluna."""

import contextlib
import copy
import hashlib

from diff_match_patch import diff_match_patch
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.encoding import force_str
from django.utils.safestring import mark_safe
from import_export import fields, widgets
from import_export.forms import ImportForm
from import_export.instance_loaders import BaseInstanceLoader, CachedInstanceLoader

from core.colunas import DiffLegivel
from core.formatos import lembrar_tabela, tabelas_da_requisicao
from core.planilhas import AJUDA_LIMITES, ErroPlanilha, ler_tabela, verificar_tamanho

# A tabela da prévia (templates/admin/_previa_importacao.html) mostra estas linhas; só elas montam comparação.
LINHAS_NA_PREVIA = 500


class ImportacaoSeguraForm(ImportForm):
    """Primeiro passo da importação no admin: o formato vem da extensão e o arquivo passa pelas guardas já
    no formulário, com a mensagem ao lado do campo (nada é lido pelo django-import-export antes disso)."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.formatos = formats
        self.fields["import_file"].label = "Planilha (.csv ou .xlsx)"
        self.fields["import_file"].help_text = AJUDA_LIMITES
        self.fields["format"].required = False
        self.fields["format"].widget = forms.HiddenInput()

    def clean(self):
        dados = super().clean()
        arquivo = dados.get("import_file")
        if arquivo is None:
            return dados
        try:
            verificar_tamanho(arquivo.size)  # antes de ler o arquivo para a memória
            conteudo = arquivo.read()
            arquivo.seek(0)
            tabela = ler_tabela(arquivo.name, conteudo, getattr(arquivo, "content_type", "") or "")
            lembrar_tabela(conteudo, tabela)
        except ErroPlanilha as erro:
            self.add_error("import_file", erro.mensagens())
            return dados
        extensao = arquivo.name.rsplit(".", 1)[-1].lower()
        for indice, formato in enumerate(self.formatos):
            if formato().get_extension() == extensao:
                dados["format"] = str(indice)
        return dados


class ImportacaoConfirmadaMixin:
    """Para os ModelAdmin com ImportMixin: a confirmação só importa o arquivo que ESTE usuário viu na prévia.

    O django-import-export guarda a planilha da prévia numa pasta temporária e confia no nome que volta no
    campo oculto `import_file_name` da confirmação: qualquer arquivo da pasta seria lido, importado sem
    prévia e apagado. Aqui o nome, o hash do conteúdo e os demais campos da confirmação (formato, recurso,
    versão de destino) ficam na sessão na hora da prévia; a confirmação que não bate é recusada com 400,
    sem ler, gravar nem apagar nada. A cópia temporária some na recusa da prévia, na confirmação e quando
    uma nova prévia substitui a anterior.
    """

    def _chave_pendente(self) -> str:
        return f"importacao_pendente:{self.opts.label_lower}"

    def _armazenamento(self, nome: str):
        return self.get_tmp_storage_class()(name=nome, read_mode="rb", **self.get_tmp_storage_class_kwargs())

    def _remover_temporario(self, nome: str | None) -> None:
        if not nome:
            return
        with contextlib.suppress(OSError):  # já não existe
            self._armazenamento(nome).remove()

    def _descartar_pendente(self, request) -> None:
        pendente = request.session.pop(self._chave_pendente(), None)
        if pendente:
            self._remover_temporario(pendente["nome"])

    def write_to_tmp_storage(self, import_file, input_format):
        # Uma cópia só (a biblioteca concatena os pedaços um a um) e o hash que prende a confirmação a ela.
        dados = b"".join(import_file.chunks())
        armazenamento = self.get_tmp_storage_class()(
            read_mode=input_format.get_read_mode(), **self.get_tmp_storage_class_kwargs()
        )
        armazenamento.save(dados)
        import_file.hash_conteudo = hashlib.sha256(dados).hexdigest()
        return armazenamento

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, ErroPlanilha):
            form.add_error("import_file", e.mensagens())
        else:
            form.add_error(
                "import_file", "Não foi possível ler o arquivo: confira se é um .csv ou .xlsx válido."
            )

    def import_action(self, request, **kwargs):
        if request.method == "POST":
            self._descartar_pendente(request)  # uma prévia nova substitui a anterior (e o arquivo dela)
        arquivo = request.FILES.get("import_file")
        try:
            with tabelas_da_requisicao():
                resposta = super().import_action(request, **kwargs)
        except Exception:
            self._remover_temporario(getattr(arquivo, "tmp_storage_name", None))
            raise
        nome = getattr(arquivo, "tmp_storage_name", None)
        if nome is None:
            return resposta
        confirmacao = (getattr(resposta, "context_data", None) or {}).get("confirm_form")
        if confirmacao is None:  # prévia recusada: a cópia não serve para nada
            self._remover_temporario(nome)
            return resposta
        request.session[self._chave_pendente()] = {
            "nome": nome,
            "hash": arquivo.hash_conteudo,
            "campos": {campo: _texto_do_campo(valor) for campo, valor in confirmacao.initial.items()},
        }
        return resposta

    def process_import(self, request, **kwargs):
        if not self.has_import_permission(request):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        pendente = request.session.get(self._chave_pendente())
        if pendente is None:
            return self._recusar_confirmacao(
                request,
                "Não há prévia a confirmar (ela já foi confirmada, expirou ou foi substituída por outra). "
                "Envie a planilha de novo.",
            )
        if any(request.POST.get(campo, "") != valor for campo, valor in pendente["campos"].items()):
            return self._recusar_confirmacao(
                request,
                "A confirmação não corresponde à prévia que você viu (arquivo, formato ou versão de destino "
                "diferentes). Nada foi importado; envie a planilha de novo.",
            )
        del request.session[self._chave_pendente()]
        try:
            conteudo = self._armazenamento(pendente["nome"]).read()
        except OSError:
            return self._recusar_confirmacao(
                request, "O arquivo da prévia não está mais disponível. Envie a planilha de novo."
            )
        try:
            if hashlib.sha256(conteudo).hexdigest() != pendente["hash"]:
                return self._recusar_confirmacao(
                    request, "O arquivo da prévia mudou depois dela. Nada foi importado; envie-a de novo."
                )
            return super().process_import(request, **kwargs)
        finally:
            self._remover_temporario(pendente["nome"])  # a biblioteca só apaga quando tudo dá certo

    # "Importação concluída: " e isto, com os totais do resultado (new, update, skip...)
    totais_da_importacao = "{new} novos, {update} alterados, {skip} inalterados."

    def process_result(self, result, request):
        rota = f"admin:{self.opts.app_label}_{self.opts.model_name}"
        erros = erros_da_importacao(result)
        if erros:  # algo mudou entre a prévia e a confirmação: nada foi gravado
            messages.error(request, "Nada foi gravado:")
            for mensagem in erros:
                messages.error(request, mensagem)
            return redirect(f"{rota}_import")
        concluida = "Importação concluída: " + self.totais_da_importacao.format(**result.totals)
        messages.success(request, concluida)
        self.generate_log_entries(result, request)
        return redirect(f"{rota}_changelist")

    def _recusar_confirmacao(self, request, mensagem: str):
        contexto = {
            **self.admin_site.each_context(request),
            "title": "Importação recusada",
            "opts": self.opts,
            "mensagem": mensagem,
        }
        return TemplateResponse(request, "admin/importacao_recusada.html", contexto, status=400)


def _texto_do_campo(valor) -> str:
    """O valor inicial como o navegador o devolve no campo oculto."""
    if valor is None:
        return ""
    return str(getattr(valor, "pk", valor))


class ValidacaoSemConsultasMixin:
    """Para Resources do django-import-export: valida cada linha sem as consultas das restrições do banco.

    As regras das restrições estão também nos validadores dos campos e em clean(); o banco continua de
    guarda. Pular validate_constraints evita 4 a 5 consultas por linha; o código repetido na planilha é
    verificado pelo próprio Resource. `campo_destino` é a FK da versão, que a linha não traz.
    """

    campo_destino: str

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        erros = dict(import_validation_errors or {})
        try:
            instance.full_clean(
                exclude={self.campo_destino, *erros}, validate_unique=False, validate_constraints=False
            )
        except ValidationError as exc:
            erros = exc.update_error_dict(erros)
        if erros:
            raise ValidationError(erros)


def coluna(nome: str, widget: widgets.Widget) -> fields.Field:
    """A coluna da planilha com o nome do atributo do modelo, lida e escrita por `widget`."""
    return fields.Field(attribute=nome, column_name=nome, widget=widget)


def linha_da_planilha(numero_da_linha_de_dados: int | None) -> int | None:
    """A linha 1 da planilha é o cabeçalho: a linha de dados N está na linha N + 1."""
    return None if numero_da_linha_de_dados is None else numero_da_linha_de_dados + 1


def erros_da_importacao(resultado) -> list[str]:
    """Mensagens em português de um resultado do django-import-export: “Linha N, coluna “x”: ...”."""
    mensagens = [str(erro.error) for erro in resultado.base_errors]
    if mensagens:  # erro no arquivo inteiro (colunas faltando): os erros de linha seriam só consequência
        return mensagens
    for numero, erros in resultado.row_errors():
        for erro in erros:
            mensagens.append(f"Linha {linha_da_planilha(numero)}: não foi possível gravar ({erro.error}).")
    for invalida in resultado.invalid_rows:
        linha = linha_da_planilha(invalida.number)
        for campo, lista in invalida.field_specific_errors.items():
            for mensagem in lista:
                mensagens.append(f"Linha {linha}, coluna “{campo}”: {mensagem}")
        for mensagem in invalida.non_field_specific_errors:
            mensagens.append(f"Linha {linha}: {mensagem}")
    return mensagens


class CarregadorDaVersao(CachedInstanceLoader):
    """Carrega de uma vez as linhas já gravadas da versão de destino (o `get_queryset` do Resource), pelo
    campo identificador. O CachedInstanceLoader da biblioteca monta o Dataset em dicionários três vezes e
    consulta com `codigo IN (20 mil códigos)`; aqui é uma consulta simples, do tamanho da versão."""

    def __init__(self, resource, dataset=None):
        BaseInstanceLoader.__init__(self, resource, dataset)
        self.pk_field = resource.fields[resource.get_import_id_fields()[0]]
        self.all_instances = {}
        destino = getattr(resource, resource.campo_destino, None)
        if destino is not None and self.pk_field.column_name in (dataset.headers or []):
            self.all_instances = {self.pk_field.get_value(obj): obj for obj in self.get_queryset()}


class ImportacaoRapidaMixin:
    """Para Resources do django-import-export: o mesmo trabalho de validação por linha, sem o que ninguém vê.

    A biblioteca faz, em cada linha, uma cópia profunda (deepcopy) da instância, guardada para a comparação
    “antes → depois” da prévia e para `skip_unchanged`: com 20 mil linhas, é o maior custo da importação
    (no catálogo, a cópia leva junto a versão inteira). Aqui não há cópia: os valores de antes são lidos da
    própria instância no mesmo ponto em que a biblioteca a copiaria (logo depois de carregá-la ou criá-la),
    e a comparação só é montada nas `linhas_com_comparacao` primeiras linhas da prévia (as que a tabela
    mostra; None: todas). `skip_unchanged` compara campo a campo como a biblioteca, contra esses valores
    (imutáveis: texto, Decimal, data). Campos muitos-para-muitos, que comparam com o banco, voltam ao
    caminho da biblioteca. A lista de campos é calculada uma vez por importação.
    """

    linhas_com_comparacao: int | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._meta = copy.copy(type(self)._meta)  # skip_diff muda por linha: só nesta instância
        self._sem_comparacao = bool(self._meta.skip_diff)  # o que o Resource declarou
        self._sem_m2m = True
        self._previa = True
        self._campos_importados = None
        self._comparar = False
        self._valores_antes = None
        self._diff = None
        self._instancia = None

    def get_import_fields(self):
        if self._campos_importados is None:
            self._campos_importados = super().get_import_fields()
        return self._campos_importados

    def import_data(self, dataset, dry_run=False, *args, **kwargs):
        self._previa = dry_run
        self._campos_importados = None
        self._sem_m2m = not any(
            isinstance(c.widget, widgets.ManyToManyWidget) for c in self.get_import_fields()
        )
        return super().import_data(dataset, dry_run, *args, **kwargs)

    def import_row(self, row, instance_loader, **kwargs):
        limite = self.linhas_com_comparacao
        numero = kwargs.get("row_number") or 0
        self._comparar = not self._sem_comparacao and self._previa and (limite is None or numero <= limite)
        # sem cópia na biblioteca; a comparação, quando houver, é montada aqui (after_init_instance)
        self._meta.skip_diff = self._sem_m2m or not self._comparar
        self._valores_antes = self._diff = self._instancia = None
        return super().import_row(row, instance_loader, **kwargs)

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        if not (self._sem_m2m and self._meta.skip_diff):
            return  # caminho da biblioteca, com a cópia
        if self._meta.skip_unchanged:
            self._valores_antes = [campo.get_value(instance) for campo in self.get_import_fields()]
        if self._comparar:
            self._diff = self.get_diff_class()(self, instance, new)  # lê os valores de antes, agora
            self._instancia = instance

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if original is not None or self._valores_antes is None:
            return super().skip_row(instance, original, row, import_validation_errors)
        # o mesmo teste da biblioteca (campo a campo), contra os valores lidos antes em vez da cópia
        if import_validation_errors:
            return False
        campos = self.get_import_fields()
        return all(c.get_value(instance) == v for c, v in zip(campos, self._valores_antes, strict=True))

    def after_import_row(self, row, row_result, **kwargs):
        # a biblioteca compara depois de gravar (ou pular) a linha válida e só então chama este método
        if self._diff is not None:
            self._diff.compare_with(self, self._instancia)
            if not self._meta.skip_html_diff:
                row_result.diff = self._diff.as_html()
        super().after_import_row(row, row_result, **kwargs)


class DiffDireto(DiffLegivel):
    """O mesmo HTML da comparação da biblioteca (diff_match_patch por célula), sem o diff por caractere
    quando o resultado é sabido: célula igual (um trecho igual) e célula vazia antes (um trecho inserido,
    o caso de toda linha nova). Só a célula que de fato mudou passa pelo diff_match_patch."""

    def as_html(self):
        celulas = []
        for v1, v2 in zip(self.left, self.right, strict=False):
            if v1 != v2 and self.new:  # como a biblioteca
                v1 = ""
            antes, depois = force_str(v1), force_str(v2)
            if antes == depois:
                html = f"<span>{_escapar_como_dmp(depois)}</span>" if depois else ""
            elif not antes:
                html = f'<ins style="background:#e6ffe6;">{_escapar_como_dmp(depois)}</ins>'
            else:
                dmp = diff_match_patch()
                trechos = dmp.diff_main(antes, depois)
                dmp.diff_cleanupSemantic(trechos)
                html = dmp.diff_prettyHtml(trechos)
            celulas.append(mark_safe(html))  # noqa: S308 (escapado como o diff_prettyHtml escapa)
        return celulas


def _escapar_como_dmp(texto: str) -> str:
    return texto.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "&para;<br>")
