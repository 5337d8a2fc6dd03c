"""Portal pages of billable consultancy (CON-3, CON-4, CON-6, CON-8, ACC-5): the consultancy card of
the ticket page, the list, the term (accept or decline) and the statement with its CSV, printable
page and PDF.

Thin views: input through forms, reads through consultoria/selectors.py and accounts/access, writes
through consultoria/services/; words in consultoria/presenters.py. Analysts work consultancies in
the back-office.
"""
