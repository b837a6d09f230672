"""The REST API, version 1 (django-ninja). Routers live in ``api/routers/``."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="Maillage API",
    version="1.0.0",
    description="API de Maillage : annuaire des acteurs, référentiel territorial.",
    urls_namespace="api-v1",
)
