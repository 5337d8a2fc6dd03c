"""Settings from the environment, `check --deploy`, and the production compose file."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "x7#kq9!vz2@pl4$mn8^rt1&wy6*bc3(df5)gh0-js_lo+ue=ia[QZ]",
    "ALLOWED_HOSTS": "portal.example.com",
    "CSRF_TRUSTED_ORIGINS": "https://portal.example.com",
    "SITE_URL": "https://portal.example.com",
    "HTTPS_ONLY": "1",
    "BEHIND_PROXY": "1",
    "EMAIL_URL": "smtp+tls://user:password@smtp.example.com:587",
    "REMOTE_ACCESS_KEY": "q3Sx1H8m0bV2cJ7rT5yW9zA4dF6gK1nP3sU5vX7yZ0E=",
}


def _env(**extra) -> dict[str, str]:
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for Playwright; production never does.
    inherited = ("DATABASE_URL", "REDIS_URL", "DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in inherited}
    env.update(extra)
    return env


def _manage(*args, env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def _settings(env, *names) -> dict:
    code = (
        "import json; from django.conf import settings as s; "
        f"print(json.dumps({{n: str(getattr(s, n)) for n in {names!r}}}))"
    )
    result = _manage("shell", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_check_deploy_reports_nothing_with_the_documented_production_variables():
    env = _env(**PRODUCTION_ENV, DATABASE_URL=os.environ.get("DATABASE_URL", "sqlite:///:memory:"))
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_check_deploy_flags_the_development_defaults():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=_env())
    assert result.returncode != 0
    assert "security.W009" in result.stderr + result.stdout  # the fallback SECRET_KEY


def test_embedded_default_needs_no_server():
    values = _settings(_env(), "LANGUAGE_CODE", "TIME_ZONE", "DATABASES", "CELERY_BROKER_URL", "CACHES")
    assert values["LANGUAGE_CODE"] == "pt-br"
    assert values["TIME_ZONE"] == "America/Sao_Paulo"
    assert "sqlite3" in values["DATABASES"]
    assert values["CELERY_BROKER_URL"].startswith("filesystem://")
    assert "FileBasedCache" in values["CACHES"]


def test_database_and_redis_urls_switch_to_the_servers():
    env = _env(DATABASE_URL="postgres://u:p@db.example:5432/portal", REDIS_URL="redis://cache.example:6379/0")
    values = _settings(env, "DATABASES", "CELERY_BROKER_URL", "CACHES")
    assert "postgresql" in values["DATABASES"] and "db.example" in values["DATABASES"]
    assert values["CELERY_BROKER_URL"] == "redis://cache.example:6379/0"
    assert "RedisCache" in values["CACHES"]


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_runs_the_production_stack(compose):
    services = compose["services"]
    assert set(services) == {"postgres", "redis", "web", "worker", "beat"}
    assert services["postgres"]["image"].startswith("postgres:15")
    # Sized shared buffers, not PostgreSQL's 128 MB default (OPS-1: the jobs' UPDATEs at 1M tickets).
    assert services["postgres"]["command"] == [
        "postgres", "-c", "shared_buffers=${POSTGRES_SHARED_BUFFERS:-2GB}"
    ]  # fmt: skip
    assert services["redis"]["image"].startswith("redis:")
    web_command = " ".join(services["web"]["command"])
    assert "manage.py migrate --noinput" in web_command
    # One ASGI server for HTTP and the chat's WebSockets (CHN-3); the channel layer is Redis.
    assert web_command.index("migrate") < web_command.index("daphne")
    assert web_command.rstrip().endswith("portal.asgi:application")
    assert services["worker"]["command"][:4] == ["celery", "-A", "portal", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "portal", "beat"]
    for name in ("web", "worker", "beat"):
        service = services[name]
        assert service["build"] == "."
        assert service["depends_on"]["postgres"]["condition"] == "service_healthy"
        assert service["depends_on"]["redis"]["condition"] == "service_healthy"
        assert service["environment"]["DEBUG"] == "0"
        assert service["environment"]["DATABASE_URL"].startswith("postgres://portal:")
        assert service["environment"]["REDIS_URL"] == "redis://redis:6379/0"


def test_every_compose_variable_is_documented_in_the_readme(compose):
    import re

    readme = (ROOT / "README.md").read_text()
    raw = (ROOT / "docker-compose.yml").read_text()
    variables = set(re.findall(r"\$\{([A-Z_]+)", raw)) | set(compose["x-app"]["environment"])
    missing = sorted(v for v in variables if f"`{v}`" not in readme)
    assert missing == []


def test_every_settings_variable_is_documented_in_the_readme():
    import re

    readme = (ROOT / "README.md").read_text()
    settings_source = (ROOT / "portal" / "settings.py").read_text()
    variables = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z_]+)"', settings_source))
    variables |= set(re.findall(r'Env\(\)\.str\("([A-Z_]+)"', settings_source))
    missing = sorted(v for v in variables if f"`{v}`" not in readme)
    assert missing == []


def test_the_scripts_programs_are_pinned():
    """Every program a script runs from the virtualenv (`$BIN/gunicorn`, `$BIN/locust`) is in a lock
    file, so `make install` brings it to a new machine."""
    import re

    locked = {
        line.split("==")[0].lower()
        for name in ("base.txt", "dev.txt")
        for line in (ROOT / "requirements" / name).read_text().splitlines()
        if "==" in line and not line.startswith(" ")
    }
    package_of = {"lint-imports": "import-linter"}
    programs = {
        package_of.get(program, program)
        for script in (ROOT / "scripts").glob("*.sh")
        for program in re.findall(r"\$BIN/([a-z][a-z0-9_-]*)", script.read_text())
    } - {"python", "pip"}
    assert programs, "the scripts run no program from the virtualenv?"
    assert sorted(programs - locked) == []
