"""Portal pages of the Ombudsman (OMB-1)."""
