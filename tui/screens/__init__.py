"""Screens of the reader: main, help, and the filter dialogs."""
