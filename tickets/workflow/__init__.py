"""How a ticket moves (TKT-6): the table (`table`) and the one move function (`moves`)."""
