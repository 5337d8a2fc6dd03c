"""Settings for Portal do Cliente: one module, read from the environment (12-factor).

The embedded default (no variable set) runs without any server: SQLite and Kombu's
filesystem transport for Celery. `DATABASE_URL` and `REDIS_URL` switch to PostgreSQL and Redis.
Every variable is documented in README.md ("Configuração").
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("PORTAL_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)
# The fallback key is flagged by `check --deploy` (security.W009): production must set SECRET_KEY.
SECRET_KEY = env.str("SECRET_KEY", default="django-insecure-local-development-key-do-not-use-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI and Redoc served locally, never from a CDN
    "django_celery_beat",
    "django_htmx",
    "core",
    "portal",
    "outbox",
    "accounts",
    "sla",
    "tickets",
    "surveys",
    "statements",
    "consultoria",
    "knowledge",
    "solutions",
    "news",
    "ideas",
    "ombudsman",
    "downloads",
    "inbox",
    "chat",
    "dashboards",
    "audit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "accounts.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.middleware.LanguageMiddleware",
    "core.middleware.NulCharacterMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "accounts.middleware.StaffSecondFactorMiddleware",
    "audit.middleware.AuditMiddleware",  # who changed audited rows; every export recorded
    "django_htmx.middleware.HtmxMiddleware",
    "core.middleware.DomainErrorMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "portal.context_processors.portal",
            ],
        },
    },
]

FORM_RENDERER = "portal.forms.PortalFormRenderer"

# --- Database -----------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server, the worker and beat share the file: WAL lets readers run beside one writer,
    # IMMEDIATE transactions take the write lock up front instead of failing half-way.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # A ticket read with its catalogue rows joins a dozen tables; with the default limits (8) the
    # planner spends ~5 ms searching join orders for a plan that runs in 0.3 ms. Django writes the
    # joins from the filtered table outwards, so searching four at a time loses nothing measurable.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        "-c join_collapse_limit=4 -c from_collapse_limit=4"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, broker ------------------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    # Redis down: the cache falls back to each process's memory instead of failing every page and
    # login (core/cache.py); short timeouts make a hung Redis a fast fallback.
    CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    # Shared by the web process and the worker (login rate limits must see every attempt).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://localhost//")
CELERY_BROKER_TRANSPORT_OPTIONS = {}
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(VAR_DIR / "celery" / "queue"),
        "data_folder_out": str(VAR_DIR / "celery" / "queue"),
        "control_folder": str(VAR_DIR / "celery" / "control"),
        "store_processed": False,
    }
elif CELERY_BROKER_URL.startswith("redis"):
    # Fail fast when Redis is down: the outbox keeps the e-mail and a periodic drain retries it.
    # A task taken by a worker that dies without acknowledging it (acks_late) is handed out again
    # after this many seconds; tasks are idempotent, so a redelivery changes nothing twice.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "max_retries": 1,
        "interval_start": 0,
        "interval_step": 0.2,
        "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=900),
    }
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
# A worker process killed mid-task (SIGKILL, out of memory): the task goes back to the queue.
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# The worker logs through LOGGING below (JSON in production), not Celery's own root handler.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "America/Sao_Paulo"
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE = {
    "outbox-drain": {"task": "outbox.tasks.outbox_drain", "schedule": 60.0},
    "holidays-import-upcoming": {"task": "sla.tasks.holidays_import_upcoming", "schedule": 24 * 3600.0},
    # OPS-1: idempotent sweeps; running one twice or two at once changes nothing more.
    "tickets-pending-client-timeout": {"task": "tickets.tasks.pending_client_timeout", "schedule": 300.0},
    "tickets-acceptance-reminders": {"task": "tickets.tasks.acceptance_reminders", "schedule": 300.0},
    "tickets-acceptance-autoclose": {"task": "tickets.tasks.acceptance_autoclose", "schedule": 300.0},
    "tickets-sla-marking": {"task": "tickets.tasks.sla_marking", "schedule": 60.0},
    # SELF-3: tickets closed as accepted become anonymised solutions (set-based, idempotent).
    "solutions-publish-accepted": {"task": "solutions.tasks.publish_accepted_solutions", "schedule": 600.0},
}

# --- Authentication (django-allauth, login by e-mail) --------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "accounts.backends.PortalModelBackend",  # Django's and allauth's, reading the contact with the user
    "accounts.backends.PortalAuthenticationBackend",
    "accounts.backends.StaffRoleBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "none"  # contacts are invited by their administrator (ACC-2)
ACCOUNT_ADAPTER = "accounts.adapters.PortalAccountAdapter"
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False  # no "unknown account" mail: there is no sign-up to point to
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_RATE_LIMITS = {
    "login": env.str("RATE_LIMIT_LOGIN", default="30/m/ip"),
    "login_failed": env.str("RATE_LIMIT_LOGIN_FAILED", default="10/m/ip,5/5m/key"),
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "signup": "1/h/ip",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Portal do Cliente] "
# Second factor (allauth's mfa): an authenticator app and recovery codes; mandatory for staff
# before any back-office page (accounts.middleware.StaffSecondFactorMiddleware), optional otherwise.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Portal do Cliente"
# The sessions a user has open, listed and ended from the profile (allauth's usersessions); each is
# recorded at login, not touched again on every request (no query added to every page).
USERSESSIONS_TRACK_ACTIVITY = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "accounts.validators.CharacterClassesPasswordValidator"},
]
# Argon2id first (OWASP parameters, accounts/hashers.py); the others still check old hashes, which
# are upgraded to Argon2id when their owner signs in.
PASSWORD_HASHERS = [
    "accounts.hashers.OwaspArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3
INVITATION_TIMEOUT_DAYS = env.int("INVITATION_TIMEOUT_DAYS", default=7)

# --- Internationalisation ------------------------------------------------------------------------
LANGUAGE_CODE = "pt-br"
LANGUAGES = [("pt-br", _("Português (Brasil)")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# English with day-first short dates, as the rest of the portal writes them (portal/formats/en).
FORMAT_MODULE_PATH = ["portal.formats"]
TIME_ZONE = "America/Sao_Paulo"
USE_I18N = True
USE_TZ = True

# --- Static and private files --------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", BASE_DIR / "node_modules" / "bootstrap-icons" / "font"),
    ("vendor/chartjs", BASE_DIR / "node_modules" / "chart.js" / "dist"),
]
# Attachments live outside the web root and are only served by permission-checked views (TKT-10).
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private")))
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# --- E-mail ---------------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Portal do Cliente <nao-responda@portal.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# --- E-mail channel (CHN-1; inbox/, outbox/) ------------------------------------------------------
# Ticket e-mails answer to <local>+<signed ticket token>@<domain> of this address (inbox/tokens.py);
# its domain also names the Message-IDs and the ticket thread roots. The signing key is SECRET_KEY.
MAIL_REPLY_ADDRESS = env.str("MAIL_REPLY_ADDRESS", default="suporte@portal.example")
# The mailbox polled by Celery beat: imap://user:password@host:143/INBOX (imaps:// for TLS, port
# 993); empty (the default, `make run`): no polling. Processed messages move to this folder.
IMAP_URL = env.str("IMAP_URL", default="")
IMAP_PROCESSED_FOLDER = env.str("IMAP_PROCESSED_FOLDER", default="Processed")
CELERY_BEAT_SCHEDULE["inbox-poll"] = {"task": "inbox.tasks.inbox_poll", "schedule": 60.0}
# --- end of the e-mail channel --------------------------------------------------------------------

# --- Security -------------------------------------------------------------------------------------
# HTTPS_ONLY=1 in production behind TLS (docker-compose sets it): redirects, secure cookies, HSTS.
HTTPS_ONLY = env.bool("HTTPS_ONLY", default=False)
SECURE_SSL_REDIRECT = HTTPS_ONLY
SESSION_COOKIE_SECURE = HTTPS_ONLY
CSRF_COOKIE_SECURE = HTTPS_ONLY
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if HTTPS_ONLY else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS_ONLY
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=HTTPS_ONLY)
BEHIND_PROXY = env.bool("BEHIND_PROXY", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 12)
SESSION_ENGINE = "accounts.sessions"  # Django's database sessions, read by a prepared query
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy, Permissions-Policy: portal/browser_policies.py (no environment in them).
from .browser_policies import CONTENT_SECURITY_POLICY, PERMISSIONS_POLICY_DENIED  # noqa: E402, F401

# --- REST API -------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.DeviceTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 25,
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    # The token login (accounts.api.TokenLoginView): per client address and per e-mail address.
    "DEFAULT_THROTTLE_RATES": {"api_token": "10/min", "api_token_account": "20/hour"},
    # The client address for throttling: behind the TLS proxy, the one it appends to
    # X-Forwarded-For; otherwise REMOTE_ADDR (a client's own X-Forwarded-For is never trusted).
    "NUM_PROXIES": 1 if BEHIND_PROXY else 0,
}
# The API schema's title, description and enum names: portal/api_schema.py.
from .api_schema import SPECTACULAR_SETTINGS  # noqa: E402, F401

# --- Logging ----------------------------------------------------------------------------------------
# Production logs one JSON object per line (portal/jsonlog.py); DEBUG keeps plain lines.
LOG_FORMAT = env.str("LOG_FORMAT", default="text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "portal.jsonlog.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json" if LOG_FORMAT == "json" else "text"}
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint tells every step of every PDF at INFO: only its warnings are worth a log line.
    "loggers": {"django.db.backends": {"level": "INFO"}, "weasyprint.progress": {"level": "WARNING"}},
}

# API tokens (accounts.models.ApiToken): one per device, valid for this many days, revocable.
API_TOKEN_LIFETIME_DAYS = env.int("API_TOKEN_LIFETIME_DAYS", default=60)

# --- Portal ------------------------------------------------------------------------------------------
# /healthz/ answers 503 when Celery beat's last run (django-celery-beat's last_run_at) is older.
HEALTHZ_BEAT_MAX_AGE = env.int("HEALTHZ_BEAT_MAX_AGE", default=900)
# Remote-access credentials (CHN-4) are encrypted with this Fernet key; production must set it
# (`check --deploy` fails without it), DEBUG and the embedded SQLite default derive one.
REMOTE_ACCESS_KEY = env.str("REMOTE_ACCESS_KEY", default="")
# `run_periodic_jobs --now` acts as at a later instant only with DEBUG or this flag.
PORTAL_ALLOW_TIME_TRAVEL = env.bool("PORTAL_ALLOW_TIME_TRAVEL", default=False)

# --- Chat: Django Channels (CHN-3) ----------------------------------------------------------------
# Daphne first: `manage.py runserver` (the web process of `make run`) then serves ASGI, HTTP and the
# chat's WebSockets; production runs `daphne portal.asgi:application` (docker-compose.yml).
INSTALLED_APPS = ["daphne", *INSTALLED_APPS, "channels"]
ASGI_APPLICATION = "portal.asgi.application"
if REDIS_URL:
    # redis-py 8 reads with a 5 s socket timeout by default, as long as the layer's blocking pop
    # (BZPOPMIN, 5 s): an idle socket's receive then fails and its consumer is torn down
    # (django/channels_redis#422). The read may wait for the pop, a dead server is still noticed.
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [{"address": REDIS_URL, "socket_timeout": 15}]},
        }
    }
else:
    # The embedded default: one process (the web process of `make run`) serves every WebSocket.
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
