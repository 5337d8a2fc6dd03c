"""Portal pages of the chat (CHN-3) and its WebSocket consumer."""
