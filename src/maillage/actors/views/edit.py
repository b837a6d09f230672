"""Editing pages for an organisation's admins: profile, needs and offers, contacts."""
