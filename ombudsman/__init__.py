"""Ombudsman: compliments and complaints about earlier tickets, on the Ombudsman calendar (OMB-1)."""
