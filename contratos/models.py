from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from simple_history.models import HistoricalRecords

from contratos import calculo
from contratos.campos import campo_senioridade, senioridade_valida
from contratos.estimativa import MENSAGEM_FATOR_K_MAXIMO, formatar_numero, validar_fator_k
from core.permissoes import ModeloRestrito
from core.restricoes import tamanho_maximo
from core.rotas import endereco
from core.versoes import VersaoDeReferencia, campo_origem

UASG_VALIDATOR = RegexValidator(r"^\d{6}$", "A UASG tem 6 dígitos.")


class Orgao(models.Model):
    """Órgão ou entidade do SISP; as contratações pertencem a um órgão e seus membros as veem."""

    sigla = models.CharField("sigla", max_length=30)
    nome = models.CharField("nome", max_length=200)
    uasg = models.CharField("UASG", max_length=6, blank=True, validators=[UASG_VALIDATOR])
    membros = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name="membros", related_name="orgaos", blank=True
    )

    class Meta:
        verbose_name = "órgão"
        verbose_name_plural = "órgãos"
        ordering = ["sigla"]
        constraints = [
            models.UniqueConstraint(fields=["sigla"], name="orgao_sigla_unica"),
        ]

    def __str__(self):
        return f"{self.sigla} – {self.nome}"


CODIGO_PERFIL_VALIDATOR = RegexValidator(
    r"^[A-Z][A-Z0-9]*(-[0-9]{1,3})?$",
    "Use letras maiúsculas e números, com sufixo opcional (ex.: ASUPCOMP-02).",
)


class SituacaoMapa(models.TextChoices):
    RASCUNHO = "rascunho", "Rascunho"
    # Guardado: publicada. Vigente/substituída/"a partir de" derivam das datas (core.vigencia).
    VIGENTE = "vigente", "Publicada"
    REVOGADO = "revogado", "Revogada"


class MapaSalarial(VersaoDeReferencia, models.Model):
    """Uma versão do Mapa de Pesquisa Salarial de Referência (Anexo II da Portaria SGD/MGI nº 1.070/2023)."""

    Situacao = SituacaoMapa

    nome_ato = models.CharField(
        "ato", max_length=200, help_text="Ex.: Portaria SGD/MGI nº 6.055/2025, que publicou esta versão."
    )
    numero = models.CharField("número do ato", max_length=30, blank=True, help_text="Ex.: 6.055/2025")
    anexo = models.CharField(
        "anexo", max_length=200, blank=True, help_text="Ex.: Anexo II da Portaria SGD/MGI nº 1.070/2023"
    )
    data_publicacao = models.DateField("publicação no DOU", null=True, blank=True)
    data_vigencia = models.DateField("início da vigência", null=True, blank=True)
    situacao = models.CharField("situação", max_length=10, choices=Situacao, default=Situacao.RASCUNHO)
    observacoes = models.TextField("observações", blank=True)
    origem = campo_origem("copias")
    history = HistoricalRecords()

    # Ciclo de vida comum (core.versoes): rascunho → publicada (→ revogada); uma série só.
    CAMPO_VIGENCIA = "data_vigencia"
    RASCUNHO = Situacao.RASCUNHO
    EDITAVEIS = (Situacao.RASCUNHO,)
    PUBLICADAS = (Situacao.VIGENTE,)
    TRANSICOES = {Situacao.RASCUNHO: (Situacao.VIGENTE,), Situacao.VIGENTE: (Situacao.REVOGADO,)}
    CAMPOS_COPIADOS = ("anexo",)
    LINHAS = {"valores": ()}

    class Meta:
        verbose_name = "versão do mapa salarial"
        verbose_name_plural = "versões do mapa salarial"
        ordering = ["-data_vigencia", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(situacao__in=SituacaoMapa.values),
                name="mapa_situacao_valida",
            ),
            # Só o rascunho pode estar sem data de vigência: publicar exige saber quando vale.
            models.CheckConstraint(
                condition=models.Q(situacao=SituacaoMapa.RASCUNHO) | models.Q(data_vigencia__isnull=False),
                name="mapa_publicado_tem_vigencia",
            ),
            # Uma só versão vigente por vez: duas publicadas nunca começam no mesmo dia.
            models.UniqueConstraint(
                fields=["data_vigencia"],
                condition=models.Q(situacao=SituacaoMapa.VIGENTE),
                name="mapa_publicado_inicio_unico",
                violation_error_message="Já existe uma versão publicada com esta data de início da vigência.",
            ),
        ]

    def __str__(self):
        if self.data_vigencia:
            return f"{self.nome_ato} (vigência {self.data_vigencia:%d/%m/%Y})"
        return f"{self.nome_ato} ({self.get_situacao_display().lower()})"

    def get_absolute_url(self):
        return f"{endereco('contratos:mapa')}?versao={self.pk}"

    def clean(self):
        if self.situacao != self.Situacao.RASCUNHO and not self.data_vigencia:
            raise ValidationError(
                {"data_vigencia": "Informe o início da vigência antes de publicar a versão."}
            )
        if self.data_publicacao and self.data_vigencia and self.data_vigencia < self.data_publicacao:
            raise ValidationError(
                {"data_vigencia": "A vigência não pode começar antes da publicação no DOU."}
            )

    def em_uso(self) -> bool:
        """Alguma contratação usa esta versão? (a FK das contratações tem related_name="contratacoes")."""
        return hasattr(self, "contratacoes") and self.contratacoes.exists()

    def motivo_em_uso(self) -> str:
        return "Esta versão é usada por contratações e não pode ser alterada." if self.em_uso() else ""

    def erro_ao_publicar(self) -> str:
        if self.valores.exists():
            return ""
        return "A versão não tem perfis: importe as linhas antes de publicar."


