"""`sosfs-check serve`: the API answers as the command line does, refuses what it must, and keeps
uploads private (the page in a real browser: test_browser.py)."""

from __future__ import annotations

import asyncio
import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
import warnings
import zipfile
from pathlib import Path

import docx
import httpx
import openpyxl
import pytest

from sosfs_check.errors import UserError
from sosfs_check.serve import MISSING_EXTRA, TOKEN_ENV, serve, token_for
from sosfs_check.serve.app import create_app
from sosfs_check.serve.guard import CSP
from sosfs_check.serve.work import Upload, display_name, saved
from sosfs_check.settings import resolve

from helpers import free_port, run_cli

with warnings.catch_warnings():  # Starlette's client warns about httpx, which it still uses
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parents[2]
BORAS = ROOT / "fixtures" / "examples" / "boras-2021.docx"
BORAS_2018 = ROOT / "fixtures" / "docx" / "boras-2018-headings.docx"
HOSTILE = ROOT / "fixtures" / "hostile"
KOMMUN_PACK = ROOT / "docs" / "examples" / "kommun-pack"
LOCAL = "http://127.0.0.1:8000"
TOKEN = "a-long-enough-token-1234"


def make_client(token: str | None = None, max_size: int | None = None, base_url: str = LOCAL) -> TestClient:
    app = create_app(resolve(max_size=max_size), token)
    return TestClient(app, base_url=base_url, follow_redirects=False)


@pytest.fixture(scope="module")
def client() -> TestClient:
    return make_client()


def upload(*paths: Path, field: str = "file") -> list:
    return [(field, (p.name, p.read_bytes())) for p in paths]


def cli(monkeypatch, capsys, folder: Path, *args: str) -> tuple[int, str, str]:
    """The command line run in `folder`, so that it names the files as the upload does."""
    monkeypatch.chdir(folder)
    return run_cli(monkeypatch, capsys, *args)


# --- the API gives what the command line gives --------------------------------------------------------


def test_healthz(client):
    answer = client.get("/healthz")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok", "version": __import__("sosfs_check").__version__}


@pytest.mark.parametrize("format", ["json", "sarif", "markdown", "html"])
def test_check_is_the_cli_output(client, monkeypatch, capsys, tmp_path, format):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(BORAS, folder / BORAS.name)
    shutil.copy(BORAS_2018, folder / BORAS_2018.name)
    code, out, err = cli(monkeypatch, capsys, folder, "check", "--format", format, BORAS.name, BORAS_2018.name)
    assert code in (0, 1), err
    data = {"format": format} if format != "json" else {}
    answer = client.post("/api/check", files=upload(BORAS, BORAS_2018), data=data)
    assert answer.status_code == 200
    if format in ("json", "sarif"):
        assert answer.json() == json.loads(out)
    else:
        assert answer.text == out


def test_check_json_without_format_field_is_check_format_json(client, monkeypatch, capsys):
    code, out, _ = cli(monkeypatch, capsys, BORAS.parent, "check", "--format", "json", BORAS.name)
    answer = client.post("/api/check", files=upload(BORAS))
    assert answer.headers["content-type"] == "application/json"
    assert answer.json() == json.loads(out)
    assert [d["path"] for d in answer.json()["documents"]] == ["boras-2021.docx"]


