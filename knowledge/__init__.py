"""Knowledge base: articles, Portuguese search, suggestions while typing, deflections (SELF-1, SELF-2,
SELF-7 videos).
"""
