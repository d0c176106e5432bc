from phoihop.accounts import permissions


def acting_organization(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "acting_organization": getattr(request, "acting_organization", None),
        "acting_memberships": permissions.acting_memberships(user),
    }
