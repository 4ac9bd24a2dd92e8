# The racegraph API. Neo4j runs in its own container (see docker-compose.yml), so no Java here.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /srv/racegraph
COPY pyproject.toml README.md ./
COPY app ./app
COPY graph ./graph
COPY nlp ./nlp
RUN pip install --no-cache-dir .
RUN useradd --system --home-dir /srv/racegraph racegraph
USER racegraph
EXPOSE 8000
CMD ["racegraph", "serve"]
