from accounts.access import contact_of


def portal(request):
    """What the page shell needs on every page: the contact profile and its company."""
    contact = contact_of(request.user) if hasattr(request, "user") else None
    return {
        "current_contact": contact,
        "current_company": contact.company if contact else None,
        "is_company_admin": bool(contact and contact.is_company_admin),
    }
