"""The Slack bot (slack-bolt), by job:

- ``listeners/``: one Slack handler a file, wired in ``listeners/__init__.py``;
- ``asking/``: the path every question takes to a reply, thread follow-ups, 👍/👎 feedback;
- ``render/``: Block Kit messages and views, fitted to Slack's limits and split between quotes;
- ``runtime/``: running the app: HTTP and Socket Mode server, request checks, credentials,
  dedupe and shared state, health, the services listeners share;
- ``watches/``: what a sync tells Slack: the channel digest, channel watches and their posts.
"""
