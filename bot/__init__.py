"""From a question to an answer: understanding, retrieval, abstention, the answer service,
and the ways people ask (the Slack app in ``bot.slack``, the CLI in ``bot.cli``).

Imports go one way: ``bot`` uses ``index`` and ``prompts``; neither ever imports ``bot``.
"""

__version__ = "0.1.0"
