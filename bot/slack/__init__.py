"""The Slack bot (slack-bolt)."""
