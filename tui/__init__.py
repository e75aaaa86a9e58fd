"""zhreader terminal interface: the Textual app and the CLI."""