class ValorPerfil(models.Model):
    """Uma linha do mapa: perfil profissional, remuneração mensal e Fator-K de referência."""

    mapa = models.ForeignKey(
        MapaSalarial, verbose_name="versão", on_delete=models.CASCADE, related_name="valores"
    )
    codigo = models.CharField("código", max_length=20, validators=[CODIGO_PERFIL_VALIDATOR])
    perfil = models.CharField("perfil", max_length=200, help_text="Título sem a senioridade.")
    senioridade = campo_senioridade()
    remuneracao = models.DecimalField(
        "remuneração mensal (R$)",
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(calculo.CENTAVO, "A remuneração deve ser maior que zero.")],
    )
    fator_k = models.DecimalField(
        "Fator-K",
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(calculo.CENTAVO, "O Fator-K deve ser maior que zero.")],
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "valor de perfil"
        verbose_name_plural = "valores de perfil"
        ordering = ["mapa", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["mapa", "codigo"], name="valorperfil_codigo_unico_na_versao"),
            models.CheckConstraint(
                condition=models.Q(remuneracao__gt=0), name="valorperfil_remuneracao_positiva"
            ),
            models.CheckConstraint(
                condition=models.Q(fator_k__gt=0, fator_k__lte=calculo.FATOR_K_MAXIMO),
                name="valorperfil_fator_k_entre_0_e_3",
            ),
            senioridade_valida("valorperfil_senioridade_valida"),
        ]

    def __str__(self):
        return f"{self.codigo} – {self.titulo}"

    def clean(self):
        if self.fator_k is not None and self.fator_k > calculo.FATOR_K_MAXIMO:
            raise ValidationError({"fator_k": MENSAGEM_FATOR_K_MAXIMO})

    @property
    def titulo(self) -> str:
        return calculo.titulo_do_perfil(self.perfil, calculo.rotulo_senioridade(self.senioridade))

    @property
    def familia(self) -> str:
        return calculo.familia_do_codigo(self.codigo)

    @property
    def experiencia_minima_anos(self) -> int | None:
        return calculo.experiencia_minima_anos(self.senioridade)

    @property
    def custo_total(self):
        return calculo.custo_por_profissional(self.remuneracao, self.fator_k)


# --- Estimativa da contratação (DESIGN.md §4.4) ---

PROCESSO_VALIDATOR = RegexValidator(
    r"^[0-9][0-9./-]{4,}[0-9]$",
    "Informe o nº do processo SEI/NUP só com números, pontos, barras e hífen (ex.: 19974.002200/2024-01).",
)
# [0-9] e não \d: \d aceita dígitos de outras escritas (١٢٣), que o banco e o Anexo A não esperam.
NUMERO_OS_REGEX = rf"^OS nº [0-9]{{3,{calculo.OS_NUMERO_DIGITOS_MAXIMO}}}/[0-9]{{4}}$"
NUMERO_OS_VALIDATOR = RegexValidator(
    NUMERO_OS_REGEX,
    f"Use o formato OS nº 001/2026 (número com 3 a {calculo.OS_NUMERO_DIGITOS_MAXIMO} dígitos e o ano).",
)

