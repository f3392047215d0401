"""Reusable widgets and the dock panels of the main window."""
