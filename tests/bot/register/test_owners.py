"""Owner spellings grouped from what the index holds, not from a list of posts."""

from __future__ import annotations

from bot.register.owners import Owners, owner_key

HWB = "Fernhill Health and Wellbeing Board"
PSR = "Kestrel Vale Public Services Reform Executive"


def test_keys_drop_articles_titles_brackets_and_doubled_titles() -> None:
    assert owner_key("the Director of Public Health (Kate Blackburn)") == (
        "director of public health"
    )
    assert owner_key("Cllr Cllr Okafor") == owner_key("Councillor Okafor") == "okafor"


def test_initialisms_brackets_and_first_names_join_their_group() -> None:
    owners = Owners.learn(
        [
            ("the Director of Public Health", HWB),
            ("DPH", HWB),
            ("Director of Public Health (Kate Blackburn)", HWB),
            ("Vicky Willett", PSR),
            ("Vicky", PSR),
            ("Vicky", HWB),  # another body's Vicky is not Vicky Willett
            ("Cllr Bradley", PSR),
            ("Councillor Bradley", PSR),
        ]
    )
    dph = owners.group("DPH")
    assert dph == owners.group("the Director of Public Health") == owners.find("Kate Blackburn")
    assert owners.name(dph) == "Director of Public Health"
    assert owners.find("dph") == dph
    assert owners.group("Vicky") == owners.group("Vicky Willett")
    assert owners.find("Bradley") == owners.group("Cllr Bradley") == "bradley"
    assert owners.name("bradley") in {"Cllr Bradley", "Councillor Bradley"}


def test_ambiguous_initialisms_are_left_apart_and_unknown_names_get_neighbours() -> None:
    owners = Owners.learn(
        [("Head of Libraries", HWB), ("Head of Legal", HWB), ("HL", HWB), ("Steve", PSR)]
    )
    assert owners.group("HL") == "hl"  # two posts abbreviate to HL: no guess
    assert owners.find("Head of Librarys") is None
    assert owners.closest("Head of Librarys")[0] == "Head of Libraries"
