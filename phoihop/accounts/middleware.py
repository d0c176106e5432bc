from phoihop.accounts import permissions
from phoihop.audit.context import set_acting_organization


class ActingOrganizationMiddleware:
    """Resolves the organisation the signed-in user acts for on this request.

    It is the user's chosen organisation while that membership is active, else the first
    of their active memberships (in Vietnamese order); None for users without any.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.acting_organization = acting_organization(request.user)
        if request.acting_organization is not None:
            set_acting_organization(request.acting_organization.pk, request.acting_organization.name)
        return self.get_response(request)


def acting_organization(user):
    if not getattr(user, "is_authenticated", False):
        return None
    memberships = permissions.acting_memberships(user)
    for membership in memberships:
        if membership.organization_id == user.acting_organization_id:
            return membership.organization
    return memberships[0].organization if memberships else None