# Tamanhos máximos dos textos digitados (o mesmo número no campo, no formulário e na restrição do banco).
OBJETO_MAXIMO = 2000
TEXTO_LONGO_MAXIMO = 4000
NOME_MAXIMO = 200
DESCRICAO_MAXIMA = 300
OBSERVACAO_MAXIMA = 300
PROCESSO_MAXIMO = 40
IDENTIFICACAO_OS_MAXIMA = 300
PRAZO_MAXIMO = 200
NUMERO_OS_MAXIMO = 30

MENSAGEM_QUANTIDADE_MAXIMA = (
    f"Informe no máximo {formatar_numero(Decimal(calculo.QUANTIDADE_PROFISSIONAIS_MAXIMA), 0)} "
    "profissionais por linha."
)
MENSAGEM_QUANTIDADE_CATALOGO_MAXIMA = (
    f"Informe no máximo {formatar_numero(calculo.QUANTIDADE_CATALOGO_MAXIMA, 0)} por mês."
)
# Item 9.5.1.1: ao menos 1 profissional por perfil. O campo do modelo e o do formulário usam estes
# validadores; o banco, a restrição linha_quantidade_minimo_1 com o mesmo número.
MENSAGEM_QUANTIDADE_MINIMA = "Informe ao menos 1 profissional."
VALIDADORES_QUANTIDADE = [
    MinValueValidator(calculo.QUANTIDADE_MINIMA, MENSAGEM_QUANTIDADE_MINIMA),
    MaxValueValidator(calculo.QUANTIDADE_PROFISSIONAIS_MAXIMA, MENSAGEM_QUANTIDADE_MAXIMA),
]
# Regras sobre o conjunto de linhas (o banco não conta filhos): o serviço as aplica e o formset as mostra.
MENSAGEM_OS_SEM_PERFIL = "Inclua ao menos um perfil profissional na OS (item 9.5.1.1)."
MENSAGEM_ITEM_SEM_SERVICO = "Inclua ao menos um serviço no item."
MENSAGEM_LINHAS_POR_OS = "Uma OS aceita até {maximo} linhas de perfil; distribua os perfis em outra OS."
MENSAGEM_LINHAS_POR_ITEM = "Um item aceita até {maximo} linhas de serviço."
MENSAGEM_EQUIPE_MAXIMA = "A equipe de planejamento tem no máximo {maximo} integrantes."
MENSAGEM_SEM_PRODUTO = "Informe ao menos um produto ou resultado a entregar (um por linha)."


