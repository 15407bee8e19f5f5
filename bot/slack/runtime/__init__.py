"""Running the bot: the Bolt app (:mod:`.app`), the HTTP or Socket Mode server (:mod:`.server`)
and its request checks, credentials, workspace allow-list, delivery dedupe and the memory
replicas share, ``/healthz``, and the services every listener is handed (:mod:`.services`)."""
