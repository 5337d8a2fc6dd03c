"""SLA models: calendars, holidays, severity targets, contracts (issue 3)."""
