"""Recorded votes, one grammar per way councils print them, as verbatim spans.

Each module holds one grammar (``kent``, ``london``, ``portland``) and exposes it as a
:class:`~index.extract.votes.grammar.VoteGrammar`. A council format names the grammar its
minutes use (``CouncilFormat.vote_grammar``), so a document is only read with its own
grammar: Kent's "Motion carried." rule never runs over London's markdown and vice versa.
``Vote.text`` is always an exact slice of the input so that it can be quoted.
"""
