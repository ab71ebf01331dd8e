import re

# Explicit directional embeddings, overrides and isolates: invisible, and able to make text read differently from
# what it is ("exe.txt" shown for "txt.exe"). Ordinary right-to-left text needs none of them.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def strip_bidi_controls(text):
    return BIDI_CONTROLS.sub("", text or "")
