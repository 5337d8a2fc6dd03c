"""REST API v1 of tickets (API-1): what a client and an analyst do in the browser, same rules."""
