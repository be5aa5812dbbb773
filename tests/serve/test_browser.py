"""The page of `sosfs-check serve` in a real headless Chromium (Debian's chromium and chromedriver,
driven by selenium): upload, checklist, downloads, coverage and comparison, and axe-core's
accessibility rules (WCAG 2.1 A and AA) with no serious or critical violation."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from sosfs_check.i18n import words

from helpers import run_cli

ROOT = Path(__file__).resolve().parents[2]
BORAS = ROOT / "fixtures" / "examples" / "boras-2021.docx"
BORAS_2018 = ROOT / "fixtures" / "docx" / "boras-2018-headings.docx"
BORAS_TEXT = ROOT / "fixtures" / "text" / "boras-patientsakerhetsberattelse-2021.txt"
AXE = ROOT / "tools" / "node" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1280,1800")

webdriver = pytest.importorskip("selenium.webdriver")
if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
    pytest.skip("chromium och chromedriver saknas (tools/test.sh installerar dem)", allow_module_level=True)

from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


@pytest.fixture
def server(request, start_server):
    """`sosfs-check serve` on a free loopback port; `@pytest.mark.parametrize("server", [[options]],
    indirect=True)` adds options."""
    url, _ = start_server(*getattr(request, "param", []))
    return url


@pytest.fixture
def browser(tmp_path):
    downloads = tmp_path / "nedladdat"
    downloads.mkdir()
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={tmp_path / 'profil'}"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.downloads = downloads
    yield driver
    driver.quit()


def choose(driver, url: str, *paths: Path) -> None:
    driver.get(url + "/")
    driver.find_element(By.ID, "files").send_keys("\n".join(str(p) for p in paths))
    driver.find_element(By.ID, "check-button").click()


def downloaded(driver, name: str) -> Path:
    target = driver.downloads / name
    WebDriverWait(driver, 60).until(lambda _: target.exists() and not list(driver.downloads.glob("*.crdownload")))
    return target


def axe_violations(driver) -> list[dict]:
    """axe-core's WCAG 2.0/2.1 A and AA rules on the page as it is now."""
    if not AXE.exists():
        pytest.skip("axe-core saknas: kör tools/test.sh (npm ci --prefix tools/node)")
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    driver.set_script_timeout(60)
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
        ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => n.target.join(' '))}))))"
        ".catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));"
    )


def screenshot(driver, path: Path) -> None:
    """The whole page, not only the window: the window is made as tall as the page first."""
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1280, min(height, 16000))
    driver.save_screenshot(str(path))
    assert path.stat().st_size > 10_000


