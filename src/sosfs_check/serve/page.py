"""The one page of `sosfs-check serve`, in Swedish or English, and its static files.

The report itself is not drawn here: the page asks /api/check for the HTML report
(`render.html_report`, the same renderer as `check --format html`) and shows its body, with the
report's own stylesheet served as /static/report.css.
"""

from __future__ import annotations

import json
import re
from html import escape
from importlib import resources

from .. import __version__
from ..packs import builtin_rules

WORDS = {
    "sv": {
        "title": "Granska patientsäkerhets- och kvalitetsberättelser",
        "intro": "Välj eller släpp en eller flera berättelser (Word, OpenDocument, PDF, Markdown eller text). "
                 "Filerna granskas på den här datorn och skickas ingen annanstans.",
        "choose": "Välj filer",
        "files": "Berättelser att granska",
        "drop": "Släpp filerna här, eller tryck på knappen för att välja dem.",
        "profile": "Slag av berättelse",
        "auto": "Avgör automatiskt",
        "as_of": "Bedöm lagläget per datum (valfritt)",
        "check": "Granska",
        "working": "Granskar …",
        "done": "Granskningen är klar.",
        "chosen": "Valda filer",
        "none_chosen": "Inga filer valda.",
        "results": "Resultat",
        "downloads": "Ladda ner",
        "annotated": "Word-kopia med kommentarer",
        "json": "JSON",
        "sarif": "SARIF",
        "markdown": "Markdown",
        "html": "HTML-rapport",
        "coverage": "Täckningsmatris",
        "coverage_xlsx": "Täckningsmatris (Excel)",
        "compare": "Jämförelse mellan åren",
        "mall": "Skapa en mall",
        "mall_intro": "En Word-mall med ett avsnitt för varje krav, vägledning och lagrum i kommentarer.",
        "year": "Året som berättelsen avser",
        "year_help": "Tomt: förra året, eller året efter förra årets berättelse.",
        "from": "Förra årets berättelse (valfritt)",
        "from_help": "Rubrikerna och målen förs över till nästa års mall, aldrig brödtexten.",
        "organisation": "Vårdgivare eller nämnd",
        "make_mall": "Ladda ner mallen (.docx)",
        "mall_done": "Mallen är nedladdad.",
        "downloaded": "Nedladdad: {name}",
        "failed": "Det gick inte",
        "signin": "Logga in",
        "token": "Åtkomstnyckel",
        "wrong": "Fel åtkomstnyckel.",
        "signin_intro": "Servern kräver en åtkomstnyckel. Använd länken som visades när servern startades, "
                        "eller skriv nyckeln här.",
        "privacy": "Inget lämnar datorn: sidan hämtar inget från internet, och uppladdade filer raderas "
                   "så snart svaret har skickats.",
    },
    "en": {
        "title": "Check patient safety and quality reports",
        "intro": "Choose or drop one or more reports (Word, OpenDocument, PDF, Markdown or text). "
                 "The files are checked on this computer and sent nowhere else.",
        "choose": "Choose files",
        "files": "Reports to check",
        "drop": "Drop the files here, or press the button to choose them.",
        "profile": "Kind of report",
        "auto": "Detect automatically",
        "as_of": "Judge the law as of date (optional)",
        "check": "Check",
        "working": "Checking …",
        "done": "The check is done.",
        "chosen": "Chosen files",
        "none_chosen": "No files chosen.",
        "results": "Results",
        "downloads": "Download",
        "annotated": "Word copy with comments",
        "json": "JSON",
        "sarif": "SARIF",
        "markdown": "Markdown",
        "html": "HTML report",
        "coverage": "Coverage matrix",
        "coverage_xlsx": "Coverage matrix (Excel)",
        "compare": "Comparison between the years",
        "mall": "Make a template",
        "mall_intro": "A Word template with a section for each requirement, guidance and legal basis in comments.",
        "year": "The year the report is about",
        "year_help": "Empty: last year, or the year after last year's report.",
        "from": "Last year's report (optional)",
        "from_help": "Its headings and goals carry over to next year's template, never its body text.",
        "organisation": "Care provider or board",
        "make_mall": "Download the template (.docx)",
        "mall_done": "The template has been downloaded.",
        "downloaded": "Downloaded: {name}",
        "failed": "That did not work",
        "signin": "Sign in",
        "token": "Access token",
        "wrong": "Wrong access token.",
        "signin_intro": "This server needs an access token. Use the link shown when the server started, "
                        "or type the token here.",
        "privacy": "Nothing leaves the computer: the page loads nothing from the internet, and uploaded files "
                   "are deleted as soon as the answer has been sent.",
    },
}

ACCEPT = ".docx,.docm,.odt,.pdf,.md,.markdown,.txt"


def _head(lang: str, title: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} – sosfs-check</title>
<link rel="stylesheet" href="/static/report.css">
<link rel="stylesheet" href="/static/page.css">
<link rel="icon" href="data:,">
</head>
"""


def page(lang: str) -> str:
    """The whole page: choosing files, the results, and the template form."""
    w = WORDS[lang]
    e = lambda key: escape(w[key])  # noqa: E731
    profiles = "".join(f'<option value="{key}">{escape(name)}</option>' for key, name in builtin_rules().profiles.items())
    mall_form = f"""
