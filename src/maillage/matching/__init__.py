"""Partner suggestions, introductions with consent, peers' endorsements."""
