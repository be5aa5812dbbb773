"""Errors the CLI turns into a Swedish message and exit code 2."""


class UserError(Exception):
    """Bad input, rules or configuration: shown to the user without a traceback."""


class InputError(UserError):
    """A document that cannot be read; the message names the file."""

    def __init__(self, path, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class RuleError(UserError):
    """Invalid rule files; each problem reads 'file:line:column: message'."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))
