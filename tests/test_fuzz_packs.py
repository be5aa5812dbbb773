"""Fuzzing reaches packs and configuration (issue 22): any bytes as a rule file, a pack manifest,
a configuration file or a baseline give exit code 0, 1 or 2 with a message, never a traceback."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from test_hostile import EXAMPLE, RULE, cli

FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
MANIFEST = "name: eget\nversion: '1'\ndisable: [BERATTELSE-INNEHALLSFORTECKNING]\n"
CONFIG = ('profile = "kombinerad"\nselect = ["riskanalys"]\nfail-on = "warning"\n[[suppress]]\nrule = "riskanalys"\n'
          'reason = "Känt"\n')
YAML_PIECES = ["&a ", "*a", "!!python/object/apply:os.system ['true']", "[", "]", "{", "}", ": ", "- ", "\n", "  ",
               "'", '"', "\\u202e", "(?<!a)b", "(a+)+$", "(a)\\1", "type: absence", "patterns:", "id: X-1", "\t", "%YAML 1.1",
               "---", "...", "<<: *a", "!!binary AAAA", "? ", "| ", "> ", "#", "\x00", "\xff", "ÅÄÖ", "9" * 40]


def mutations(seed: str) -> st.SearchStrategy[bytes]:
    """Bytes near a valid file: pieces of YAML or TOML syntax spliced in, cut short, or random bytes."""
    spliced = st.tuples(st.integers(0, len(seed)), st.integers(0, 40), st.lists(st.sampled_from(YAML_PIECES), max_size=6)).map(
        lambda t: (seed[: t[0]] + "".join(t[2]) + seed[t[0] + t[1]:]).encode("utf-8", "surrogatepass"))
    return st.one_of(spliced, st.binary(max_size=300), st.just(seed.encode()).map(lambda b: b[: len(b) // 2]))


def assert_clean(code: int, err: str, out: str = "") -> None:
    assert code in (0, 1, 2), (code, err)
    assert "Traceback" not in err + out and "internt fel" not in err + out, err + out


def pack(tmp_path: Path, rules: bytes | str, manifest: bytes | str = MANIFEST) -> Path:
    folder = tmp_path / "paket"
    folder.mkdir(exist_ok=True)
    for name, data in (("pack.yml", manifest), ("regler.yml", rules)):
        (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode())
    return folder


@FUZZ
@given(data=mutations(RULE))
def test_any_rule_file_gives_a_message_not_a_traceback(tmp_path_factory, data):
    folder = pack(tmp_path_factory.mktemp("fuzz"), data)
    assert_clean(*cli("check", EXAMPLE, "--rules", folder, "-f", "json")[::2])
    code, out, err = cli("rules", "validate", folder / "regler.yml")
    assert_clean(code, err, out)


@FUZZ
@given(data=mutations(MANIFEST))
def test_any_pack_manifest_gives_a_message_not_a_traceback(tmp_path_factory, data):
    folder = pack(tmp_path_factory.mktemp("fuzz"), RULE, data)
    assert_clean(*cli("check", EXAMPLE, "--rules", folder, "-f", "json")[::2])
    code, out, err = cli("rules", "validate", folder)
    assert_clean(code, err, out)


@FUZZ
@given(data=mutations(CONFIG), name=st.sampled_from(["sosfs-check.toml", "pyproject.toml"]))
def test_any_configuration_gives_a_message_not_a_traceback(tmp_path_factory, data, name):
    folder = tmp_path_factory.mktemp("fuzz")
    config = folder / name
    config.write_bytes((b"[tool.sosfs-check]\n" if name == "pyproject.toml" else b"") + data)
    assert_clean(*cli("check", EXAMPLE, "--config", config, "-f", "json")[::2])


@FUZZ
@given(data=mutations('{"format": "sosfs-check-baseline/1", "findings": [{"path": "a", "fingerprint": "b"}]}'))
def test_any_baseline_gives_a_message_not_a_traceback(tmp_path_factory, data):
    baseline = tmp_path_factory.mktemp("fuzz") / "baslinje.json"
    baseline.write_bytes(data)
    assert_clean(*cli("check", EXAMPLE, "--baseline", baseline, "-f", "json")[::2])
