"""Evaluation of social utility: indicators, measurements, collaborative assessments, reports."""
