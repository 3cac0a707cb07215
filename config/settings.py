"""Configuração única do PlanejaTIC, dirigida por variáveis de ambiente (ver README)."""

import os
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def _bool(nome: str, padrao: bool) -> bool:
    valor = os.environ.get(nome)
    if valor is None or valor == "":
        return padrao
    return valor.strip().lower() in {"1", "true", "sim", "yes", "on"}


DEBUG = _bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Defina DJANGO_SECRET_KEY quando DJANGO_DEBUG=0.")
    SECRET_KEY = "desenvolvimento-apenas-nao-use-em-producao-" + "x" * 20  # noqa: S105

ALLOWED_HOSTS = [h.strip() for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if h.strip()]
if DEBUG and not ALLOWED_HOSTS:
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
# Envio recusado pelo CSRF: página em português com o que fazer (config/views.py).
CSRF_FAILURE_VIEW = "config.views.falha_csrf"
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "django_htmx",
    "template_partials",
    "import_export",
    "simple_history",
    "axes",
    "csp",
    # ordem das camadas: core < catalogo < contratos < contas, acordo (carga de referências segue esta ordem)
    "core",
    "catalogo",
    "contratos",
    "contas",
    "acordo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # HTML comprimido (detalhe 68 KB → 8 KB); o Django acrescenta ao corpo comprimido um comentário de
    # tamanho aleatório contra o BREACH. Depois do WhiteNoise, que já serve os estáticos pré-comprimidos.
    "django.middleware.gzip.GZipMiddleware",
    # SessionMiddleware do Django, sem regravar a sessão a cada total ao vivo (config/middleware.py)
    "config.middleware.SessaoMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.middleware.SemCacheAutenticadoMiddleware",
    # conta sem papel (primeira entrada pelo gov.br): só "ainda sem acesso" e "Minha conta"
    "contas.middleware.SemPapelMiddleware",
    # o django-axes pede para ficar por último
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # {% url %} com memória (core/rotas.py): ~40 por página de detalhe
            "builtins": ["core.templatetags.rotas"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.contexto.produto",
                "contas.contexto.govbr",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Testes de navegador: o live_server atende cada requisição numa thread; com o banco de teste em memória
    # todas dividiriam uma só conexão (htmx simultâneo a um POST dá erro). Em arquivo: uma conexão por thread.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"planejatic-teste-{os.getpid()}.sqlite3")
    }
    # Total ao vivo e gravação chegam juntos: a transação já nasce com a trava de escrita (IMMEDIATE) e quem
    # chega depois espera até 20 s em vez de responder 500 "database is locked". WAL deixa as leituras
    # seguirem durante uma escrita. Só no SQLite: o PostgreSQL não conhece estas opções.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend com as permissões numa consulta (o caminho muda: sessões abertas antes entram de novo)
    "contas.autenticacao.ModelBackendUmaConsulta",
    "contas.govbr.GovbrBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "core.senhas.SenhaNaoTrivialValidator"},
]
# E-mail (lembretes do cronograma do ACT): console por padrão; "smtp" com as variáveis DJANGO_EMAIL_*.
_BACKENDS_EMAIL = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
}
_backend_email = os.environ.get("DJANGO_EMAIL_BACKEND", "console").strip() or "console"
EMAIL_BACKEND = _BACKENDS_EMAIL.get(_backend_email, _backend_email)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _bool("DJANGO_EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _bool("DJANGO_EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("DJANGO_EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_EMAIL_REMETENTE", "PlanejaTIC <nao-responda@localhost>")
# Endereço público do sistema, para os links dos e-mails (o comando não tem pedido HTTP de onde tirá-lo).
PLANEJATIC_URL = os.environ.get("PLANEJATIC_URL", "http://127.0.0.1:8000")

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "painel"
LOGOUT_REDIRECT_URL = "login"

# Links de redefinição de senha (e de convite): valem uma vez e vencem em 24 horas.
PASSWORD_RESET_TIMEOUT = int(os.environ.get("DJANGO_LINK_SENHA_HORAS", "24")) * 3600
# Em desenvolvimento as mensagens vão para o console; em produção, para o SMTP do órgão.
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_TIMEOUT = 20
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_USUARIO", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_SENHA", "")
EMAIL_USE_TLS = _bool("DJANGO_EMAIL_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_EMAIL_REMETENTE", "PlanejaTIC <nao-responda@localhost>")
# Seções que outras áreas penduram em "Minha conta" (templates incluídos em ordem).
MINHA_CONTA_SECOES: list[str] = ["acordo/_minha_conta_calendario.html"]  # seções de outras áreas

