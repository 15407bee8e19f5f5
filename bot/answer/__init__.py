"""Retrieval and answer building, shared by the CLI, the Slack bot and the evaluation."""
