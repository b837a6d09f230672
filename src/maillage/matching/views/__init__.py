"""Pages of the matching app: suggestions (``suggestions``), introductions, follow-ups and
endorsements (``introductions``), the facilitators' pages (``facilitator``)."""
