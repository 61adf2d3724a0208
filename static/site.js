// Strata's progressive enhancements. Every page works without this file.
(function () {
  "use strict";
  var openTip = null;

  function tipOf(link) {
    var id = link.getAttribute("aria-describedby");
    return id ? document.getElementById(id) : null;
  }
  function close() {
    if (openTip) { openTip.classList.remove("open"); openTip = null; }
  }

  // A first tap on a glossary term on a touch screen shows its definition; a second
  // tap follows the link to the entry.
  document.addEventListener("click", function (e) {
    var link = e.target.closest && e.target.closest("a.term");
    if (!link) { if (!(e.target.closest && e.target.closest(".term-tip"))) close(); return; }
    var tip = tipOf(link);
    if (!tip || !link.dataset.touch || tip === openTip) return;
    e.preventDefault();
    close();
    tip.classList.remove("dismissed");
    tip.classList.add("open");
    openTip = tip;
  });
  document.addEventListener("pointerdown", function (e) {
    var link = e.target.closest && e.target.closest("a.term");
    if (link) {
      if (e.pointerType === "touch") link.dataset.touch = "1"; else delete link.dataset.touch;
    }
  });
  // Escape hides the definition under the pointer or focus until the next hover or focus.
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") return;
    close();
    document.querySelectorAll("a.term:hover + .term-tip, a.term:focus + .term-tip, .term-tip:hover").forEach(function (t) {
      t.classList.add("dismissed");
    });
  });
  function undismiss(e) {
    var link = e.target.closest && e.target.closest("a.term");
    var tip = link && tipOf(link);
    if (tip) tip.classList.remove("dismissed");
  }
  document.addEventListener("focusin", undismiss);
  document.addEventListener("mouseover", undismiss);

  // "Cite this page": the accessed date is the day the reader reads the page.
  document.querySelectorAll(".accessed-date").forEach(function (el) {
    el.textContent = new Date().toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric" });
  });

  // "Copy link" on glossary entries.
  document.querySelectorAll("button.copy-link").forEach(function (b) {
    if (!navigator.clipboard) return;
    b.hidden = false;
    b.addEventListener("click", function () {
      navigator.clipboard.writeText(b.dataset.copy).then(function () {
        b.textContent = "Link copied";
        setTimeout(function () { b.textContent = "Copy link"; }, 2000);
      });
    });
  });
})();
