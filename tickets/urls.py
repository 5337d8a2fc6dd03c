"""Portal pages of tickets for client contacts and partner consultants."""

urlpatterns: list = []
