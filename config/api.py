"""The REST API at /api/v1/: mounts each app's router. OpenAPI at /api/v1/openapi.json.

Every operation needs a signed-in user — a bearer token from POST /api/v1/auth/token or
the browser's session (with CSRF on writes) — unless it says `auth=None`. Every error
is JSON with a Vietnamese `detail` (phoihop.core.api).
"""

from ninja import NinjaAPI

from phoihop.accounts.api import AUTH
from phoihop.accounts.api import router as auth_router
from phoihop.claims.api import router as claims_router
from phoihop.core.api import install_error_handlers
from phoihop.dashboards.api import router as dashboards_router
from phoihop.documents.api import router as documents_router
from phoihop.exchange.api import router as exchange_router
from phoihop.exemplary.api import router as exemplary_router
from phoihop.hotissues.api import router as hotissues_router
from phoihop.inspections.api import router as inspections_router
from phoihop.meetings.api import router as meetings_router
from phoihop.notifications.api import router as notifications_router
from phoihop.opinion.api import router as opinion_router
from phoihop.organisations.api import router as organisations_router
from phoihop.press.api import router as press_router
from phoihop.programs.api import router as programs_router
from phoihop.provisions.api import router as provisions_router
from phoihop.reports.api import router as reports_router
from phoihop.search.api import router as search_router

api = NinjaAPI(
    title="phoihop API",
    version="1",
    description="API của phoihop — quản lý chương trình phối hợp.",
    urls_namespace="api",
    auth=AUTH,
)
install_error_handlers(api)

api.add_router("/auth/", auth_router)
api.add_router("/", organisations_router)
api.add_router("/", programs_router)
api.add_router("/", notifications_router)
api.add_router("/documents/", documents_router)
api.add_router("/", exchange_router)
api.add_router("/provisions/", provisions_router)
api.add_router("/opinion/", opinion_router)
api.add_router("/press/", press_router)
api.add_router("/hot-issues/", hotissues_router)
api.add_router("/claims/", claims_router)
api.add_router("/search/", search_router)
api.add_router("/meetings/", meetings_router)
api.add_router("/inspections/", inspections_router)
api.add_router("/exemplary-models/", exemplary_router)
api.add_router("/reports/", reports_router)
api.add_router("/dashboards/", dashboards_router)
