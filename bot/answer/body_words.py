"""The words council bodies are named with ("County Council Cabinet", "Health and Wellbeing
Board"): what tells a body's name from a place's, for question understanding and the scope
check alike."""

from __future__ import annotations

BODY_NOUNS = {
    "council",
    "board",
    "cabinet",
    "panel",
    "committee",
    "executive",
    "commission",
    "authority",
    "hwb",
    "assembly",
    "partnership",
}
PLACE_QUALIFIERS = {"county", "city", "borough", "district", "town", "municipal", "full"}
GENERIC_BODY_WORDS = (
    BODY_NOUNS
    | PLACE_QUALIFIERS
    | {
        "the",
        "of",
        "and",
        "for",
        "health",
        "wellbeing",
        "well-being",
        "social",
        "care",
        "adult",
        "adults",
        "children",
        "corporate",
        "community",
        "communities",
        "protective",
        "services",
        "service",
        "planning",
        "environment",
        "infrastructure",
        "strategic",
        "priorities",
        "policy",
        "budget",
        "audit",
        "scrutiny",
        "overview",
        "governance",
        "public",
        "reform",
        "parenting",
        "integrated",
        "joint",
        "local",
        "standards",
        "licensing",
        "regulatory",
        "finance",
        "housing",
        "transport",
        "economic",
        "development",
        "special",
        "meeting",
        "sub",
        "select",
        "general",
        "purposes",
        "corporation",
    }
)

MEETING_KINDS = {
    "extraordinary",
    "special",
    "annual",
    "ordinary",
    "regular",
    "emergency",
    "reconvened",
    "adjourned",
    "inaugural",
}
"""Words that say which kind of meeting a body held ("Kent's extraordinary council meeting"),
not which body: never read as part of a body's name."""