class ComTotalGuardado(models.Model):
    """Valor mensal guardado (Painel e totais ao vivo leem sem recalcular as linhas). Só `contratos.totais`
    o grava, pela função pura, numa UPDATE própria: o save() de uma instância lida antes de uma escrita nas
    linhas (formulário aberto, edição concorrente) grava os outros campos e não devolve um total velho."""

    valor_mensal = models.DecimalField(
        "valor mensal", max_digits=14, decimal_places=2, default=Decimal("0.00"), editable=False
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding and kwargs.get("update_fields") is None and not kwargs.get("force_insert"):
            kwargs["update_fields"] = [
                f.name for f in self._meta.concrete_fields if not f.primary_key and f.name != "valor_mensal"
            ]
        super().save(*args, **kwargs)


def _texto_longo(maximo: int) -> list:
    """O TextField não confere max_length no full_clean (só no formulário): o validador fecha o serviço."""
    return [MaxLengthValidator(maximo)]


class SituacaoContratacao(models.TextChoices):
    RASCUNHO = "rascunho", "Rascunho"
    CONCLUIDA = "concluida", "Concluída"


class ComTravaDeEdicao(ModeloRestrito):
    """Trava otimista (contratos/travas.py): o serviço só grava se a `versao` lida no formulário ainda for a
    do banco; duas pessoas no mesmo registro não apagam o trabalho uma da outra."""

    versao = models.PositiveIntegerField("versão de edição", default=1)

    class Meta:
        abstract = True


class Contratacao(ComTravaDeEdicao, ComTotalGuardado):
    """Processo de planejamento de uma contratação, precificado com uma versão fixada do mapa salarial."""

    Situacao = SituacaoContratacao

    orgao = models.ForeignKey(
        Orgao, verbose_name="órgão", on_delete=models.PROTECT, related_name="contratacoes"
    )
    objeto = models.TextField("objeto", max_length=OBJETO_MAXIMO, validators=_texto_longo(OBJETO_MAXIMO))
    numero_processo = models.CharField(
        "nº do processo (SEI/NUP)", max_length=PROCESSO_MAXIMO, validators=[PROCESSO_VALIDATOR]
    )
    uasg = models.CharField("UASG", max_length=6, blank=True, validators=[UASG_VALIDATOR])
    mapa = models.ForeignKey(
        MapaSalarial,
        verbose_name="versão do mapa salarial",
        on_delete=models.PROTECT,
        related_name="contratacoes",
    )
    meses = models.PositiveSmallIntegerField(
        "meses de vigência estimada",
        default=12,
        validators=[
            MinValueValidator(1, "Informe ao menos 1 mês de vigência."),
            MaxValueValidator(
                calculo.MESES_MAXIMO,
                f"A vigência estimada vai até {calculo.MESES_MAXIMO} meses "
                "(vigência máxima decenal, Lei nº 14.133/2021, art. 107).",
            ),
        ],
    )
    situacao = models.CharField("situação", max_length=10, choices=Situacao, default=Situacao.RASCUNHO)
    criada_em = models.DateTimeField("criada em", auto_now_add=True)
    atualizada_em = models.DateTimeField("atualizada em", auto_now=True)
    # O total guardado é derivado das linhas (que têm histórico próprio), não uma alteração de alguém.
    history = HistoricalRecords(excluded_fields=["valor_mensal"])

    CAMINHO_ORGAO = "orgao"

    class Meta:
        verbose_name = "contratação"
        verbose_name_plural = "contratações"
        ordering = ["-atualizada_em", "-pk"]
        # A ordem das listas (a de contratações e o Painel): o LIMIT lê o índice em vez de ordenar tudo.
        indexes = [
            models.Index(models.F("atualizada_em").desc(), models.F("id").desc(), name="contratacao_recentes")
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(meses__gte=1), name="contratacao_meses_minimo_1"),
            models.CheckConstraint(
                condition=models.Q(meses__lte=calculo.MESES_MAXIMO), name="contratacao_meses_maximo"
            ),
            tamanho_maximo("contratacao", "objeto", OBJETO_MAXIMO),
            tamanho_maximo("contratacao", "numero_processo", PROCESSO_MAXIMO),
            models.CheckConstraint(
                condition=models.Q(situacao__in=SituacaoContratacao.values),
                name="contratacao_situacao_valida",
            ),
        ]

    def __str__(self):
        return f"{self.numero_processo} – {self.objeto[:60]}"

    def get_absolute_url(self):
        return endereco("contratos:contratacao_detalhe", args=[self.pk])

    def clean(self):
        # Só uma versão vigente é escolhida (o rascunho muda a qualquer hora). Depois de fixada, a versão
        # pode ser revogada sem travar a contratação; a troca é por "Reprecificar", que confere de novo.
        if self._state.adding and self.mapa_id and self.mapa.situacao != MapaSalarial.Situacao.VIGENTE:
            raise ValidationError({"mapa": "Escolha uma versão vigente do mapa salarial."})


class PapelEquipe(models.TextChoices):
    REQUISITANTE = "requisitante", "Integrante requisitante"
    TECNICO = "tecnico", "Integrante técnico"
    ADMINISTRATIVO = "administrativo", "Integrante administrativo"


class MembroEquipe(ModeloRestrito):
    """Integrante da equipe de planejamento da contratação."""

    Papel = PapelEquipe

    contratacao = models.ForeignKey(Contratacao, on_delete=models.CASCADE, related_name="equipe")
    nome = models.CharField("nome", max_length=NOME_MAXIMO)
    papel = models.CharField("papel", max_length=20, choices=Papel)

    CAMINHO_ORGAO = "contratacao__orgao"

    class Meta:
        verbose_name = "integrante da equipe de planejamento"
        verbose_name_plural = "equipe de planejamento"
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(papel__in=PapelEquipe.values),
                name="membroequipe_papel_valido",
            ),
            tamanho_maximo("membroequipe", "nome", NOME_MAXIMO),
        ]

    def __str__(self):
        return f"{self.nome} ({self.get_papel_display()})"


