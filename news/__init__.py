"""News, policy and procedure pages, release news, software lifecycle, tira-dúvidas events (SELF-4,
SELF-7).
"""
