"""Widgets of the reader, one concern per module."""
