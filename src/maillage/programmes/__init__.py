"""Territorial programmes, working groups, proposed and selected actions."""