class TipoItem(models.TextChoices):
    PERFIS = "perfis", "Perfis profissionais (OS)"
    NUVEM = "nuvem", "Serviços de nuvem"
    PROFISSIONAIS = "profissionais", "Serviços profissionais"


# Tipos de item precificados por linhas de um catálogo, e o tipo de catálogo de cada um (mesmos valores).
TIPOS_DE_CATALOGO = (TipoItem.NUVEM, TipoItem.PROFISSIONAIS)


class Item(ComTravaDeEdicao, ComTotalGuardado):
    """Item da contratação: de perfis profissionais (valor pelas OS planejadas, Art. 2) ou de um catálogo
    SERPRO, de nuvem ou de serviços profissionais (valor pelas linhas de serviço de uma versão aprovada,
    §4.7)."""

    Tipo = TipoItem
    TIPOS_DE_CATALOGO = TIPOS_DE_CATALOGO

    contratacao = models.ForeignKey(Contratacao, on_delete=models.CASCADE, related_name="itens")
    numero = models.PositiveSmallIntegerField(
        "número",
        validators=[
            MinValueValidator(1, "O número do item começa em 1."),
            MaxValueValidator(
                calculo.ITEM_NUMERO_MAXIMO, f"O número do item vai até {calculo.ITEM_NUMERO_MAXIMO}."
            ),
        ],
    )
    descricao = models.CharField("descrição", max_length=DESCRICAO_MAXIMA)
    tipo = models.CharField("tipo", max_length=20, choices=Tipo, default=Tipo.PERFIS)
    catalogo = models.ForeignKey(
        "catalogo.VersaoCatalogo",
        verbose_name="versão do catálogo de nuvem ou de serviços profissionais",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="itens_contratacao",
    )
    # (a trava de edição do item, `versao`, também protege as suas linhas de catálogo)

    CAMINHO_ORGAO = "contratacao__orgao"

    class Meta:
        verbose_name = "item"
        verbose_name_plural = "itens"
        ordering = ["numero"]
        constraints = [
            models.UniqueConstraint(
                fields=["contratacao", "numero"], name="item_numero_unico_na_contratacao"
            ),
            models.CheckConstraint(condition=models.Q(numero__gte=1), name="item_numero_positivo"),
            models.CheckConstraint(
                condition=models.Q(numero__lte=calculo.ITEM_NUMERO_MAXIMO), name="item_numero_maximo"
            ),
            tamanho_maximo("item", "descricao", DESCRICAO_MAXIMA),
            # Item de catálogo fixa uma versão do catálogo do seu tipo; item de perfis não tem catálogo.
            models.CheckConstraint(
                condition=models.Q(tipo=TipoItem.PERFIS, catalogo__isnull=True)
                | models.Q(tipo__in=TIPOS_DE_CATALOGO, catalogo__isnull=False),
                name="item_catalogo_so_em_item_de_catalogo",
            ),
        ]

    def __str__(self):
        return f"Item {self.numero} – {self.descricao}"

    def get_absolute_url(self):
        return f"{self.contratacao.get_absolute_url()}#item-{self.numero}"

    @staticmethod
    def mensagem_numero_repetido(numero) -> str:
        return f"Já existe o Item {numero} nesta contratação."

    @property
    def e_nuvem(self) -> bool:
        return self.tipo == self.Tipo.NUVEM

    @property
    def e_catalogo(self) -> bool:
        return self.tipo in self.TIPOS_DE_CATALOGO

    @property
    def linhas_de_catalogo(self):
        """As linhas de serviço do item de catálogo (nuvem ou serviços profissionais)."""
        return self.linhas_nuvem if self.e_nuvem else self.linhas_profissionais

    def clean(self):
        if self.e_catalogo:
            nome = self.get_tipo_display().lower()
            if not self.catalogo_id:
                raise ValidationError({"catalogo": f"Escolha a versão aprovada do catálogo de {nome}."})
            # O banco não cruza tabelas: o tipo do catálogo é conferido aqui (e no serviço).
            if self.catalogo.tipo != self.tipo:
                raise ValidationError({"catalogo": f"Escolha uma versão do catálogo de {nome}."})
        if self.tipo == self.Tipo.PERFIS:
            self.catalogo = None


