// The repeated rows of the event form (bridge points, sessions, awards, press links): the page
// offers a few empty rows that work without JavaScript; this shows the "add a row" buttons, each
// of which copies the last row of the table body named by its data-rows, emptied (selects back to
// their first option), at the end of that body.
(function () {
  "use strict";
  for (const button of document.querySelectorAll("button.add-row[data-rows]")) {
    const body = document.getElementById(button.dataset.rows);
    if (!body) continue;
    button.hidden = false;
    button.addEventListener("click", () => {
      const last = body.querySelector("tr.repeat-row:last-of-type");
      if (!last) return;
      const row = last.cloneNode(true);
      for (const el of row.querySelectorAll(".field-error")) el.remove();
      for (const input of row.querySelectorAll("input")) input.value = "";
      for (const select of row.querySelectorAll("select")) select.selectedIndex = 0;
      body.appendChild(row);
      const first = row.querySelector("input");
      if (first) first.focus();
    });
  }
})();
