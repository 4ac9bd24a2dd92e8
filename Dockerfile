# The racegraph API. Neo4j runs in its own container (see docker-compose.yml), so no Java here.

# The browser assets (the graph views, <racegraph-view>, GraphiQL): npm ci from the committed lockfile,
# then esbuild writes them to ../app/static, as `make web` does. Only the result goes into the app image.
FROM node:20-slim AS web
WORKDIR /src/web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web/build.mjs ./
COPY web/src ./src
RUN node build.mjs

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /srv/racegraph
COPY pyproject.toml README.md ./
COPY app ./app
COPY graph ./graph
COPY nlp ./nlp
# Before the install: the static files are package data of `app` (pyproject.toml), served from there.
COPY --from=web /src/app/static ./app/static
RUN pip install --no-cache-dir .
RUN useradd --system --home-dir /srv/racegraph racegraph
USER racegraph
EXPOSE 8000
CMD ["racegraph", "serve"]