<section aria-labelledby="mall-heading" class="panel">
<h2 id="mall-heading">{e('mall')}</h2>
<p>{e('mall_intro')}</p>
<form id="mall-form">
<p><label for="mall-profile">{e('profile')}</label>
<select id="mall-profile" name="profile">{profiles}</select></p>
<p><label for="mall-year">{e('year')}</label>
<input id="mall-year" name="year" type="number" min="2011" max="2100" inputmode="numeric"
 aria-describedby="mall-year-help"> <span id="mall-year-help" class="help">{e('year_help')}</span></p>
<p><label for="mall-organisation">{e('organisation')}</label>
<input id="mall-organisation" name="organisation" type="text" autocomplete="organization"></p>
<p><label for="mall-from">{e('from')}</label>
<input id="mall-from" name="from" type="file" accept="{ACCEPT}" aria-describedby="mall-from-help">
<span id="mall-from-help" class="help">{e('from_help')}</span></p>
<p><button type="submit" id="mall-button">{e('make_mall')}</button></p>
</form>
</section>"""
    return _head(lang, w["title"]) + f"""<body data-lang="{lang}">
<a class="skip" href="#main">{'Hoppa till innehållet' if lang == 'sv' else 'Skip to content'}</a>
<header><p class="brand">sosfs-check {escape(__version__)}</p><h1>{e('title')}</h1></header>
<main id="main">
<section aria-labelledby="choose-heading" class="panel">
<h2 id="choose-heading">{e('choose')}</h2>
<p>{e('intro')}</p>
<form id="check-form">
<div id="drop" class="drop">
<p id="drop-help">{e('drop')}</p>
<p><label for="files">{e('files')}</label>
<input id="files" name="file" type="file" multiple accept="{ACCEPT}" aria-describedby="drop-help"></p>
<p id="chosen" aria-live="polite">{e('none_chosen')}</p>
</div>
<p><label for="profile">{e('profile')}</label>
<select id="profile" name="profile"><option value="">{e('auto')}</option>{profiles}</select></p>
<p><label for="as_of">{e('as_of')}</label>
<input id="as_of" name="as_of" type="date"></p>
<p><button type="submit" id="check-button">{e('check')}</button></p>
</form>
<p class="privacy">{e('privacy')}</p>
</section>
<div id="status" role="status" aria-live="polite"></div>
<div id="problem" role="alert"></div>
<section id="results" aria-labelledby="results-heading" hidden>
<h2 id="results-heading" tabindex="-1">{e('results')}</h2>
<div class="downloads" role="group" aria-labelledby="downloads-heading">
<h3 id="downloads-heading">{e('downloads')}</h3>
<button type="button" data-download="annotate" id="download-annotated">{e('annotated')}</button>
<button type="button" data-download="json">{e('json')}</button>
<button type="button" data-download="sarif">{e('sarif')}</button>
<button type="button" data-download="markdown">{e('markdown')}</button>
<button type="button" data-download="html">{e('html')}</button>
<button type="button" data-download="coverage-xlsx" id="download-coverage" hidden>{e('coverage_xlsx')}</button>
</div>
<div id="report"></div>
<section id="coverage" aria-labelledby="coverage-heading" hidden>
<h2 id="coverage-heading">{e('coverage')}</h2>
<div id="coverage-table" class="scroll" tabindex="0" role="region" aria-labelledby="coverage-heading"></div>
</section>
<section id="compare" aria-labelledby="compare-heading" hidden>
<h2 id="compare-heading">{e('compare')}</h2>
<div id="compare-body" class="scroll" tabindex="0" role="region" aria-labelledby="compare-heading"></div>
</section>
</section>{mall_form}
</main>
<script src="/static/words-{lang}.js"></script>
<script src="/static/app.js"></script>
</body>
</html>
"""


def sign_in(lang: str, wrong: bool = False) -> bytes:
    """The form that sets the token cookie, for a browser that came without the one-time link."""
    w = WORDS[lang]
    problem = f'<p role="alert" class="problem">{escape(w["wrong"])}</p>' if wrong else ""
    return (_head(lang, w["signin"]) + f"""<body>
<header><p class="brand">sosfs-check</p><h1>{escape(w['signin'])}</h1></header>
<main id="main"><section class="panel">
<p>{escape(w['signin_intro'])}</p>{problem}
<form method="post" action="/login">
<p><label for="token">{escape(w['token'])}</label>
<input id="token" name="token" type="password" autocomplete="current-password" required></p>
<p><button type="submit">{escape(w['signin'])}</button></p>
</form></section></main>
</body>
</html>
""").encode()


def static_files(lang: str) -> dict[str, tuple[bytes, str]]:
    """name -> (content, media type) for /static/NAME: the page's own files and the report's CSS."""
    from ..render import html_report

    folder = resources.files(__package__) / "static"
    words = "window.WORDS = " + json.dumps(WORDS[lang], ensure_ascii=False) + ";\n"
    return {
        "app.js": ((folder / "app.js").read_bytes(), "text/javascript; charset=utf-8"),
        "page.css": ((folder / "page.css").read_bytes(), "text/css; charset=utf-8"),
        f"words-{lang}.js": (words.encode(), "text/javascript; charset=utf-8"),
        "report.css": (_screen(html_report.CSS).encode(), "text/css; charset=utf-8"),
    }


def _screen(css: str) -> str:
    """The report's stylesheet without its page-wide rules (A4 margins, body width), which the page sets."""
    return re.sub(r"(?m)^(@page|body) \{[^}]*\}\n", "", css)

