// Dateline's pages work without this script; it adds two things to the article page:
// the spans of the chosen fact are lit together, and clicking a highlight again cycles
// through the other facts over the same characters (an actor inside an event's clause).
(function () {
  "use strict";
  function light(id) {
    document.querySelectorAll(".m.lit, .fact-list a.lit").forEach(function (el) {
      el.classList.remove("lit");
    });
    if (!id) return;
    document.querySelectorAll(".m[data-facts]").forEach(function (el) {
      if (el.dataset.facts.split(" ").indexOf(id) >= 0) el.classList.add("lit");
    });
    document.querySelectorAll('.fact-list a[data-fact="' + CSS.escape(id) + '"]').forEach(function (el) {
      el.classList.add("lit");
    });
  }
  function current() {
    return decodeURIComponent(window.location.hash.slice(1));
  }
  document.addEventListener("click", function (event) {
    var el = event.target.closest ? event.target.closest(".m[data-facts]") : null;
    if (!el) return;
    var facts = el.dataset.facts.split(" ");
    var at = facts.indexOf(current());
    if (at >= 0 && facts.length > 1) {
      event.preventDefault();
      window.location.hash = facts[(at + 1) % facts.length];
    }
  });
  window.addEventListener("hashchange", function () { light(current()); });
  document.addEventListener("DOMContentLoaded", function () {
    document.body.classList.add("js");
    light(current());
  });
})();
