"""Label texts as a screen reader should hear them."""


def plain(text: str) -> str:
    """``Na&me:`` -> ``Name``: no mnemonic ampersands (``&&`` is a literal one), no colon."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(":")
