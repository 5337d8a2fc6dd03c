"""The ticket statement ("Extrato de chamados", TKT-11): a company's tickets of a period, on screen,
as CSV and through the API."""
