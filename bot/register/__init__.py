"""The action register: who owes what, across meetings.

Minutes record an action where it is raised and, often, again where it is reported on (the
Chorley "Action – … / Update – …" log, a later item that "reported back", a matters-arising
line). Answers to "what does X have outstanding?" need all of those read together, so the
register is derived from the index's items at read time (:func:`register.load_register`): it
follows every correction and removal a sync makes without a second store to keep in step.
"""
