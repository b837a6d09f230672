"""Audit trail: who changed what and when (database triggers, so bulk paths are covered)."""
