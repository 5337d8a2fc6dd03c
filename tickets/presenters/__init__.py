"""How tickets are shown, one definition each for the portal, the back-office, the API and the
e-mails: the SLA state (`sla`), the timeline (`timeline`) and labels; durations are
`core.durations.format_duration`."""
