import logging


class NoTracebackFor4xx(logging.Filter):
    """A refused request (403, 404 ...) is one line in the log, not a traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
