"""`sosfs-check serve`: the API answers as the command line does, refuses what it must, and keeps
uploads private (the page in a real browser: test_serve_browser.py)."""

from __future__ import annotations

import asyncio
import io
import json
import os
import re
import shutil
import socket
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

from sosfs_check.config import configured_rules, load_config
from sosfs_check.errors import UserError
from sosfs_check.serve import MISSING_EXTRA, TOKEN_ENV, serve, token_for
from sosfs_check.serve.app import create_app
from sosfs_check.serve.guard import CSP
from sosfs_check.serve.work import Checker, Upload, display_name, saved

from helpers import run_cli

with warnings.catch_warnings():  # Starlette's client warns about httpx, which it still uses
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parents[1]
BORAS = ROOT / "fixtures" / "examples" / "boras-2021.docx"
BORAS_2018 = ROOT / "fixtures" / "docx" / "boras-2018-headings.docx"
HOSTILE = ROOT / "fixtures" / "hostile"
LOCAL = "http://127.0.0.1:8000"
TOKEN = "a-long-enough-token-1234"


def make_client(token: str | None = None, max_size: int | None = None, base_url: str = LOCAL) -> TestClient:
    config = load_config()
    app = create_app(Checker(configured_rules(config), config, max_size), "sv", token)
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


def test_openapi_documents_every_endpoint(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert set(paths) == {"/healthz", "/api/check", "/api/annotate", "/api/coverage", "/api/compare"}


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
        ({"profile": "nej"}, "profile: ogiltigt värde 'nej'; tillåtet: 'patientsakerhetsberattelse', "
                             "'kvalitetsberattelse' eller 'kombinerad'"),
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
    config = load_config()
    english = TestClient(create_app(Checker(configured_rules(config), config), "en"), base_url=LOCAL)
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
    assert client.get("/healthz", headers={"host": "localhost:8000"}).status_code == 200
    rebound = client.get("/healthz", headers={"host": "evil.example:8000"})
    assert rebound.status_code == 421


def test_form_posted_from_another_site_is_refused(client):
    answer = client.post("/api/check", files=upload(BORAS), headers={"origin": "http://evil.example"})
    assert answer.status_code == 403
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
    code, out, err = run_cli(monkeypatch, capsys, "serve", "--host", "0.0.0.0", "--port", "0")
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
        serve(port=0)
    assert str(error.value) == MISSING_EXTRA
    assert "pip install 'sosfs-check[serve]'" in MISSING_EXTRA


# --- a real server: 20 uploads at once, nothing in the logs, nothing left on disk ---------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def live(tmp_path):
    """A `sosfs-check serve` process with its own temporary folder; yields (url, temp folder, process)."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    port = free_port()
    env = {**os.environ, "TMPDIR": str(temp)}
    process = subprocess.Popen([sys.executable, "-m", "sosfs_check", "serve", "--port", str(port)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=tmp_path)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(url + "/healthz").status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.05)
    else:
        process.kill()
        pytest.fail(process.communicate()[0].decode())
    yield url, temp, process
    if process.poll() is None:
        process.terminate()
        process.wait(10)


def test_twenty_uploads_at_once_without_blocking(live):
    url, temp, _ = live
    data = BORAS.read_bytes()
    finished: list[str] = []

    async def one(client, index):
        answer = await client.post(url + "/api/check", files={"file": (f"r{index}.docx", data)})
        finished.append("check")
        return answer

    async def health(client):
        await asyncio.sleep(0.2)  # the uploads are in the pool
        answer = await client.get(url + "/healthz")
        finished.append("healthz")
        return answer

    async def main():
        async with httpx.AsyncClient(timeout=300) as client:
            return await asyncio.gather(health(client), *(one(client, i) for i in range(20)))

    healthz, *answers = asyncio.run(main())
    assert healthz.status_code == 200
    assert finished.index("healthz") < len(finished) - 1  # answered while checks were still running
    assert [a.status_code for a in answers] == [200] * 20
    documents = [a.json()["documents"][0] for a in answers]
    assert [d["path"] for d in documents] == [f"r{i}.docx" for i in range(20)]
    assert all({**d, "path": ""} == {**documents[0], "path": ""} for d in documents)
    assert list(temp.iterdir()) == []


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
