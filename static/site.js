// Strata's progressive enhancements. Every page works without this file.
(function () {
  "use strict";
  function tipOf(link) {
    var id = link.getAttribute("aria-describedby");
    return id ? document.getElementById(id) : null;
  }
  function closest(e, sel) { return e.target.closest ? e.target.closest(sel) : null; }
  // The reference a citation number points to: the list item's formatted text.
  function refOf(link) {
    var m = /^#(ref-\d+)$/.exec(link.getAttribute("href") || "");
    var li = m && document.getElementById(m[1]);
    return li && li.querySelector(".reference");
  }

  // The panel: on a touch screen, a tap on a glossary term or a reference number
  // shows its definition or reference in a panel with a title, a close button and a
  // link to the full entry. It sits at the top of the screen when the tapped word is
  // in the lower half, else at the bottom, so it never covers the word; it closes on
  // the close button, Escape, a tap outside it and a scroll.
  var panel = null, panelFor = null, panelY = 0;
  function makePanel() {
    panel = document.createElement("div");
    panel.className = "panel";
    panel.id = "panel";
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-labelledby", "panel-title");
    panel.hidden = true;
    panel.innerHTML = '<div class="panel-head"><p class="panel-title" id="panel-title" tabindex="-1"></p>' +
      '<button type="button" class="panel-close" aria-label="Close">\u00d7</button></div>' +
      '<div class="panel-body"></div><p class="panel-more"><a></a></p>';
    panel.querySelector(".panel-close").addEventListener("click", function () { closePanel(true); });
    document.body.appendChild(panel);
  }
  function openPanel(link, title, bodyHTML, moreText, moreHref) {
    if (!panel) makePanel();
    panel.querySelector(".panel-title").textContent = title;
    panel.querySelector(".panel-body").innerHTML = bodyHTML;
    var more = panel.querySelector(".panel-more a");
    more.textContent = moreText;
    more.setAttribute("href", moreHref);
    var r = link.getBoundingClientRect();
    var low = (r.top + r.bottom) / 2 > innerHeight / 2;
    panel.classList.toggle("panel-top", low);
    panel.hidden = false;
    // A panel taller than the room left by the word scrolls the word clear of it.
    var p = panel.getBoundingClientRect(), gap = 8;
    if (low && p.bottom + gap > r.top) scrollBy({top: r.top - p.bottom - gap, behavior: "instant"});
    if (!low && p.top - gap < r.bottom) scrollBy({top: r.bottom - p.top + gap, behavior: "instant"});
    panelFor = link;
    panelY = scrollY;
    panel.querySelector(".panel-title").focus({preventScroll: true});
  }
  function closePanel(refocus) {
    if (!panel || panel.hidden) return;
    panel.hidden = true;
    if (refocus && panelFor) panelFor.focus({preventScroll: true});
    panelFor = null;
  }
  addEventListener("scroll", function () {
    if (panel && !panel.hidden && Math.abs(scrollY - panelY) > 48) closePanel(false);
  }, {passive: true});

  // Which pointer pressed a link: only a touch opens the panel, a mouse or a screen
  // reader follows the link.
  var touched = null;
  document.addEventListener("pointerdown", function (e) {
    touched = e.pointerType === "touch" ? closest(e, "a.term, sup.cite a") : null;
  });
  document.addEventListener("click", function (e) {
    if (panel && !panel.hidden && !closest(e, "#panel")) {
      var again = closest(e, "a.term, sup.cite a");
      closePanel(false);
      if (!again) return;
    }
    var link = closest(e, "a.term, sup.cite a");
    if (!link || link !== touched) return;
    touched = null;
    if (link.classList.contains("term")) {
      var tip = tipOf(link);
      if (!tip) return;
      e.preventDefault();
      tip.classList.add("dismissed");
      openPanel(link, link.textContent, tip.innerHTML, "Read the full entry", link.getAttribute("href"));
    } else {
      var ref = refOf(link);
      if (!ref) return;
      e.preventDefault();
      hideRef();
      openPanel(link, "Reference " + link.textContent, ref.innerHTML, "Go to the reference list", link.getAttribute("href"));
    }
  });

  // Reference previews on hover and focus: the formatted reference in a pop-up
  // beside its number, which the pointer can move onto.
  var refTip = null, refFor = null, refTimer = 0;
  function showRef(link) {
    var ref = refOf(link);
    if (!ref || refFor === link) return;
    if (!refTip) {
      refTip = document.createElement("span");
      refTip.className = "ref-tip";
      refTip.id = "ref-tip";
      refTip.setAttribute("role", "tooltip");
      (document.querySelector("main") || document.body).appendChild(refTip);
    }
    hideRef();
    refTip.innerHTML = ref.innerHTML;
    refTip.classList.add("open");
    link.setAttribute("aria-describedby", "ref-tip");
    refFor = link;
    var r = link.getBoundingClientRect(), t = refTip.getBoundingClientRect();
    var left = Math.max(8, Math.min(r.left + r.width / 2 - t.width / 2, document.documentElement.clientWidth - t.width - 8));
    // Below the line the raised number sits in (the pointer crosses the gap before
    // the pop-up hides), or above it near the bottom of the screen.
    var top = r.bottom + 8 + t.height < innerHeight ? r.bottom + 8 : r.top - 4 - t.height;
    // Placed in the coordinates of the box it is positioned in.
    var box = refTip.offsetParent || document.body, o = box.getBoundingClientRect();
    refTip.style.left = left - o.left - box.clientLeft + "px";
    refTip.style.top = top - o.top - box.clientTop + "px";
  }
  function hideRef() {
    if (!refFor) return;
    refTip.classList.remove("open");
    refFor.removeAttribute("aria-describedby");
    refFor = null;
  }
  // The pop-up shows after a short rest of the pointer, so that it does not flash as
  // the mouse crosses the text, and hides a moment after the pointer leaves both the
  // number and the pop-up.
  document.addEventListener("pointerover", function (e) {
    if (e.pointerType === "touch") return;
    var link = closest(e, "sup.cite a");
    if (link || (refTip && refTip.contains(e.target))) clearTimeout(refTimer);
    if (link && link !== refFor) refTimer = setTimeout(function () { showRef(link); }, 300);
  });
  document.addEventListener("pointerout", function (e) {
    if (e.pointerType === "touch") return;
    var from = closest(e, "sup.cite a, .ref-tip");
    if (!from) return;
    clearTimeout(refTimer);
    if (refFor && document.activeElement !== refFor) refTimer = setTimeout(hideRef, 200);
  });
  document.addEventListener("focusin", function (e) {
    var link = closest(e, "sup.cite a");
    if (link && link.matches(":focus-visible")) showRef(link);
    else if (refFor && !(refTip.contains(e.target))) hideRef();
  });

  // Escape closes the panel and hides the pop-up under the pointer or focus until
  // the next hover or focus.
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") return;
    if (panel && !panel.hidden) { closePanel(true); return; }
    hideRef();
    document.querySelectorAll("a.term:hover + .term-tip, a.term:focus + .term-tip, .term-tip:hover").forEach(function (t) {
      t.classList.add("dismissed");
    });
  });
  function undismiss(e) {
    var link = closest(e, "a.term");
    var tip = link && tipOf(link);
    if (tip && (!panel || panel.hidden)) tip.classList.remove("dismissed");
  }
  document.addEventListener("focusin", undismiss);
  document.addEventListener("mouseover", undismiss);

  // "Cite this page": the accessed date is the day the reader reads the page.
  document.querySelectorAll(".accessed-date").forEach(function (el) {
    el.textContent = new Date().toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric" });
  });

  // "Print this page".
  document.querySelectorAll("button.print-page").forEach(function (b) {
    if (!window.print) return;
    b.hidden = false;
    b.addEventListener("click", function () { window.print(); });
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
