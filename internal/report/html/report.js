// Filters the findings of a prodgrade report by component, item, severity
// and status. The page lists everything without it; this only hides.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var root = document.getElementById("drill");
  var out = document.getElementById("shown");
  if (!form || !root || !out) {
    return;
  }
  var keys = ["component", "item", "severity", "status"];
  var findings = Array.prototype.slice.call(root.querySelectorAll("li.f"));
  var mores = Array.prototype.slice.call(root.querySelectorAll(".more"));
  var groups = Array.prototype.slice.call(root.querySelectorAll(".grp"));
  // Filters open the components they find findings in; clearing them
  // closes those again, as the page was when it loaded.
  groups.forEach(function (g) { g.prodgradeOpen = g.open; });
  var total = Number(out.getAttribute("data-total"));
  var listed = Number(out.getAttribute("data-listed"));

  // The selects are found by id: form.elements.item is a method, not the
  // control named "item".
  function chosen() {
    var v = {};
    keys.forEach(function (k) { v[k] = document.getElementById("f-" + k).value; });
    return v;
  }

  // matches says whether an element's data attributes fit the choice;
  // skip names a key the element does not carry.
  function matches(el, v, skip) {
    return keys.every(function (k) {
      return k === skip || v[k] === "" || el.getAttribute("data-" + k) === v[k];
    });
  }

  // count adds n to every group that holds el.
  function count(el, n) {
    for (var e = el.parentElement; e && e !== root; e = e.parentElement) {
      if (e.classList.contains("grp")) {
        e.prodgradeCount = (e.prodgradeCount || 0) + n;
      }
    }
  }

  function apply() {
    var v = chosen();
    var any = keys.some(function (k) { return v[k] !== ""; });
    var shown = 0;
    var unlisted = 0;
    groups.forEach(function (g) { g.prodgradeCount = 0; });
    findings.forEach(function (f) {
      var ok = matches(f, v);
      f.hidden = !ok;
      if (ok) {
        shown++;
        count(f, 1);
      }
    });
    mores.forEach(function (m) {
      var n = 0;
      if (matches(m, v, "status")) {
        n = Number(m.getAttribute(v.status ? "data-" + v.status : "data-all"));
      }
      m.hidden = n === 0;
      unlisted += n;
      count(m, n);
    });
    groups.forEach(function (g) {
      g.hidden = any && g.prodgradeCount === 0;
      if (g.tagName === "DETAILS") {
        g.open = any ? g.prodgradeCount > 0 : g.prodgradeOpen;
      }
    });
    var text;
    if (!any) {
      text = listed === total ? "All " + total + " findings are shown." :
        listed + " of " + total + " findings are listed; the JSON report lists them all.";
    } else {
      text = shown + " of " + total + " findings match the filters and are shown.";
      if (unlisted > 0) {
        text = shown + " findings match and are shown; " + unlisted +
          " more match but are not listed on this page (the JSON report lists them all).";
      }
    }
    out.textContent = text;
    out.setAttribute("data-shown", String(shown));
    out.setAttribute("data-unlisted", String(unlisted));
  }

  // A link into a closed component (from the matrix or the chart) opens it.
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    for (var e = el; e; e = e.parentElement) {
      if (e.tagName === "DETAILS") {
        e.open = true;
      }
    }
    if (el) {
      el.scrollIntoView();
    }
  }

  form.hidden = false;
  window.addEventListener("hashchange", openTarget);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  // A reset changes the values after the event: apply once they are back.
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  apply();
  openTarget();
})();
