"""Dialogs of the main window (preferences, user cell editor, autosave restore)."""
