"""Incoming e-mail: IMAP poller and MTA pipe into one service; replies become messages, follow-ups or
new tickets (CHN-1, TKT-7, TKT-9).
"""
