// Article page: select an attribution (click its text in the article, or its "Show" button in the
// who-said-what table) to see its speaker panel. Everything shown is already in the page; this only
// shows and hides it, so the page reads the same without JavaScript.
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  var panel = document.getElementById("speaker-panel");
  var body = document.getElementById("article-body");
  if (!panel || !body) return;

  function select(id) {
    var detail = document.getElementById("detail-" + id);
    if (!detail) return;
    document.querySelectorAll(".selected").forEach(function (el) { el.classList.remove("selected"); });
    body.querySelectorAll("mark.attr").forEach(function (mark) {
      if (mark.dataset.a.split(" ").indexOf(id) >= 0) mark.classList.add("selected");
    });
    panel.querySelectorAll(".detail").forEach(function (d) { d.hidden = d !== detail; });
    var row = document.getElementById(id);
    if (row) row.classList.add("selected");
    panel.hidden = false;
    panel.dataset.selected = id;
  }

  body.addEventListener("click", function (event) {
    if (event.target.closest("a")) return;  // an entity link goes to its page
    var mark = event.target.closest("mark.attr");
    if (mark) select(mark.dataset.a.split(" ")[0]);
  });
  document.querySelectorAll("button.select").forEach(function (button) {
    button.addEventListener("click", function () {
      select(button.dataset.a);
      panel.scrollIntoView({block: "nearest"});
    });
  });
  document.getElementById("panel-close").addEventListener("click", function () {
    panel.hidden = true;
    document.querySelectorAll(".selected").forEach(function (el) { el.classList.remove("selected"); });
  });
  if (location.hash.length > 1) select(decodeURIComponent(location.hash.slice(1)));
});
