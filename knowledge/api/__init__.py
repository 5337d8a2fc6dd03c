"""REST API of the knowledge base (API-1, SELF-1, SELF-2): search and read articles, suggestions for
a new ticket's summary, deflections and "Esta resposta ajudou?"; the same rules as the pages."""
