#!/usr/bin/env bash
# Executa, na ordem, os comandos de docs/implantacao.md (adaptados só em caminhos de /tmp).
# ATENÇÃO: apaga e recria os bancos planejatic_prod e planejatic_restaurado. Só para verificação.
set -euxo pipefail
cd /work/main
# --- PostgreSQL
su postgres -c "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='planejatic_prod'\"" | grep -q 1 \
  || su postgres -c "psql -c \"CREATE ROLE planejatic_prod LOGIN PASSWORD 'troque-esta-senha'\""
su postgres -c "dropdb --if-exists planejatic_prod"
su postgres -c "createdb -O planejatic_prod planejatic_prod"
# --- variáveis
export DATABASE_URL=postgres://planejatic_prod:troque-esta-senha@127.0.0.1:5432/planejatic_prod
export DJANGO_DEBUG=0
export DJANGO_SECRET_KEY="$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))')"
export DJANGO_ALLOWED_HOSTS=planejatic.orgao.gov.br
export DJANGO_CSRF_TRUSTED_ORIGINS=https://planejatic.orgao.gov.br
# --- instalação
make instalar
.venv/bin/python manage.py migrate --no-input
.venv/bin/python manage.py collectstatic --no-input
.venv/bin/python manage.py check --deploy
DJANGO_SUPERUSER_USERNAME=admin DJANGO_SUPERUSER_PASSWORD='uma-senha-longa-e-secreta' .venv/bin/python manage.py garantir_acesso
.venv/bin/python manage.py carregar_referencias
.venv/bin/python -c 'import os; print(2 * os.cpu_count() + 1)'
# --- gunicorn
.venv/bin/gunicorn config.wsgi:application --workers 3 --bind 127.0.0.1:8000 --timeout 60 \
  --access-logfile - --pid /tmp/planejatic-doc-gunicorn.pid --daemon
sleep 3
curl -sI -H 'Host: planejatic.orgao.gov.br' http://127.0.0.1:8000/entrar/ | head -3
curl -sI -H 'Host: planejatic.orgao.gov.br' -H 'X-Forwarded-Proto: https' http://127.0.0.1:8000/entrar/ | grep -iE '^(HTTP|strict-transport|set-cookie)'
curl -sI -H 'Host: planejatic.orgao.gov.br' -H 'X-Forwarded-Proto: https' http://127.0.0.1:8000/static/css/planejatic.css | grep -iE '^(HTTP|cache-control)'
ls staticfiles/css/ | head -5
# --- escala: segunda instância no mesmo banco; a sessão criada numa vale na outra
.venv/bin/gunicorn config.wsgi:application --workers 2 --bind 127.0.0.1:8001 --pid /tmp/planejatic-doc-gunicorn2.pid --daemon
sleep 3
.venv/bin/python manage.py shell -c "from django.conf import settings; print(settings.SESSION_ENGINE)"
SESSAO=$(.venv/bin/python manage.py shell -c "
from django.contrib.auth import get_user_model, SESSION_KEY, BACKEND_SESSION_KEY, HASH_SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
u = get_user_model().objects.get(username='admin'); s = SessionStore()
s[SESSION_KEY] = str(u.pk); s[BACKEND_SESSION_KEY] = 'django.contrib.auth.backends.ModelBackend'
s[HASH_SESSION_KEY] = u.get_session_auth_hash(); s.create(); print(s.session_key)" | tail -1)
for porta in 8000 8001; do
  curl -s -o /dev/null -w "instância $porta: %{http_code}\n" -H 'Host: planejatic.orgao.gov.br' -H 'X-Forwarded-Proto: https' -b "sessionid=$SESSAO" http://127.0.0.1:$porta/
done
# --- cópias de segurança
mkdir -p /tmp/backups-planejatic
.venv/bin/python manage.py copia_seguranca /tmp/backups-planejatic/copia-$(date +%F).xml.gz
pg_dump --format=custom --no-owner --file=/tmp/backups-planejatic/planejatic-$(date +%F).dump "$DATABASE_URL"
su postgres -c "dropdb --if-exists planejatic_restaurado"
su postgres -c "createdb -O planejatic_prod planejatic_restaurado"
DATABASE_URL=postgres://planejatic_prod:troque-esta-senha@127.0.0.1:5432/planejatic_restaurado .venv/bin/python manage.py migrate --no-input -v 0
DATABASE_URL=postgres://planejatic_prod:troque-esta-senha@127.0.0.1:5432/planejatic_restaurado .venv/bin/python manage.py restaurar_copia /tmp/backups-planejatic/copia-$(date +%F).xml.gz
su postgres -c "dropdb --if-exists planejatic_restaurado"
su postgres -c "createdb -O planejatic_prod planejatic_restaurado"
pg_restore --no-owner --dbname=postgres://planejatic_prod:troque-esta-senha@127.0.0.1:5432/planejatic_restaurado /tmp/backups-planejatic/planejatic-$(date +%F).dump
psql postgres://planejatic_prod:troque-esta-senha@127.0.0.1:5432/planejatic_restaurado -tAc "SELECT count(*) FROM contratos_contratacao"
# --- atualização
.venv/bin/python manage.py copia_seguranca /tmp/backups-planejatic/antes-da-atualizacao.xml.gz
make instalar
.venv/bin/python manage.py migrate --plan
.venv/bin/python manage.py migrate --no-input
.venv/bin/python manage.py collectstatic --no-input
.venv/bin/python manage.py carregar_referencias
kill -HUP "$(cat /tmp/planejatic-doc-gunicorn.pid)"
sleep 3
curl -s -o /dev/null -w "depois do HUP: %{http_code}\n" -H 'Host: planejatic.orgao.gov.br' -H 'X-Forwarded-Proto: https' http://127.0.0.1:8000/entrar/
# --- fim: para as duas instâncias
kill "$(cat /tmp/planejatic-doc-gunicorn.pid)" "$(cat /tmp/planejatic-doc-gunicorn2.pid)"
