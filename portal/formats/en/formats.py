"""English as the portal's clients read it: Brazilian day-first short dates (12/02/2026 is the 12th
of February everywhere else on the portal: dates typed, e-mails, PDFs), not Django's US month-first
ones. Input formats stay Django's."""

SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
