"""Portal pages of news (SELF-4, SELF-7): news, pages, lifecycle, tira-dúvidas."""
