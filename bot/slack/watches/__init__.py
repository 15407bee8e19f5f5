"""What a sync tells Slack (``minutes-bot sync --notify``, :mod:`.notify`): the digest of new
decisions (:mod:`.digest`, rendered by :mod:`.decisions`) and, for each channel watching a
topic (:mod:`.topics`), the decisions that match it (:mod:`.posts`); and what the watch
commands answer (:mod:`.replies`)."""