# Entrar com gov.br (contas/govbr.py, docs/implantacao.md). Sem GOVBR_CLIENT_ID, o botão não aparece.
GOVBR_OIDC_URL = os.environ.get("GOVBR_OIDC_URL", "").rstrip("/")
GOVBR_OIDC_EMISSOR = os.environ.get("GOVBR_OIDC_EMISSOR", GOVBR_OIDC_URL)


def _govbr(nome: str, caminho: str) -> str:
    return os.environ.get(nome) or (f"{GOVBR_OIDC_URL}{caminho}" if GOVBR_OIDC_URL else "")


OIDC_OP_AUTHORIZATION_ENDPOINT = _govbr("GOVBR_OIDC_AUTORIZACAO", "/authorize")
OIDC_OP_TOKEN_ENDPOINT = _govbr("GOVBR_OIDC_TOKEN", "/token")
OIDC_OP_USER_ENDPOINT = _govbr("GOVBR_OIDC_USERINFO", "/userinfo")
OIDC_OP_JWKS_ENDPOINT = _govbr("GOVBR_OIDC_JWKS", "/jwk")
OIDC_RP_CLIENT_ID = os.environ.get("GOVBR_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("GOVBR_CLIENT_SECRET", "")
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = "openid email profile govbr_confiabilidades"
OIDC_USE_NONCE = True
OIDC_USE_PKCE = True
OIDC_PKCE_CODE_CHALLENGE_METHOD = "S256"
OIDC_TOKEN_USE_BASIC_AUTH = True
OIDC_TIMEOUT = 15
OIDC_AUTHENTICATION_CALLBACK_URL = "contas:govbr_retorno"
# Papéis de escrita (Equipe de planejamento, Fiscal) só para contas gov.br deste nível ou acima.
GOVBR_NIVEL_MINIMO_ESCRITA = os.environ.get("GOVBR_NIVEL_MINIMO_ESCRITA", "").strip().lower()
if GOVBR_NIVEL_MINIMO_ESCRITA not in {"", "bronze", "prata", "ouro"}:
    raise ImproperlyConfigured("GOVBR_NIVEL_MINIMO_ESCRITA deve ser bronze, prata, ouro ou vazio.")

# Sessão expira após inatividade: as requisições renovam o prazo (config/middleware.py), gravando a sessão
# no máximo uma vez por minuto (não a cada página: SESSION_SAVE_EVERY_REQUEST fica desligado)...
SESSION_COOKIE_AGE = int(os.environ.get("DJANGO_SESSION_MINUTOS", "30")) * 60
SESSAO_RENOVAR_APOS = 60
# ...e os totais ao vivo (htmx) só se a última renovação passou deste tempo (segundos).
SESSAO_RENOVAR_FRAGMENTOS_APOS = 5 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# django-axes (core/axes.py): 5 falhas do mesmo usuário a partir do mesmo endereço bloqueiam esse par por
# 15 minutos; 20 falhas de um endereço, com quaisquer usuários, bloqueiam o endereço. Nunca para sempre.
AXES_HANDLER = "core.axes.AxesComTetoPorEndereco"
AXES_FAILURE_LIMIT = 5
PLANEJATIC_TETO_FALHAS_POR_ENDERECO = 20
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/bloqueado.html"
AXES_VERBOSE = False
# Histórico só para consulta (core/historico.py): reverter passaria por cima das regras de edição.
SIMPLE_HISTORY_REVERT_DISABLED = True

LANGUAGE_CODE = "pt-br"
TIME_ZONE = "America/Sao_Paulo"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
_NODE = BASE_DIR / "node_modules"
# Recursos de front-end vêm do npm (package-lock.json), servidos daqui; nada de CDN.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("govbr-ds", _NODE / "@govbr-ds" / "core" / "dist"),
    ("fontawesome/css", _NODE / "@fortawesome" / "fontawesome-free" / "css"),
    ("fontawesome/webfonts", _NODE / "@fortawesome" / "fontawesome-free" / "webfonts"),
    ("raleway", _NODE / "@fontsource" / "raleway"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = ["dsgov"]
CRISPY_TEMPLATE_PACK = "dsgov"

# Limite de upload de planilhas (importações recusam arquivos maiores com mensagem clara).
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
# Uma OS com 500 linhas de perfil envia ~2.500 campos (5 por linha); o padrão de 1.000 recusaria com 400.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 12_000

IMPORT_EXPORT_SKIP_ADMIN_LOG = False

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = _bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = _bool("DJANGO_COOKIES_SEGUROS", True)
    CSRF_COOKIE_SECURE = _bool("DJANGO_COOKIES_SEGUROS", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