def serious(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def test_check_a_report_in_the_browser(server, browser, monkeypatch, capsys, tmp_path):
    monkeypatch.chdir(BORAS.parent)
    code, out, err = run_cli(monkeypatch, capsys, "check", "--format", "json", BORAS.name)
    assert code in (0, 1), err
    expected = [(a["title"], words("sv")[a["status"]]) for a in json.loads(out)["documents"][0]["checklist"]]

    browser.get(server + "/")
    assert serious(axe_violations(browser)) == []  # the empty page
    choose(browser, server, BORAS)
    WebDriverWait(browser, 120).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#report table.checklist"))
    rows = browser.find_elements(By.CSS_SELECTOR, "#report table.checklist tr")[1:]
    shown = [(r.find_element(By.CSS_SELECTOR, "td").text, r.find_element(By.CSS_SELECTOR, "td.status").text)
             for r in rows]
    assert shown == expected
    assert browser.switch_to.active_element.get_attribute("id") == "results-heading"
    assert browser.find_element(By.ID, "status").text == "Granskningen är klar."
    assert browser.find_element(By.CSS_SELECTOR, "#report h2").text == "Granskning av boras-2021.docx"

    browser.find_element(By.ID, "download-annotated").click()
    annotated = docx.Document(downloaded(browser, "boras-2021.granskad.docx"))
    findings = json.loads(out)["documents"][0]["findings"]
    comments = [c.paragraphs[0].text for c in annotated.comments]
    # A summary comment on the title, then one comment per finding, as the CLI's annotate writes them.
    assert comments[0].startswith("sosfs-check: ") and comments[0].endswith(
        ". Varje brist har en egen kommentar vid avsnittet den gäller.")
    assert comments[1:] == [f"{words('sv')[f['severity']].capitalize()} ({f['rule_id']}): {f['message']}" for f in findings]
    assert findings
    browser.find_element(By.CSS_SELECTOR, "button[data-download=json]").click()
    assert json.loads(downloaded(browser, "boras-2021.json").read_text(encoding="utf-8")) == json.loads(out)

    screenshot(browser, tmp_path / "sida.png")
    violations = axe_violations(browser)
    assert serious(violations) == [], json.dumps(violations, ensure_ascii=False, indent=1)
    assert not [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]


def test_two_years_give_coverage_and_comparison(server, browser, tmp_path):
    choose(browser, server, BORAS_2018, BORAS)
    WebDriverWait(browser, 180).until(lambda d: d.find_element(By.ID, "compare").is_displayed())
    assert [h.text for h in browser.find_elements(By.CSS_SELECTOR, "#report h2")] == [
        "Granskning av boras-2018-headings.docx", "Granskning av boras-2021.docx"]
    header = browser.find_elements(By.CSS_SELECTOR, "#coverage-table tr:first-child th")
    assert [h.text for h in header][1:3] == ["boras-2018-headings.docx", "boras-2021.docx"]
    assert browser.find_element(By.CSS_SELECTOR, "#compare-body h3").text == (
        "Jämförelse: boras-2018-headings.docx → boras-2021.docx")
    browser.find_element(By.ID, "download-coverage").click()
    assert downloaded(browser, "tackning.xlsx").stat().st_size > 0
    screenshot(browser, tmp_path / "tva-ar.png")
    violations = axe_violations(browser)
    assert serious(violations) == [], json.dumps(violations, ensure_ascii=False, indent=1)


def test_make_a_template(server, browser, monkeypatch, capsys, tmp_path):
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli(monkeypatch, capsys, "mall", "--year", "2025", "--organisation", "Omsorgsnämnden i Ås",
                           "--output", "cli.docx")
    assert code == 0, err
    browser.get(server + "/")
    browser.find_element(By.ID, "mall-year").send_keys("2025")
    browser.find_element(By.ID, "mall-organisation").send_keys("Omsorgsnämnden i Ås")
    browser.find_element(By.ID, "mall-button").click()
    made = docx.Document(downloaded(browser, "patientsakerhetsberattelse-2025.docx"))
    assert browser.find_element(By.ID, "status").text == "Mallen är nedladdad."
    texts = lambda document: [(p.style.name, p.text) for p in document.paragraphs]  # noqa: E731
    assert texts(made) == texts(docx.Document(tmp_path / "cli.docx"))
    assert ("Heading 1", "Sammanfattning") in texts(made)


def test_drop_a_text_report(server, browser, monkeypatch, capsys):
    monkeypatch.chdir(BORAS_TEXT.parent)
    _, out, _ = run_cli(monkeypatch, capsys, "check", "--format", "json", BORAS_TEXT.name)
    expected = [words("sv")[a["status"]] for a in json.loads(out)["documents"][0]["checklist"]]
    browser.get(server + "/")
    browser.execute_script(
        "const dropped = new DataTransfer();"
        "dropped.items.add(new File([arguments[0]], arguments[1], {type: 'text/plain'}));"
        "document.getElementById('drop').dispatchEvent(new DragEvent('drop', {dataTransfer: dropped, bubbles: true}));",
        BORAS_TEXT.read_text(encoding="utf-8"), BORAS_TEXT.name,
    )
    assert browser.find_element(By.ID, "chosen").text == f"Valda filer: {BORAS_TEXT.name}"
    assert browser.execute_script("return document.getElementById('files').files.length") == 1
    browser.find_element(By.ID, "check-button").click()
    WebDriverWait(browser, 120).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#report table.checklist"))
    assert [c.text for c in browser.find_elements(By.CSS_SELECTOR, "#report td.status")] == expected
    assert not browser.find_element(By.ID, "download-annotated").is_displayed()  # Word copies only of Word files


@pytest.mark.parametrize("server", [["--lang", "en"]], indirect=True)
def test_page_in_english(server, browser, monkeypatch, capsys):
    monkeypatch.chdir(BORAS.parent)
    _, out, _ = run_cli(monkeypatch, capsys, "check", "--format", "json", BORAS.name)
    expected = [words("en")[a["status"]] for a in json.loads(out)["documents"][0]["checklist"]]
    choose(browser, server, BORAS)
    WebDriverWait(browser, 120).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#report table.checklist"))
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    assert browser.find_element(By.ID, "status").text == "The check is done."
    assert [c.text for c in browser.find_elements(By.CSS_SELECTOR, "#report td.status")] == expected
    violations = axe_violations(browser)
    assert serious(violations) == [], json.dumps(violations, ensure_ascii=False, indent=1)


def test_broken_file_shows_the_cli_message(server, browser, tmp_path):
    broken = tmp_path / "trasig.docx"
    broken.write_bytes(b"PK\x03\x04 inte en riktig fil")
    choose(browser, server, broken)
    WebDriverWait(browser, 60).until(lambda d: d.find_element(By.ID, "problem").text)
    problem = browser.find_element(By.ID, "problem")
    assert problem.get_attribute("role") == "alert"
    assert problem.text.startswith("Det gick inte: trasig.docx: ")
    assert not browser.find_element(By.ID, "results").is_displayed()


def test_keyboard_reaches_every_control_in_order(server, browser):
    browser.get(server + "/")
    order: list[str] = []
    for _ in range(10):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        active = browser.switch_to.active_element
        name = active.get_attribute("id") or active.get_attribute("class")
        if not order or order[-1] != name:  # the date field has a stop for each of its parts
            order.append(name)
    assert order[:5] == ["skip", "files", "profile", "as_of", "check-button"]
