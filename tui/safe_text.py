"""Text from files made safe to paint: no control character reaches the terminal.

Article text is data. The library already drops control characters, but the
reader must not trust that: a stray ESC would let a file drive the terminal.
Each control character becomes one visible symbol, so offsets into the text
(used to anchor notes) stay the same.
"""

from __future__ import annotations

# C0 controls become their Unicode "control pictures" (U+2400-U+241F), DEL
# becomes U+2421, and C1 controls (no picture exists) the replacement character.
_PICTURES = {code: 0x2400 + code for code in range(0x20)}
_PICTURES[0x7F] = 0x2421
_PICTURES.update({code: 0xFFFD for code in range(0x80, 0xA0)})


def displayable(text: str) -> str:
    """``text`` with every control character replaced by a visible symbol of the same length."""
    return text.translate(_PICTURES)
