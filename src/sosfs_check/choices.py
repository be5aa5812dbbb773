"""The fixed choices of the command line and the configuration file, declared once.

`cli_options` makes Typer choices of them (and `serve` its form fields), `config` validates the
configuration file with them, and `console`'s fast path checks option values against them.
Output formats are in `outputs`; profiles come from the rule pack.
"""

LANGS = ("sv", "en")
FAIL_ON = ("error", "warning", "never")
COVERAGE_FORMATS = ("rich", "markdown", "html", "csv", "xlsx", "json")
COMPARE_FORMATS = ("rich", "markdown", "json")
LIST_FORMATS = ("rich", "json")
TEMPLATE_FORMATS = ("docx", "odt", "md")  # `mall`
