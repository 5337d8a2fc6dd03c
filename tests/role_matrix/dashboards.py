"""The leaders' dashboard (back-office): the page and each table's CSV file are the leaders'
(analysts 403); anyone who is not staff gets the back-office's login page."""

from dashboards.panels import PANEL_KEYS

ADMIN_SITE = {
    "admin:dashboards": {"analyst": 403, "leader": 200},
    **{f"admin:dashboards-{key}": {"analyst": 403, "leader": 200} for key in PANEL_KEYS},
}
