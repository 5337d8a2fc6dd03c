"""Satisfaction surveys (SRV-1..3): sent when a ticket closes, answered once by a signed link."""