def test_config_and_rule_packs_are_the_cli_options(monkeypatch, capsys, tmp_path):
    config = tmp_path / "sosfs-check.toml"
    config.write_text('ignore = ["riskanalys"]\n[[suppress]]\nrule = "lagar"\nreason = "Känd, åtgärdas 2026"\n',
                      encoding="utf-8")
    shutil.copy(BORAS, tmp_path / BORAS.name)
    code, out, err = cli(monkeypatch, capsys, tmp_path, "check", "--format", "json", "--config", str(config),
                         "--rules", str(KOMMUN_PACK), BORAS.name)
    assert code in (0, 1), err
    answer = TestClient(create_app(resolve(config, [KOMMUN_PACK])), base_url=LOCAL).post("/api/check", files=upload(BORAS))
    assert answer.json() == json.loads(out)
    document = answer.json()["documents"][0]
    assert not {f["area"] for f in document["findings"]} & {"riskanalys"}
    assert [a["rules"] for a in document["checklist"] if a["area"] == "riskanalys"] in ([], [[]])
    assert {f["suppressed"] for f in document["findings"] if f["area"] == "lagar"} == {"Känd, åtgärdas 2026"}
    assert len(answer.json()["rule_packs"]) == 2


def test_check_profile_and_as_of_are_the_cli_options(client, monkeypatch, capsys):
    _, out, _ = cli(monkeypatch, capsys, BORAS.parent, "check", "--format", "json", "--profile",
                    "kvalitetsberattelse", "--as-of", "2022-01-01", BORAS.name)
    answer = client.post("/api/check", files=upload(BORAS), data={"profile": "kvalitetsberattelse",
                                                                   "as_of": "2022-01-01"})
    assert answer.json() == json.loads(out)
    assert answer.json()["documents"][0]["profile"] == "kvalitetsberattelse"


def test_annotate_returns_the_cli_copy(client, monkeypatch, capsys, tmp_path):
    shutil.copy(BORAS, tmp_path / BORAS.name)
    code, out, _ = cli(monkeypatch, capsys, tmp_path, "annotate", BORAS.name)
    assert code == 0
    answer = client.post("/api/annotate", files=upload(BORAS))
    assert answer.status_code == 200
    assert answer.headers["content-disposition"] == (
        "attachment; filename=\"boras-2021.granskad.docx\"; filename*=UTF-8''boras-2021.granskad.docx"
    )
    served = docx.Document(io.BytesIO(answer.content))
    written = docx.Document(tmp_path / "boras-2021.granskad.docx")
    assert [c.text for c in served.comments] == [c.text for c in written.comments]
    assert len(served.comments) == int(re.search(r"med (\d+) kommentarer", out).group(1)) > 0


def test_annotate_refuses_what_is_not_word(client, tmp_path):
    text = tmp_path / "rapport.md"
    text.write_text("# Patientsäkerhetsberättelse 2021\n\nText.\n", encoding="utf-8")
    answer = client.post("/api/annotate", files=upload(text))
    assert answer.status_code == 422
    assert answer.json()["detail"] == (
        "rapport.md: bara Word-filer (.docx) kan kommenteras; granska andra format med `sosfs-check check`"
    )


@pytest.mark.parametrize("format", ["json", "markdown", "csv", "html"])
def test_coverage_is_the_cli_output(client, monkeypatch, capsys, tmp_path, format):
    for path in (BORAS, BORAS_2018):
        shutil.copy(path, tmp_path / path.name)
    code, out, err = cli(monkeypatch, capsys, tmp_path, "coverage", "--format", format, BORAS.name, BORAS_2018.name)
    assert code == 0, err
    answer = client.post("/api/coverage", files=upload(BORAS, BORAS_2018), data={"format": format})
    assert answer.status_code == 200
    assert answer.text == out


def test_coverage_xlsx_is_the_cli_workbook(client, monkeypatch, capsys, tmp_path):
    for path in (BORAS, BORAS_2018):
        shutil.copy(path, tmp_path / path.name)
    code, _, err = cli(monkeypatch, capsys, tmp_path, "coverage", "--format", "xlsx", "--output", "cli.xlsx",
                       BORAS.name, BORAS_2018.name)
    assert code == 0, err
    answer = client.post("/api/coverage", files=upload(BORAS, BORAS_2018), data={"format": "xlsx"})
    assert answer.status_code == 200
    assert answer.headers["content-disposition"].startswith('attachment; filename="tackning.xlsx"')
    served = openpyxl.load_workbook(io.BytesIO(answer.content))
    written = openpyxl.load_workbook(tmp_path / "cli.xlsx")
    assert served.sheetnames == written.sheetnames
    for name in served.sheetnames:
        assert list(served[name].values) == list(written[name].values)
    assert list(served.active.values)[0][:5] == ("Område", "Lagrum", "Krav", "boras-2021.docx",
                                                  "boras-2018-headings.docx")


