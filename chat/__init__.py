"""Chat with the support team over WebSockets (Django Channels); a conversation becomes a ticket
(CHN-3).
"""
