"""The audit trail: security events and changes to tickets' critical fields, in an append-only
table that database triggers keep (no UPDATE, no DELETE; ticket changes written by the database
itself, so `QuerySet.update()` cannot bypass them)."""