@pytest.mark.parametrize("format", ["json", "markdown"])
def test_compare_is_the_cli_output(client, monkeypatch, capsys, tmp_path, format):
    for path in (BORAS, BORAS_2018):
        shutil.copy(path, tmp_path / path.name)
    code, out, err = cli(monkeypatch, capsys, tmp_path, "compare", "--format", format, BORAS_2018.name, BORAS.name)
    assert code == 0, err
    files = upload(BORAS_2018, field="old") + upload(BORAS, field="new")
    answer = client.post("/api/compare", files=files, data={"format": format})
    assert answer.status_code == 200
    assert answer.text == out


def test_compare_html_is_the_markdown_as_a_fragment(client):
    files = upload(BORAS_2018, field="old") + upload(BORAS, field="new")
    answer = client.post("/api/compare", files=files, data={"format": "html"})
    assert answer.status_code == 200
    assert answer.text.startswith("<h1>Jämförelse: boras-2018-headings.docx → boras-2021.docx</h1>\n")
    assert "<table>" in answer.text and "<script" not in answer.text


@pytest.mark.parametrize(
    ("options", "data"),
    [
        (["--year", "2025", "--organisation", "Vård- och omsorgsnämnden i X"],
         {"year": "2025", "organisation": "Vård- och omsorgsnämnden i X"}),
        (["--profile", "kvalitetsberattelse", "--lang", "en", "--year", "2024"],
         {"profile": "kvalitetsberattelse", "lang": "en", "year": "2024"}),
        (["--from", BORAS.name], {}),
    ],
)
def test_mall_is_the_cli_template(client, monkeypatch, capsys, tmp_path, options, data):
    shutil.copy(BORAS, tmp_path / BORAS.name)
    code, out, err = cli(monkeypatch, capsys, tmp_path, "mall", "--format", "md", "--output", "cli.md", *options)
    assert code == 0, err
    files = upload(BORAS, field="from") if "--from" in options else None
    answer = client.post("/api/mall", data={**data, "format": "md"}, files=files)
    assert answer.status_code == 200
    assert answer.text == (tmp_path / "cli.md").read_text(encoding="utf-8")
    word = client.post("/api/mall", data=data, files=files)
    assert word.headers["content-type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    code, _, err = cli(monkeypatch, capsys, tmp_path, "mall", "--output", "cli.docx", *options)
    assert code == 0, err
    headings = lambda document: [(p.style.name, p.text) for p in document.paragraphs  # noqa: E731
                                 if p.style.name.startswith(("Heading", "Title"))]
    assert headings(docx.Document(io.BytesIO(word.content))) == headings(docx.Document(tmp_path / "cli.docx"))


def test_mall_names_the_file_as_the_cli_does(client):
    answer = client.post("/api/mall", data={"year": "2025"})
    assert answer.headers["content-disposition"] == (
        "attachment; filename=\"patientsakerhetsberattelse-2025.docx\"; "
        "filename*=UTF-8''patientsakerhetsberattelse-2025.docx"
    )


def test_mall_from_a_broken_report_gets_the_cli_message(client, monkeypatch, capsys, tmp_path):
    broken = tmp_path / "förra.docx"
    broken.write_bytes(b"PK\x03\x04 trasig")
    code, _, err = cli(monkeypatch, capsys, tmp_path, "mall", "--from", broken.name, "--output", "x.docx")
    assert code == 2
    answer = client.post("/api/mall", files=upload(broken, field="from"))
    assert answer.status_code == 422
    assert answer.json()["detail"] == err.strip().removeprefix("sosfs-check: ")


def test_openapi_documents_every_endpoint(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert set(paths) == {"/healthz", "/api/check", "/api/annotate", "/api/coverage", "/api/compare", "/api/mall"}


# --- bad input: 4xx with the command line's Swedish message -------------------------------------------


@pytest.mark.parametrize("name", sorted(p.name for p in HOSTILE.iterdir() if p.suffix != ".py"))
def test_hostile_file_gets_the_cli_message(client, monkeypatch, capsys, name):
    code, _, err = cli(monkeypatch, capsys, HOSTILE, "check", "--format", "json", name)
    answer = client.post("/api/check", files=upload(HOSTILE / name))
    if code == 2:
        assert answer.status_code == 422
        assert answer.json()["detail"] == err.strip().removeprefix("sosfs-check: ")
    else:
        assert answer.status_code == 200


def test_one_bad_file_among_good_names_each_problem(client, tmp_path):
    empty = tmp_path / "tom.docx"
    empty.write_bytes(b"")
    answer = client.post("/api/check", files=upload(BORAS, empty))
    assert answer.status_code == 422
    assert answer.json()["problems"] == ["tom.docx: filen är tom (0 byte)"]


def test_a_bug_met_in_a_file_is_a_message_not_a_500(client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("oväntat")

    monkeypatch.setattr("sosfs_check.engine.evaluate", broken)
    answer = client.post("/api/check", files=upload(BORAS))
    assert answer.status_code == 422
    assert answer.json()["detail"] == "boras-2021.docx: internt fel: RuntimeError: oväntat"


def test_a_bug_met_while_annotating_is_a_message_not_a_500(client, monkeypatch):
    def broken(*args, **kwargs):
        raise KeyError("w:p")

    monkeypatch.setattr("sosfs_check.annotate.annotate", broken)
    answer = client.post("/api/annotate", files=upload(BORAS))
    assert answer.status_code == 422
    assert answer.json()["detail"] == "boras-2021.docx: internt fel: KeyError: 'w:p'"


def test_size_limit_is_the_cli_limit(monkeypatch, capsys, tmp_path):
    big = tmp_path / "stor.txt"
    big.write_text("Patientsäkerhetsberättelse\n" + "x" * (2 * 1024 * 1024), encoding="utf-8")
    code, _, err = cli(monkeypatch, capsys, tmp_path, "check", "--max-size", "1", big.name)
    assert code == 2
    answer = make_client(max_size=1).post("/api/check", files=upload(big))
    assert answer.status_code == 422
    assert answer.json()["detail"] == err.strip().removeprefix("sosfs-check: ")


def test_request_over_the_limit_is_refused_while_it_streams(tmp_path):
    huge = tmp_path / "enorm.docx"
    huge.write_bytes(os.urandom(4 * 1024 * 1024))
    answer = make_client(max_size=1).post("/api/check", files=upload(huge))
    assert answer.status_code == 413
    assert answer.json()["detail"] == "begäran är för stor (gränsen är 3 MB); höj gränsen med --max-size MB"


@pytest.mark.parametrize(
    ("data", "detail"),
    [
        ({"profile": "nej"}, "profile: okänd profil 'nej'; välj bland: patientsakerhetsberattelse, "
                             "kvalitetsberattelse, kombinerad"),
        ({"as_of": "igår"}, "--as-of: ogiltigt datum 'igår'; skriv ÅÅÅÅ-MM-DD"),
        ({"format": "pdf"}, "format: ogiltigt värde 'pdf'; tillåtet: 'json', 'sarif', 'markdown' eller 'html'"),
    ],
)
def test_wrong_option_is_400(client, data, detail):
    answer = client.post("/api/check", files=upload(BORAS), data=data)
    assert answer.status_code == 400
    assert answer.json() == {"detail": detail}


def test_no_file_is_400(client):
    answer = client.post("/api/check")
    assert answer.status_code == 400
    assert answer.json() == {"detail": "file: saknas"}


# --- privacy and safety ---------------------------------------------------------------------------------


def test_every_answer_carries_the_csp(client):
    for answer in (client.get("/"), client.get("/static/app.js"), client.get("/healthz"),
                   client.post("/api/check"), client.get("/finns-inte"),
                   client.post("/api/check", files=upload(BORAS))):
        assert answer.headers["content-security-policy"] == CSP
        assert answer.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'none'" in CSP and "'unsafe-inline'" not in CSP


def _served_pages(client) -> dict[str, str]:
    page = client.get("/").text
    linked = re.findall(r'(?:src|href)="(/static/[^"]+)"', page)
    assert "/static/app.js" in linked and "/static/report.css" in linked
    pages = {"/": page, "/openapi.json": client.get("/openapi.json").text}
    for url in linked:
        answer = client.get(url)
        assert answer.status_code == 200, url
        pages[url] = answer.text
    report = client.post("/api/check", files=upload(BORAS), data={"format": "html"})
    pages["report"] = report.text
    pages["sign-in"] = make_client(token=TOKEN).get("/", headers={"accept": "text/html"}).text
    return pages


def test_no_served_page_names_another_host(client):
    for url, text in _served_pages(client).items():
        assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}|url\(\s*['\"]?(?!data:)[a-z]+:", text, re.I), url
        assert not re.search(r"@import|@font-face", text), url


def test_page_in_english():
    english = TestClient(create_app(resolve(lang="en")), base_url=LOCAL)
    page = english.get("/").text
    assert '<html lang="en">' in page and "<h1>Check patient safety and quality reports</h1>" in page
    report = english.post("/api/check", files=upload(BORAS), data={"format": "html"}).text
    assert "<h3>Management-system checklist</h3>" in report


def test_saved_uploads_are_private_and_removed():
    with saved([Upload("../../rapport.docx", io.BytesIO(b"abc")), Upload("", io.BytesIO(b"d"))]) as files:
        (name, path), (other, other_path) = files
        folder = path.parent.parent
        assert (name, other) == ("rapport.docx", "fil-2")
        assert folder.stat().st_mode & 0o777 == 0o700
        assert path.read_bytes() == b"abc" and path.parent.parent == other_path.parent.parent
    assert not folder.exists()


@pytest.mark.parametrize(
    ("sent", "name"),
    [("C:\\Users\\anna\\PSB 2021.docx", "PSB 2021.docx"), ("a/b/c.pdf", "c.pdf"), ("..", "fil-1"),
     ("x\x00y.md", "x_y.md"), ("", "fil-1"), ("å" * 150 + ".docx", "å" * 97 + ".docx")],
)
def test_display_name(sent, name):
    assert display_name(sent, 0) == name


# --- who may ask -----------------------------------------------------------------------------------------


def test_loopback_server_answers_only_to_loopback_names(client):
    for name in ("localhost:8000", "127.0.0.2:8000", "[::1]:8000", "127.0.0.1"):
        assert client.get("/healthz", headers={"host": name}).status_code == 200, name
    rebound = client.get("/healthz", headers={"host": "evil.example:8000"})
    assert rebound.status_code == 421


def test_form_posted_from_another_site_is_refused(client):
    for origin in ("http://evil.example", "http://127.0.0.1:9999", "null"):
        answer = client.post("/api/check", files=upload(BORAS), headers={"origin": origin})
        assert answer.status_code == 403, origin
        assert answer.json() == {"detail": "formulär från en annan webbplats tas inte emot"}
    assert client.post("/api/check", files=upload(BORAS), headers={"origin": LOCAL}).status_code == 200


def test_token_is_required_on_every_request():
    guarded = make_client(token=TOKEN, base_url="http://192.0.2.10:8000")
    assert guarded.get("/healthz").status_code == 401
    assert guarded.post("/api/check", files=upload(BORAS)).status_code == 401
    assert guarded.get("/healthz", headers={"authorization": "Bearer wrong-token-but-long"}).status_code == 401
    assert guarded.get("/healthz", headers={"authorization": f"Bearer {TOKEN}"}).status_code == 200
    page = guarded.get("/", headers={"accept": "text/html"})
    assert page.status_code == 401 and '<label for="token">Åtkomstnyckel</label>' in page.text


def test_one_time_link_sets_the_cookie_once():
    guarded = make_client(token=TOKEN, base_url="http://192.0.2.10:8000")
    code = guarded.app.one_time_link()
    first = guarded.get(f"/login/{code}")
    assert first.status_code == 303 and first.headers["location"] == "/"
    assert first.headers["set-cookie"] == f"sosfs_check_token={TOKEN}; HttpOnly; SameSite=Strict; Path=/"
    assert guarded.get("/healthz").status_code == 200  # the client keeps the cookie
    guarded.cookies.clear()
    assert guarded.get(f"/login/{code}").status_code == 401


def test_sign_in_form_sets_the_cookie():
    guarded = make_client(token=TOKEN, base_url="http://192.0.2.10:8000")
    wrong = guarded.post("/login", data={"token": "nope"})
    assert wrong.status_code == 401 and "Fel åtkomstnyckel." in wrong.text
    right = guarded.post("/login", data={"token": TOKEN})
    assert right.status_code == 303
    assert guarded.get("/").status_code == 200


def test_other_host_without_token_refuses_to_start(monkeypatch, capsys):
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    code, out, err = run_cli(monkeypatch, capsys, "serve", "--host", "0.0.0.0")
    assert code == 2
    assert err == (
        "sosfs-check: --host 0.0.0.0: servern nås då från andra datorer och kräver en åtkomstnyckel; "
        f"ange --token NYCKEL eller miljövariabeln {TOKEN_ENV} (minst 16 tecken), "
        "eller lyssna bara på den här datorn med --host 127.0.0.1\n"
    )


def test_token_from_option_or_environment(monkeypatch):
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    assert token_for("127.0.0.1", None) is None
    assert token_for("::1", None) is None
    assert token_for("0.0.0.0", TOKEN) == TOKEN
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    assert token_for("10.1.2.3", None) == TOKEN
    with pytest.raises(UserError, match="minst 16 tecken"):
        token_for("10.1.2.3", "kort")


def test_missing_extra_is_named(monkeypatch):
    monkeypatch.setitem(sys.modules, "uvicorn", None)
    with pytest.raises(UserError) as error:
        serve(resolve(), port=0)
    assert str(error.value) == MISSING_EXTRA
    assert "pip install 'sosfs-check[serve]'" in MISSING_EXTRA


# --- a real server: 20 uploads at once, nothing in the logs, nothing left on disk ---------------------------


@pytest.fixture
def live(tmp_path, start_server):
    """A `sosfs-check serve` process with its own temporary folder; yields (url, temp folder, process)."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    url, process = start_server(env={**os.environ, "TMPDIR": str(temp)})
    return url, temp, process


def test_twenty_uploads_at_once_without_blocking(live):
    """20 uploads at once all get their own report, and the server keeps answering meanwhile."""
    url, temp, _ = live
    data = BORAS.read_bytes()
    checked: list[int] = []
    health: list[int] = []  # for each /healthz answer: how many checks had finished by then

    async def one(client, index):
        answer = await client.post(url + "/api/check", files={"file": (f"r{index}.docx", data)})
        checked.append(index)
        return answer

    async def poll(client):
        while len(checked) < 20:
            assert (await client.get(url + "/healthz")).status_code == 200
            health.append(len(checked))
            await asyncio.sleep(0.01)

    async def main():
        async with httpx.AsyncClient(timeout=300) as client:
            return await asyncio.gather(*(one(client, i) for i in range(20)), poll(client))

    *answers, _ = asyncio.run(main())
    # answered while checks were in flight (the pool's threads share the GIL, so the checks tend to
    # finish together at the end; that the event loop never runs them is test_api_endpoints_run_in_the_thread_pool)
    assert any(done < 20 for done in health), health
    assert [a.status_code for a in answers] == [200] * 20
    documents = [a.json()["documents"][0] for a in answers]
    assert [d["path"] for d in documents] == [f"r{i}.docx" for i in range(20)]
    assert all({**d, "path": ""} == {**documents[0], "path": ""} for d in documents)
    assert list(temp.iterdir()) == []


def test_api_endpoints_run_in_the_thread_pool(client):
    """Plain functions: FastAPI runs them in its pool, so a check never blocks the event loop."""
    routes = [r for r in client.app.app.routes if getattr(r, "path", "").startswith("/api/")]
    assert len(routes) == 5
    assert not [r.path for r in routes if asyncio.iscoroutinefunction(r.endpoint)]


def test_logs_hold_no_file_names_or_contents(live):
    url, temp, process = live
    secret = "Hemlig-enhet-Solrosen.docx"
    with zipfile.ZipFile(BORAS) as package:
        body_text = package.read("word/document.xml").decode()
    quote = re.findall(r"<w:t[^>]*>([^<]{40,})</w:t>", body_text)[0]
    assert httpx.post(url + "/api/check", files={"file": (secret, BORAS.read_bytes())}).status_code == 200
    assert httpx.post(url + "/api/annotate", files={"file": (secret, BORAS.read_bytes())}).status_code == 200
    assert httpx.post(url + "/api/check", files={"file": (secret, b"PK\x03\x04trasig")}).status_code == 422
    process.terminate()
    log = process.communicate(timeout=10)[0].decode()
    assert "öppna http://127.0.0.1" in log
    assert secret not in log and "Solrosen" not in log and quote not in log
    assert "Traceback" not in log
    assert list(temp.iterdir()) == []


def test_token_server_prints_a_one_time_link(tmp_path):
    port = free_port()
    env = {**os.environ, TOKEN_ENV: TOKEN}
    process = subprocess.Popen([sys.executable, "-m", "sosfs_check", "serve", "--port", str(port)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=tmp_path, text=True)
    try:
        line = process.stdout.readline()
        link = re.fullmatch(rf"sosfs-check serve: öppna (http://127\.0\.0\.1:{port}/login/[\w-]+) "
                            r"\(länken fungerar en gång; sedan krävs nyckeln\)\. Avsluta med Ctrl-C\.\n", line)
        assert link, line
        with httpx.Client() as browser:
            assert browser.get(f"http://127.0.0.1:{port}/healthz").status_code == 401
            assert browser.get(link.group(1)).status_code == 303
            assert browser.get(f"http://127.0.0.1:{port}/").status_code == 200
        assert httpx.get(link.group(1)).status_code == 401  # used once
    finally:
        process.terminate()
        process.wait(10)


def test_open_shows_the_page_in_the_browser(tmp_path):
    opened = tmp_path / "opened.txt"
    fake = tmp_path / "browser.sh"
    fake.write_text(f'#!/bin/sh\necho "$1" > {opened}\n', encoding="utf-8")
    fake.chmod(0o755)
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "sosfs_check", "serve", "--port", str(port), "--open"],
                               env={**os.environ, "BROWSER": str(fake)}, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, cwd=tmp_path)
    try:
        for _ in range(300):
            if opened.exists() and opened.read_text():
                break
            time.sleep(0.05)
        assert opened.read_text() == f"http://127.0.0.1:{port}/\n"
        assert httpx.get(f"http://127.0.0.1:{port}/").status_code == 200
    finally:
        process.terminate()
        process.wait(10)
