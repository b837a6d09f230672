"""Signals of the territorial referential (territories knows no other app; others listen)."""

from django.dispatch import Signal

# Sent after an import changed communes (a new vintage): apps holding copies of a
# commune's EPCI, département or région refresh them. No arguments.
referential_changed = Signal()
