// The page of `sosfs-check serve`: sends the chosen files to the API on this server and shows
// the answers. The report is the server's HTML report (the same renderer as `check --format html`);
// only its body is shown. Nothing is fetched from any other host.
"use strict";

(function () {
  const W = window.WORDS;
  const form = document.getElementById("check-form");
  const input = document.getElementById("files");
  const drop = document.getElementById("drop");
  const chosen = document.getElementById("chosen");
  const status = document.getElementById("status");
  const problem = document.getElementById("problem");
  const results = document.getElementById("results");
  const report = document.getElementById("report");
  let files = [];

  function say(text) {
    status.textContent = text;
  }

  function fail(text) {
    problem.textContent = W.failed + ": " + text;
  }

  function showChosen() {
    chosen.textContent = files.length ? W.chosen + ": " + files.map((f) => f.name).join(", ") : W.none_chosen;
  }

  function fields(extra) {
    const data = new FormData();
    for (const f of files) data.append("file", f, f.name);
    for (const name of ["profile", "as_of"]) {
      const value = document.getElementById(name).value;
      if (value) data.append(name, value);
    }
    for (const [key, value] of Object.entries(extra || {})) data.append(key, value);
    return data;
  }

  async function post(url, data) {
    const answer = await fetch(url, { method: "POST", body: data, credentials: "same-origin" });
    if (!answer.ok) {
      let detail = answer.status + " " + answer.statusText;
      try {
        detail = (await answer.json()).detail || detail;
      } catch (e) {
        // not JSON: keep the status line
      }
      throw new Error(detail);
    }
    return answer;
  }

  // A report from the server as a document; its inline <style> is left out (the page links the
  // same rules as /static/report.css, and the page's CSP allows no inline styles).
  function parse(html) {
    return new DOMParser().parseFromString(html.replace(/<style>[\s\S]*?<\/style>/, ""), "text/html");
  }

  function nameFrom(answer, fallback) {
    const header = answer.headers.get("content-disposition") || "";
    const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(header);
    return utf8 ? decodeURIComponent(utf8[1]) : fallback;
  }

  async function download(url, data, fallback) {
    const answer = await post(url, data);
    const blob = await answer.blob();
    const name = nameFrom(answer, fallback);
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60000);
    say(W.downloaded.replace("{name}", name));
  }

  function base() {
    return files.length === 1 ? files[0].name.replace(/\.[^.]+$/, "") : "sosfs-check";
  }

  function isDocx(f) {
    return /\.docx$/i.test(f.name);
  }

  async function showCompare(documents) {
    const section = document.getElementById("compare");
    const year = (d) => d.period_year || d.report_year;
    if (documents.length !== 2 || !year(documents[0]) || !year(documents[1]) || year(documents[0]) === year(documents[1])) {
      section.hidden = true;
      return;
    }
    const [older, newer] = year(documents[0]) < year(documents[1]) ? [files[0], files[1]] : [files[1], files[0]];
    const data = new FormData();
    data.append("old", older, older.name);
    data.append("new", newer, newer.name);
    data.append("format", "html");
    const html = await (await post("/api/compare", data)).text();
    const body = document.getElementById("compare-body");
    body.replaceChildren(...parse(html).body.childNodes);
    // the comparison's own headings sit under this section's heading
    for (const heading of body.querySelectorAll("h1, h2")) {
      const lower = document.createElement(heading.tagName === "H1" ? "h3" : "h4");
      lower.textContent = heading.textContent;
      heading.replaceWith(lower);
    }
    section.hidden = false;
  }

  async function showCoverage() {
    const section = document.getElementById("coverage");
    const button = document.getElementById("download-coverage");
    if (files.length < 2) {
      section.hidden = true;
      button.hidden = true;
      return;
    }
    const html = await (await post("/api/coverage", fields({ format: "html" }))).text();
    const doc = parse(html);
    const table = document.getElementById("coverage-table");
    table.replaceChildren(...[...doc.body.children].filter((node) => !["H1", "FOOTER"].includes(node.tagName)));
    section.hidden = false;
    button.hidden = false;
  }

  async function check(event) {
    event.preventDefault();
    problem.textContent = "";
    if (!files.length) {
      fail(W.none_chosen);
      input.focus();
      return;
    }
    const button = document.getElementById("check-button");
    button.disabled = true;
    results.setAttribute("aria-busy", "true");
    say(W.working);
    try {
      const html = await (await post("/api/check", fields({ format: "html" }))).text();
      const doc = parse(html);
      report.replaceChildren(...[...doc.body.children].filter((node) => !["H1", "FOOTER"].includes(node.tagName)));
      document.getElementById("download-annotated").hidden = !files.some(isDocx);
      results.hidden = false;
      await showCoverage();
      if (files.length === 2) {
        const json = await (await post("/api/check", fields({ format: "json" }))).json();
        await showCompare(json.documents);
      } else {
        document.getElementById("compare").hidden = true;
      }
      say(W.done);
      document.getElementById("results-heading").focus();
    } catch (error) {
      say("");
      fail(error.message);
    } finally {
      button.disabled = false;
      results.removeAttribute("aria-busy");
    }
  }

  async function onDownload(event) {
    const kind = event.target.closest("button[data-download]")?.dataset.download;
    if (!kind) return;
    problem.textContent = "";
    try {
      if (kind === "annotate") {
        for (const f of files.filter(isDocx)) {
          const data = new FormData();
          data.append("file", f, f.name);
          for (const name of ["profile", "as_of"]) {
            const value = document.getElementById(name).value;
            if (value) data.append(name, value);
          }
          await download("/api/annotate", data, f.name.replace(/\.docx$/i, ".granskad.docx"));
        }
      } else if (kind === "coverage-xlsx") {
        await download("/api/coverage", fields({ format: "xlsx" }), "tackning.xlsx");
      } else {
        const suffix = { json: ".json", sarif: ".sarif", markdown: ".md", html: ".html" }[kind];
        await download("/api/check", fields({ format: kind }), base() + suffix);
      }
    } catch (error) {
      fail(error.message);
    }
  }

  input.addEventListener("change", () => {
    files = [...input.files];
    showChosen();
  });
  drop.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.classList.add("over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("over");
    input.files = event.dataTransfer.files;
    files = [...input.files];
    showChosen();
  });
  form.addEventListener("submit", check);
  document.querySelector(".downloads").addEventListener("click", onDownload);

  const mall = document.getElementById("mall-form");
  if (mall) {
    mall.addEventListener("submit", async (event) => {
      event.preventDefault();
      problem.textContent = "";
      const data = new FormData();
      for (const [key, value] of new FormData(mall).entries()) {
        if (value instanceof File ? value.size > 0 : value) data.append(key, value);
      }
      try {
        await download("/api/mall", data, "mall.docx");
        say(W.mall_done);
      } catch (error) {
        fail(error.message);
      }
    });
  }
})();
