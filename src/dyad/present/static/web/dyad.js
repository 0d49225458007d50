// dyad's only script: small conveniences; every page works without it.
// A click on a row of a table with a document link opens the document (the link stays the target).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("table.data tbody tr").forEach(function (row) {
    var link = row.querySelector("td.col-doc_id a, td.col-lead_doc a");
    if (!link) return;
    row.classList.add("clickable");
    row.addEventListener("click", function (event) {
      if (event.target.closest("a") || window.getSelection().toString()) return;
      window.location.assign(link.getAttribute("href"));
    });
  });
});
