# Production image: the project and its locked dependencies, run by docker-compose.yml.
FROM python:3.11-slim
ENV UV_PYTHON_DOWNLOADS=never UV_PROJECT_ENVIRONMENT=/opt/tip/.venv PATH=/opt/tip/.venv/bin:$PATH \
    TIPWH_HOME=/opt/tip/data
WORKDIR /opt/tip
RUN pip install --no-cache-dir uv==0.13.8
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --frozen --no-dev --no-install-project --compile-bytecode
COPY tipwh ./tipwh
COPY ingest ./ingest
COPY expectations ./expectations
COPY reports ./reports
COPY dbt_project ./dbt_project
COPY dags ./dags
COPY airflow_local_settings.py ./
RUN uv sync --frozen --no-dev --compile-bytecode && useradd --uid 50000 --create-home airflow \
    && mkdir -p /opt/tip/data && chown -R airflow /opt/tip/data
USER airflow
