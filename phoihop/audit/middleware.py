import re
import uuid

from phoihop.audit.context import AuditContext, reset_context, set_context

_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class AuditContextMiddleware:
    """Gives every request an id (kept from X-Request-ID when sane) for the audit log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.request_id = incoming if _SAFE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        token = set_context(AuditContext(request_id=request.request_id))
        try:
            response = self.get_response(request)
        finally:
            reset_context(token)
        response["X-Request-ID"] = request.request_id
        return response
