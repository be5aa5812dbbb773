"""Errors the CLI turns into a Swedish message and exit code 2."""


class UserError(Exception):
    """Bad input, rules or configuration: shown to the user without a traceback."""


class InputError(UserError):
    """A document that cannot be read; the message names the file."""

    def __init__(self, path, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")

    def __reduce__(self):  # picklable: batch workers send it back to the main process
        return type(self), (self.path, self.problem)


class InternalError(InputError):
    """A bug met while checking one file: the others are still checked."""


class NotAReportError(InputError):
    """Readable, but neither a patientsäkerhets- nor a kvalitetsberättelse, and no profile given."""


class RuleError(UserError):
    """Invalid rule files; each problem reads 'file:line:column: message'."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))

    def __reduce__(self):
        return type(self), (self.problems,)


class Stopped(BaseException):
    """Ctrl-C or SIGTERM (a CI timeout, `kill`). Not a KeyboardInterrupt, which Typer would turn
    into a silent exit code: it reaches `commands.guarded`, which ends the run with 128 + signal."""

    def __init__(self, signum: int):
        self.signum = signum
        super().__init__(signum)


def raise_stopped(signum, frame) -> None:
    """Handler for SIGINT and SIGTERM: unwind, so that workers stop and no half file is left."""
    raise Stopped(signum)
