"""The URL × role matrix: a world of objects owned by one organisation and its facilitator,
and, per app, what every role must get on every URL (``tables/``).

The test module is ``tests/test_url_matrix.py``.
"""
