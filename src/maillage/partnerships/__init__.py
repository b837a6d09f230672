"""Partnerships: the four-step method, types, objectives, conventions, contributions, history."""
