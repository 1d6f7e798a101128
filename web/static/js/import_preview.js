// The import page of every module (agreements, delegations, events): sends the chosen file to the
// form's data-endpoint (POST /api/v1/<module>/import), first to preview (nothing is written), then
// to import in the chosen mode, showing the upload's progress, every row's problems and, when the
// page has an #import-created element and the form a data-record-path ("/events/"), links to the
// records created. Text comes from the page (the i18n catalog), never from here.
(function () {
  "use strict";
  const form = document.getElementById("import-form");
  if (!form) return;
  const endpoint = form.dataset.endpoint;
  const file = document.getElementById("import-file");
  const preview = document.getElementById("import-preview");
  const submit = document.getElementById("import-submit");
  const progress = document.getElementById("import-progress");
  const summary = document.getElementById("import-summary");
  const table = document.getElementById("import-problems");
  const created = document.getElementById("import-created");
  const body = table.querySelector("tbody");
  const en = form.dataset.lang === "en";
  const msg = (name) => form.dataset["msg" + name.charAt(0).toUpperCase() + name.slice(1)] || "";

  function showProblems(problems) {
    body.replaceChildren();
    for (const p of problems) {
      const tr = document.createElement("tr");
      for (const text of [String(p.row), en ? p.column_en : p.column, en ? p.message_en : p.message_vi]) {
        const td = document.createElement("td");
        td.textContent = text;
        tr.appendChild(td);
      }
      body.appendChild(tr);
    }
    table.hidden = problems.length === 0;
  }

  function showCreated(ids) {
    if (!created || !form.dataset.recordPath) return;
    created.replaceChildren();
    ids.forEach((id, i) => {
      if (i > 0) created.appendChild(document.createTextNode(" · "));
      const a = document.createElement("a");
      a.href = form.dataset.recordPath + encodeURIComponent(String(id));
      a.textContent = "#" + id;
      created.appendChild(a);
    });
    created.hidden = ids.length === 0;
  }

  function send(mode, done) {
    const chosen = file.files && file.files[0];
    if (!chosen) {
      summary.textContent = msg("choose");
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open("POST", endpoint + "?mode=" + encodeURIComponent(mode));
    xhr.setRequestHeader("X-CSRF-Token", form.dataset.csrf);
    xhr.setRequestHeader("Accept", "application/json");
    progress.hidden = false;
    progress.value = 0;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) progress.value = Math.round((e.loaded / e.total) * 100);
    };
    xhr.onload = () => {
      progress.value = 100;
      let json = null;
      try { json = JSON.parse(xhr.responseText); } catch (e) { json = null; }
      if (xhr.status !== 200 || !json || json.error) {
        const err = json && json.error;
        summary.textContent = msg("failed") + (err ? " " + (en ? err.message_en : err.message_vi) : "");
        showProblems([]);
        showCreated([]);
        submit.disabled = true;
        return;
      }
      done(json);
    };
    xhr.onerror = () => { summary.textContent = msg("failed"); };
    xhr.send(chosen);
  }

  function mode() {
    const checked = form.querySelector('input[name="mode"]:checked');
    return checked ? checked.value : "all";
  }

  preview.addEventListener("click", () => send("preview", (r) => {
    summary.textContent = `${msg("rows")}: ${r.rows} · ${msg("valid")}: ${r.valid} · ${msg("problems")}: ${r.problems.length}`;
    showProblems(r.problems);
    showCreated([]);
    submit.disabled = r.valid === 0 || (mode() === "all" && r.problems.length > 0);
  }));
  form.addEventListener("change", () => { submit.disabled = true; });
  submit.addEventListener("click", () => send(mode(), (r) => {
    summary.textContent = r.written > 0 ? `${msg("written")}: ${r.written}` : msg("nothing");
    showProblems(r.problems);
    showCreated(r.created_ids || []);
    submit.disabled = true;
  }));
})();
