"""Funding envelopes: a programme's or a funder's budget, allocations to partnerships,
spent vs allocated."""
