"""A minimal valid rule file, shared by the rule-loading and `rules` CLI tests."""

GOOD_RULE = """\
rules:
  - id: TEST-1
    title: Riskanalys
    area: riskanalys
    profiles: [kvalitetsberattelse]
    severity: warning
    legal_basis: ["SOSFS 2011:9 5 kap. 1 §"]
    check:
      type: section
      headings: [riskanalys]
    message: Riskanalys saknas.
    fix: Lägg till en riskanalys.
"""
