"""minutes-bot: answers what public boards decided, quoting the minutes word for word."""

__version__ = "0.1.0"
