"""The documents in docs/ describe the program as it is: the rules page is generated
from the rulebook and the rules' texts, and the file format names every field the
model reads."""

import re
from pathlib import Path

from ssa_wizard import rulebook
from ssa_wizard.model import Activity, Partner, Plans, Project, Proposal
from ssa_wizard.rules import RULES
from tools.rules_doc import rules_markdown

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_the_rules_page_is_what_the_code_and_rulebook_say():
    # Run `make docs` when this fails after a change to a rule, its texts or the rulebook.
    assert (DOCS / "rules.md").read_text(encoding="utf-8") == rules_markdown("ssa-2014")


def test_every_rule_of_the_code_is_documented_and_nothing_else():
    documented = set(re.findall(r"^### ([A-Z]-[A-Z-]+):", (DOCS / "rules.md").read_text(encoding="utf-8"),
                                re.MULTILINE))
    assert documented == set(RULES)
    assert documented == set(rulebook.load("ssa-2014").rules)


def test_the_file_format_names_every_field_the_model_reads():
    text = (DOCS / "file-format.md").read_text(encoding="utf-8")
    for model in (Proposal, Project, Partner, Activity, Plans):
        for name in model.model_fields:
            assert re.search(rf"[`.\"]{name}[`\"\[]", text), \
                f"{model.__name__}.{name} is not in docs/file-format.md"


def test_the_readme_links_only_inside_the_repository():
    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#]+)", readme):
        if not re.match(r"[a-z]+:", target):
            assert (DOCS.parent / target).exists(), target
    assert "shared/" not in readme