class OrdemServico(ComTravaDeEdicao, ComTotalGuardado):
    """OS planejada (item 9.5.1.1): objetivo, identificação, perfis mínimos, produtos e prazo."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="ordens")
    # Repetida do item para que o banco garanta o número único na contratação.
    contratacao = models.ForeignKey(Contratacao, on_delete=models.CASCADE, related_name="ordens")
    numero = models.CharField("número", max_length=NUMERO_OS_MAXIMO, validators=[NUMERO_OS_VALIDATOR])
    identificacao = models.CharField("identificação", max_length=IDENTIFICACAO_OS_MAXIMA)
    objetivo = models.TextField(
        "objetivo", max_length=TEXTO_LONGO_MAXIMO, validators=_texto_longo(TEXTO_LONGO_MAXIMO)
    )
    prazo_atendimento = models.CharField(
        "prazo de atendimento",
        max_length=PRAZO_MAXIMO,
        help_text="Ex.: 30 dias corridos a partir da emissão da OS.",
    )
    produtos = models.TextField(
        "produtos ou resultados a entregar",
        max_length=TEXTO_LONGO_MAXIMO,
        validators=_texto_longo(TEXTO_LONGO_MAXIMO),
        help_text="Um produto ou resultado por linha.",
    )

    CAMINHO_ORGAO = "contratacao__orgao"

    class Meta:
        verbose_name = "ordem de serviço planejada"
        verbose_name_plural = "ordens de serviço planejadas"
        ordering = ["numero", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["contratacao", "numero"], name="os_numero_unico_na_contratacao"),
            models.CheckConstraint(
                condition=~models.Q(produtos=""),
                name="os_ao_menos_um_produto",
                violation_error_message=MENSAGEM_SEM_PRODUTO,
            ),
            models.CheckConstraint(
                condition=models.Q(numero__regex=NUMERO_OS_REGEX), name="os_numero_formato"
            ),
            tamanho_maximo("os", "identificacao", IDENTIFICACAO_OS_MAXIMA),
            tamanho_maximo("os", "objetivo", TEXTO_LONGO_MAXIMO),
            tamanho_maximo("os", "prazo_atendimento", PRAZO_MAXIMO),
            tamanho_maximo("os", "produtos", TEXTO_LONGO_MAXIMO),
        ]

    def __str__(self):
        return f"{self.numero} – {self.identificacao}"

    def get_absolute_url(self):
        return endereco("contratos:os_editar", args=[self.pk])

    @staticmethod
    def mensagem_numero_repetido(numero) -> str:
        return f"Já existe a {numero} nesta contratação."

    @property
    def lista_produtos(self) -> list[str]:
        return separar_produtos(self.produtos)

    def clean(self):
        if self.item_id:
            self.contratacao_id = self.item.contratacao_id
        if not self.lista_produtos:
            raise ValidationError({"produtos": MENSAGEM_SEM_PRODUTO})


def separar_produtos(texto: str) -> list[str]:
    """Um produto por linha; linhas em branco não contam."""
    return [linha.strip() for linha in (texto or "").splitlines() if linha.strip()]


class LinhaPerfil(ModeloRestrito):
    """Perfil mínimo de uma OS com a quantidade estimada e o Fator-K adotado (§4.2)."""

    ordem = models.ForeignKey(OrdemServico, on_delete=models.CASCADE, related_name="linhas")
    perfil = models.ForeignKey(
        ValorPerfil, verbose_name="perfil", on_delete=models.PROTECT, related_name="linhas_estimativa"
    )
    quantidade = models.PositiveIntegerField("quantidade estimada", validators=VALIDADORES_QUANTIDADE)
    fator_k = models.DecimalField("Fator-K adotado", max_digits=4, decimal_places=2)
    # Cópia do K do mapa no momento da escolha: permite ao banco exigir a justificativa quando difere.
    fator_k_referencia = models.DecimalField("Fator-K do mapa", max_digits=4, decimal_places=2)
    justificativa = models.TextField(
        "justificativa do Fator-K",
        max_length=TEXTO_LONGO_MAXIMO,
        blank=True,
        validators=_texto_longo(TEXTO_LONGO_MAXIMO),
    )
    history = HistoricalRecords()

    CAMINHO_ORGAO = "ordem__contratacao__orgao"

    class Meta:
        verbose_name = "linha de perfil"
        verbose_name_plural = "linhas de perfil"
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantidade__gte=calculo.QUANTIDADE_MINIMA),
                name="linha_quantidade_minimo_1",
            ),
            models.CheckConstraint(
                condition=models.Q(quantidade__lte=calculo.QUANTIDADE_PROFISSIONAIS_MAXIMA),
                name="linha_quantidade_maxima",
            ),
            tamanho_maximo("linha", "justificativa", TEXTO_LONGO_MAXIMO),
            models.CheckConstraint(
                condition=models.Q(fator_k__gt=0, fator_k__lte=calculo.FATOR_K_MAXIMO),
                name="linha_fator_k_entre_0_e_3",
            ),
            models.CheckConstraint(
                condition=models.Q(fator_k=models.F("fator_k_referencia")) | ~models.Q(justificativa=""),
                name="linha_fator_k_diferente_justificado",
            ),
        ]

    def __str__(self):
        return f"{self.quantidade} × {self.perfil.codigo}"

    def clean(self):
        if self.perfil_id and self.fator_k_referencia is None:
            self.fator_k_referencia = self.perfil.fator_k
        erros = validar_fator_k(
            self.fator_k, fator_k_mapa=self.fator_k_referencia, justificativa=self.justificativa
        )
        if erros:
            raise ValidationError(erros)


class LinhaDeCatalogo(models.Model):
    """Linha de um item de catálogo (nuvem ou serviços profissionais): as regras comuns, escritas uma vez.
    Cada subclasse declara o item, o serviço e a quantidade (as casas decimais mudam com o catálogo)."""

    observacao = models.CharField("observação", max_length=OBSERVACAO_MAXIMA, blank=True)

    class Meta:
        abstract = True
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantidade__gt=0), name="%(class)s_quantidade_positiva"
            ),
            models.CheckConstraint(
                condition=models.Q(quantidade__lte=calculo.QUANTIDADE_CATALOGO_MAXIMA),
                name="%(class)s_quantidade_maxima",
            ),
            tamanho_maximo("%(class)s", "observacao", OBSERVACAO_MAXIMA),
        ]

    def __str__(self):
        return f"{self.quantidade} × {self.servico.codigo}"


def _quantidade_de_catalogo(casas: int) -> models.DecimalField:
    minimo = Decimal(1).scaleb(-casas)
    return models.DecimalField(
        "quantidade mensal",
        max_digits=10 + casas,
        decimal_places=casas,
        validators=[
            MinValueValidator(minimo, "Informe uma quantidade maior que zero."),
            MaxValueValidator(calculo.QUANTIDADE_CATALOGO_MAXIMA, MENSAGEM_QUANTIDADE_CATALOGO_MAXIMA),
        ],
    )


class LinhaNuvem(LinhaDeCatalogo):
    """Serviço do catálogo de nuvem num item de nuvem, com a quantidade mensal (pode ser fracionária)."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="linhas_nuvem")
    servico = models.ForeignKey(
        "catalogo.ServicoNuvem",
        verbose_name="serviço de nuvem",
        on_delete=models.PROTECT,
        related_name="linhas_estimativa",
    )
    quantidade = _quantidade_de_catalogo(4)
    history = HistoricalRecords()

    class Meta(LinhaDeCatalogo.Meta):
        verbose_name = "linha de serviço de nuvem"
        verbose_name_plural = "linhas de serviço de nuvem"


class LinhaProfissional(LinhaDeCatalogo):
    """Serviço do catálogo de serviços profissionais num item desse tipo, com a quantidade mensal na unidade
    do serviço (hora, UST ou mês; aceita frações de 2 casas, como meia hora)."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="linhas_profissionais")
    servico = models.ForeignKey(
        "catalogo.ServicoProfissional",
        verbose_name="serviço profissional",
        on_delete=models.PROTECT,
        related_name="linhas_estimativa",
    )
    quantidade = _quantidade_de_catalogo(2)
    history = HistoricalRecords()

    class Meta(LinhaDeCatalogo.Meta):
        verbose_name = "linha de serviço profissional"
        verbose_name_plural = "linhas de serviço profissional"


# Fiscalização técnica (pacote próprio); importada aqui para o Django registrar os modelos na app.
from contratos.fiscalizacao.models import (  # noqa: E402, F401
    EmissaoOS,
    PeriodoFiscalizacao,
    ProfissionalAlocado,
    RelatorioFiscalizacao,
)

# Propostas dos licitantes (contratos/propostas): registradas aqui para o Django as achar com a app.
from contratos.propostas.models import LinhaProposta, Proposta, ValorContratado  # noqa: E402, F401
