// Live preview (strata serve -watch only): reload the page when the content
// changes, and show content errors over the page until they are fixed.
(function () {
  "use strict";
  var first = null;
  var es = new EventSource("/_strata/events");
  es.addEventListener("version", function (e) {
    if (first === null) first = e.data;
    else if (e.data !== first) location.reload();
  });
  es.addEventListener("problems", function (e) {
    var list = JSON.parse(e.data);
    var box = document.getElementById("strata-problems");
    if (!list.length) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("div");
      box.id = "strata-problems";
      box.setAttribute("role", "alert");
      var st = box.style; // CSSOM, which the CSP allows (no inline style attribute)
      st.position = "fixed"; st.left = "0"; st.right = "0"; st.bottom = "0"; st.zIndex = "100";
      st.maxHeight = "50vh"; st.overflow = "auto"; st.padding = "1rem";
      st.background = "#7f1d1d"; st.color = "#fff"; st.font = "15px/1.4 ui-monospace, monospace";
      document.body.prepend(box);
    }
    box.textContent = "";
    var h = document.createElement("p");
    h.textContent = "The content has errors; the last good version is shown:";
    var pre = document.createElement("pre");
    pre.textContent = list.join("\n");
    box.append(h, pre);
  });
})();
