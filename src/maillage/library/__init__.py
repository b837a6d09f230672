"""The case library: finished partnerships turned into case studies, practical sheets and
good practices."""
