"""The leaders' dashboard: SLA compliance, backlog, breaches coming, satisfaction and tickets not
opened, as charts with the same figures in tables and CSV files (back-office, leaders only)."""
