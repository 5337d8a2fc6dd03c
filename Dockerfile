# Production image: Python 3.11, pinned dependencies, front-end assets from npm, static files
# collected at build time and served by WhiteNoise. Runs as an unprivileged user.
FROM node:20-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
# gettext for the catalogues; Pango, HarfBuzz's subsetter and DejaVu fonts for WeasyPrint's PDFs.
RUN apt-get update && apt-get install -y --no-install-recommends gettext \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 portal && mkdir -p /data/private && chown portal /data/private
COPY requirements/base.txt requirements/base.txt
RUN pip install -r requirements/base.txt
COPY --from=assets /build/node_modules ./node_modules
COPY . .
RUN SECRET_KEY=build-only DEBUG=0 python manage.py collectstatic --noinput \
    && SECRET_KEY=build-only python manage.py compilemessages --ignore=node_modules
USER portal
EXPOSE 8000
CMD ["daphne", "--bind", "0.0.0.0", "--port", "8000", "portal.asgi:application"]
