"""zhreader model: reading, parsing, indexing, conversion, pinyin, notes.

Nothing here imports textual, rich or tui.
"""
