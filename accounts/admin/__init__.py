"""Back-office for analysts: companies, partner units, contacts, consultants and staff.

Saves and actions call accounts.services, so the admin obeys the same rules as the portal
(a company keeps an active administrator, invitations are e-mailed through the outbox, ...).
`site` sets the back-office's titles and unregisters the installed packages' screens it does not use.
"""

# Importing the modules registers their model admins.
from . import companies, contacts, partners, product_lines, site, staff  # noqa: F401
