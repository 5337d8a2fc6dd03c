"""The e-mail outbox (OPS-2): rows recorded in the caller's transaction, sent by tasks after commit."""
