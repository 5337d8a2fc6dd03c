"""The Ombudsman in the REST API v1 (OMB-1): the cases a client follows, opening one citing
earlier tickets, and a message; through accounts/access and ombudsman.services."""
