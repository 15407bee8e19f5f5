"""``python -m bot.cli``: the same as the ``minutes-bot`` console script."""

from bot.cli import main

main()
