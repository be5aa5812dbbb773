"""The FastAPI application: the page, its static files and the API (documented at /openapi.json).

Endpoints are plain functions, so FastAPI runs them in its thread pool: checking a report never
blocks the event loop, and many uploads are checked at once. Bad input answers 4xx with the same
Swedish message as the command line: 422 for a file that cannot be checked, 400 for a wrong
option, 413 for a request over the size limit.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated
from urllib.parse import quote

from fastapi import FastAPI, File, Form, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response

from .. import __version__
from ..choices import LANGS, TEMPLATE_FORMATS
from ..controls import visible
from ..errors import UserError
from ..outputs import render
from ..readers.safety import Limits
from ..render import Run
from ..settings import Settings
from ..validation import swedish
from .guard import Guard
from .page import page, sign_in, static_files
from .work import FileProblems, Upload, check_all, request_settings, saved

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MALL_TYPES = {"docx": DOCX, "odt": "application/vnd.oasis.opendocument.text", "md": "text/markdown; charset=utf-8"}
TEXT_TYPES = {
    "json": "application/json",
    "sarif": "application/sarif+json",
    "markdown": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
}


class CheckFormat(str, Enum):
    json = "json"
    sarif = "sarif"
    markdown = "markdown"
    html = "html"


class CoverageFormat(str, Enum):
    json = "json"
    xlsx = "xlsx"
    html = "html"
    markdown = "markdown"
    csv = "csv"


class CompareFormat(str, Enum):
    json = "json"
    markdown = "markdown"
    html = "html"


MallFormat = Enum("MallFormat", {name: name for name in TEMPLATE_FORMATS}, type=str)
Lang = Enum("Lang", {name: name for name in LANGS}, type=str)
ProfileField = Annotated[
    str | None,
    Form(description="Slag av berättelse, som `--profile` (även psb och kb); utan värde avgörs det av titeln."),
]
AsOfField = Annotated[str | None, Form(description="Bedöm lagläget per datum (ÅÅÅÅ-MM-DD), som `--as-of`.")]
FilesField = Annotated[list[UploadFile], File(description="En eller flera berättelser (DOCX, ODT, PDF, Markdown, text).")]


def _uploads(files: list[UploadFile]) -> list[Upload]:
    return [Upload(f.filename or "", f.file) for f in files]


def _attachment(data: bytes, media: str, name: str) -> Response:
    """A download named `name` (UTF-8 names as RFC 6266 says, with an ASCII fallback)."""
    fallback = name.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
    disposition = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"
    return Response(data, media_type=media, headers={"content-disposition": disposition})


def create_app(settings: Settings, token: str | None = None) -> Guard:
    """The FastAPI application behind its `Guard` (the app itself is `.app`), serving in
    `settings.lang` and checking under `settings` (a request may set its own profile and date)."""
    app = FastAPI(
        title="sosfs-check",
        version=__version__,
        description="Granskar patientsäkerhets- och kvalitetsberättelser mot lagen. Allt körs lokalt.",
        docs_url=None,  # Swagger UI and ReDoc load scripts from a CDN: the schema is at /openapi.json
        redoc_url=None,
    )
    lang = settings.lang
    statics = static_files(lang)
    limits = Limits.from_mb(settings.max_size)

    @app.exception_handler(FileProblems)
    async def _file_problems(request: Request, exc: FileProblems):
        return JSONResponse({"detail": str(exc), "problems": exc.problems}, status_code=422)

    @app.exception_handler(UserError)
    async def _user_error(request: Request, exc: UserError):
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        problems = [f"{'.'.join(str(p) for p in e['loc'][1:]) or 'begäran'}: {swedish(e)}" for e in exc.errors()]
        return JSONResponse({"detail": "; ".join(problems)}, status_code=400)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> HTMLResponse:
        return HTMLResponse(page(lang))

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        if name not in statics:
            return JSONResponse({"detail": "finns inte"}, status_code=404)
        data, media = statics[name]
        return Response(data, media_type=media)

    @app.get("/healthz", summary="Servern är igång")
    def healthz() -> dict:
        return {"status": "ok", "version": __version__}

    @app.post("/api/check", summary="Granska berättelser: samma JSON som `check --format json`")
    def api_check(file: FilesField, profile: ProfileField = None, as_of: AsOfField = None,
                  format: Annotated[CheckFormat, Form(description="Utdataformat.")] = CheckFormat.json) -> Response:
        asked = request_settings(settings, profile, as_of)
        with saved(_uploads(file)) as files:
            results = check_all(asked, files)
        text = render(format.value, results, lang, asked.rules, Run(docs_url=asked.docs_url))
        return Response(text, media_type=TEXT_TYPES[format.value])

    @app.post("/api/annotate", summary="Word-kopia med en kommentar vid varje brist, som `annotate`",
              response_class=Response, responses={200: {"content": {DOCX: {}}}})
    def api_annotate(file: Annotated[UploadFile, File(description="Word-utkastet (.docx).")],
                     profile: ProfileField = None, as_of: AsOfField = None) -> Response:
        from ..annotate import annotate, default_output, ensure_docx

        asked = request_settings(settings, profile, as_of)
        with saved(_uploads([file])) as [(name, path)]:
            try:
                ensure_docx(Path(name))
                [result] = check_all(asked, [(name, path)])
                ensure_docx(Path(name), result.document.format)
            except FileProblems:
                raise
            except UserError as exc:
                raise FileProblems([str(exc)]) from None
            target = default_output(path)
            try:
                annotate(result, path, target, rules=asked.rules)
            except UserError:
                raise
            except Exception as exc:  # as `check` reports a bug met in one file: a message, no traceback
                raise FileProblems([f"{name}: internt fel: {type(exc).__name__}: {exc}"]) from None
            data = target.read_bytes()
        return _attachment(data, DOCX, default_output(Path(name)).name)

    @app.post("/api/coverage", summary="Täckningsmatris över flera berättelser, som `coverage`",
              responses={200: {"content": {XLSX: {}, "application/json": {}}}})
    def api_coverage(file: FilesField, profile: ProfileField = None, as_of: AsOfField = None,
                     format: Annotated[CoverageFormat, Form(description="Utdataformat.")] = CoverageFormat.json
                     ) -> Response:
        from ..matrix import matrix
        from ..render import matrix as coverage

        asked = request_settings(settings, profile, as_of)
        with saved(_uploads(file)) as files:
            table = matrix(check_all(asked, files), asked.rules)
        if format is CoverageFormat.json:
            return Response(coverage.json_text(table), media_type=TEXT_TYPES["json"])
        if format is CoverageFormat.xlsx:
            return _attachment(coverage.xlsx(table, lang), XLSX, "tackning.xlsx")
        writer = {"html": coverage.html, "markdown": coverage.markdown, "csv": coverage.csv_text}[format.value]
        text = visible(writer(table, lang), markup=format is CoverageFormat.html)
        return Response(text, media_type=TEXT_TYPES[format.value])

    @app.post("/api/compare", summary="Jämför två års berättelser, som `compare`")
    def api_compare(old: Annotated[UploadFile, File(description="Förra årets berättelse.")],
                    new: Annotated[UploadFile, File(description="Årets berättelse.")],
                    profile: ProfileField = None, as_of: AsOfField = None,
                    format: Annotated[CompareFormat, Form(description="Utdataformat.")] = CompareFormat.json
                    ) -> Response:
        from ..compare import compare
        from ..render import compare as render_compare

        asked = request_settings(settings, profile, as_of)
        with saved(_uploads([old, new])) as files:
            before, after = check_all(asked, files)
        result = compare(before, after)
        if format is CompareFormat.json:
            return Response(render_compare.json_text(result), media_type=TEXT_TYPES["json"])
        text = visible(render_compare.markdown(result, lang))
        if format is CompareFormat.markdown:
            return Response(text, media_type=TEXT_TYPES["markdown"])
        return Response(_markdown_html(text), media_type=TEXT_TYPES["html"])

    @app.post("/api/mall", summary="Mall för berättelsen, som `mall` (med `from`: nästa års utkast)",
              response_class=Response, responses={200: {"content": {t: {} for t in MALL_TYPES.values()}}})
    def api_mall(profile: ProfileField = None,
                 year: Annotated[int | None, Form(ge=1900, le=2999, description="Året berättelsen avser.")] = None,
                 organisation: Annotated[str | None, Form(max_length=300, description="Nämnd eller vårdgivare.")] = None,
                 language: Annotated[Lang | None, Form(alias="lang", description="Mallens språk.")] = None,
                 format: Annotated[MallFormat, Form(description="Filformat.")] = MallFormat.docx,
                 previous: Annotated[UploadFile | None, File(alias="from", description="Förra årets berättelse.")] = None,
                 ) -> Response:
        from ..mall import plan

        asked = request_settings(settings, profile, None)
        last = None
        if previous is not None and previous.filename:
            with saved(_uploads([previous])) as files:
                [last] = check_all(asked, files)
        made = plan(asked.profile, year, organisation, asked.rules, (language.value if language else lang), last)
        data = made.render(format.value)
        return _attachment(data, MALL_TYPES[format.value], f"{made.file_stem}.{format.value}")

    return Guard(app, token, max_body=limits.package + 1024 * 1024, sign_in_page=lambda wrong=False: sign_in(lang, wrong))


def _markdown_html(text: str) -> str:
    """Markdown as an HTML fragment; raw HTML in the text stays text."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("table").render(text)
