/* Calendar pages work without this script. It only adjusts what depends on the reader's date,
   which the build cannot know: today's cell gets aria-current="date", and the agenda's
   upcoming/past split is redone. No network requests. */
(function () {
  "use strict";

  function markToday(root, today) {
    root.querySelectorAll("[data-date]").forEach(function (node) {
      if (node.getAttribute("data-date") === today) {
        node.setAttribute("aria-current", "date");
      } else if (node.getAttribute("aria-current") === "date") {
        node.removeAttribute("aria-current");
      }
    });
  }

  function groupsOf(items, headings) {
    var groups = [];
    items.forEach(function (item) {
      var key = item.getAttribute("data-first").slice(0, 7);
      var last = groups[groups.length - 1];
      if (!last || last.key !== key) {
        last = { key: key, items: [] };
        groups.push(last);
      }
      last.items.push(item);
    });
    return groups.map(function (group) {
      var section = document.createElement("section");
      section.className = "cal-group";
      section.setAttribute("data-month", group.key);
      section.appendChild(headings[group.key].cloneNode(true));
      var list = document.createElement("ol");
      list.className = "cal-items";
      group.items.forEach(function (item) { list.appendChild(item); });
      section.appendChild(list);
      return section;
    });
  }

  function resplit(agenda, today) {
    var headings = {};
    agenda.querySelectorAll(".cal-group").forEach(function (group) {
      var key = group.getAttribute("data-month");
      if (!headings[key]) headings[key] = group.querySelector("h3");
    });
    var items = Array.prototype.slice.call(agenda.querySelectorAll(".cal-item"));
    var byStart = function (a, b) {
      return a.getAttribute("data-first") < b.getAttribute("data-first") ? -1 :
             a.getAttribute("data-first") > b.getAttribute("data-first") ? 1 : 0;
    };
    items.sort(byStart);
    var upcoming = items.filter(function (i) { return i.getAttribute("data-last") >= today; });
    var past = items.filter(function (i) { return i.getAttribute("data-last") < today; }).reverse();
    items.forEach(function (item) {
      var now = item.getAttribute("data-first") <= today && today <= item.getAttribute("data-last");
      item.classList.toggle("cal-item--today", now);
    });
    [["upcoming", upcoming], ["past", past]].forEach(function (pair) {
      var part = agenda.querySelector('[data-part="' + pair[0] + '"]');
      if (!part) return;
      var box = part.querySelector(".cal-groups");
      var sections = groupsOf(pair[1], headings);
      box.replaceChildren.apply(box, sections);
      var empty = part.querySelector(".cal-empty");
      if (empty) empty.hidden = pair[1].length > 0;
    });
  }

  function run() {
    var today = window.archiveDates.todayIso();
    markToday(document, today);
    var agenda = document.querySelector(".cal-agenda[data-today]");
    if (agenda && agenda.getAttribute("data-today") !== today) resplit(agenda, today);
  }

  // Material's instant loading swaps pages without a reload; it announces them on document$.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(run);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
