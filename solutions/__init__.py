"""Consulta de Soluções: anonymised problems and solutions of accepted tickets, searched by everyone
(SELF-3).
"""
