class ParseError(Exception):
    """A file the parser cannot read; the message is Vietnamese and safe to show."""
