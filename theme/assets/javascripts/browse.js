/* The browse page: every entry, narrowed by filters (checkboxes with counts) and a query,
   sorted by relevance, title (pinyin keys made at build time) or date.

   Pagefind answers in the browser (window.archiveSearch, from search.js). Within one filter
   the chosen values are alternatives (any of them); different filters all apply. A filter's
   counts say how many entries each value would give with the other filters as they are. The
   state lives in the address (?q=…&kind=…&sort=…), so a view can be shared or bookmarked.

   Date order: upcoming events first, soonest first, then past ones, newest first, then entries
   without a date by title. Pagefind sorts by the key `date` (an event's last day; undated
   entries get "0000 " + their title key); the split at the reader's today is found here by
   bisecting that order, which reads a handful of result records rather than all of them. */
(function () {
  "use strict";

  var root = document.querySelector("[data-archive-finder]");
  var search = window.archiveSearch;
  if (!root || !search) return;
  root.hidden = false;
  // Filters open beside the results on wide screens; on a phone they wait below a summary line.
  root.querySelector(".archive-finder__filters").open = window.matchMedia("(min-width: 45em)").matches;

  var PAGE = 24;
  var facets = JSON.parse(root.getAttribute("data-facets"));
  var regions = JSON.parse(root.getAttribute("data-regions"));
  var form = root.querySelector(".archive-finder__query");
  var input = root.querySelector(".archive-finder__input");
  var sortSelect = root.querySelector("#archive-finder-sort");
  var facetBox = root.querySelector(".archive-finder__facets");
  var clear = root.querySelector(".archive-finder__clear");
  var count = root.querySelector(".archive-finder__count");
  var list = root.querySelector(".archive-finder__results");
  var more = root.querySelector(".archive-finder__more");
  var chips = search.element("ul", "archive-finder__chips");
  list.parentNode.insertBefore(chips, list);
  var lang = root.getAttribute("data-lang");
  function say(key, values) { return search.sayIn(root, key, values); }
  function facetName(f) { return f[lang] || f.zh; }
  var collator = new Intl.Collator("zh-Hans-CN-u-co-pinyin", { numeric: true });

  var state = { q: "", sort: "", chosen: {} };
  var ordered = [];   // results in the order shown
  var shown = 0;
  var words = [];
  var asked = 0;
  var expanded = {};  // facets whose long list is open

  facets.forEach(function (f) { state.chosen[f.name] = []; });

  function readAddress() {
    var params = new URLSearchParams(location.search);
    state.q = params.get("q") || "";
    state.sort = params.get("sort") || "";
    facets.forEach(function (f) { state.chosen[f.name] = params.getAll(f.name); });
    input.value = state.q;
    sortSelect.value = state.sort;
  }

  function writeAddress() {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    if (state.sort) params.set("sort", state.sort);
    facets.forEach(function (f) { state.chosen[f.name].forEach(function (v) { params.append(f.name, v); }); });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
  }

  function filtersWithout(skip) {
    var filters = {};
    facets.forEach(function (f) {
      if (f.name !== skip && state.chosen[f.name].length) filters[f.name] = { any: state.chosen[f.name].slice() };
    });
    return filters;
  }

  function sortOption() {
    if (state.sort === "title" || (!state.sort && !state.q)) return { title: "asc" };
    if (state.sort === "date") return { date: "asc" };
    return {};
  }

  /* First index in [lo, hi) whose record passes `test` (records pass from some index on). */
  function bisect(results, lo, hi, test) {
    if (lo >= hi) return Promise.resolve(lo);
    var mid = (lo + hi) >> 1;
    return results[mid].data().then(function (data) {
      return test(data.meta || {}) ? bisect(results, lo, mid, test) : bisect(results, mid + 1, hi, test);
    });
  }

  function dateOrder(results) {
    var today = window.archiveDates.todayIso();  // dates.js, loaded on every page
    var n = results.length;
    return bisect(results, 0, n, function (meta) { return !!meta.last; }).then(function (dated) {
      return bisect(results, dated, n, function (meta) { return meta.last >= today; }).then(function (upcoming) {
        return results.slice(upcoming).concat(results.slice(dated, upcoming).reverse(), results.slice(0, dated));
      });
    });
  }

  /* Counts per value: for a filter with choices, as if its own choices were not made. */
  function counts(loaded, answer) {
    var result = {};
    var pending = facets.map(function (f) {
      if (!state.chosen[f.name].length) {
        result[f.name] = answer.filters[f.name] || {};
        return null;
      }
      return search.run(loaded, state.q, { filters: filtersWithout(f.name) }).then(function (other) {
        result[f.name] = other.found.filters[f.name] || {};
      });
    });
    return Promise.all(pending).then(function () { return result; });
  }

  function update() {
    var ticket = ++asked;
    writeAddress();
    root.setAttribute("aria-busy", "true");
    search.load().then(function (loaded) {
      return loaded.pagefind.filters().then(function (all) {
        return search.run(loaded, state.q, { filters: filtersWithout(null), sort: sortOption() }).then(function (answer) {
          var reorder = state.sort === "date" ? dateOrder(answer.found.results) : Promise.resolve(answer.found.results);
          return Promise.all([reorder, counts(loaded, answer.found)]).then(function (both) {
            return { all: all, results: both[0], counts: both[1], words: answer.words };
          });
        });
      });
    }).then(function (view) {
      if (ticket !== asked) return;
      ordered = view.results;
      words = view.words;
      shown = 0;
      list.textContent = "";
      renderFacets(view.all, view.counts);
      renderChips();
      renderCount();
      return showMore().then(function () { root.removeAttribute("aria-busy"); });
    }).catch(function () {
      if (ticket !== asked) return;
      count.textContent = say("unavailable");
      root.removeAttribute("aria-busy");
    });
  }

  function renderCount() {
    var n = ordered.length;
    count.textContent = n ? say("count", { n: n }) : say("none");
  }

  function showMore() {
    var next = ordered.slice(shown, shown + PAGE);
    var ticket = asked;
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (records) {
      if (ticket !== asked) return;
      records.forEach(function (data) { list.appendChild(card(data)); });
      shown += next.length;
      more.hidden = shown >= ordered.length;
    });
  }

  /* A result as a card, in the listings' shape (partials/listing-macros.html card_item). */
  function card(data) {
    var meta = data.meta || {};
    var item = search.element("li", "archive-card");
    var thumb = search.thumbUrl(meta);
    if (thumb) {
      item.classList.add("archive-card--image");
      var img = search.element("img", "archive-card__image");
      img.src = thumb;
      img.alt = meta.thumb_alt || "";
      img.loading = "lazy";
      img.decoding = "async";
      item.appendChild(img);
    }
    var body = search.element("div", "archive-card__body");
    var heading = search.element("h3", "archive-card__title");
    var link = search.element("a");
    link.href = data.url;
    link.appendChild(search.marked(meta.title || data.url, words));
    heading.appendChild(link);
    body.appendChild(heading);
    if (meta.title_en) {
      var en = search.element("p", "archive-card__title-en");
      en.lang = "en";
      en.appendChild(search.marked(meta.title_en, words));
      body.appendChild(en);
    }
    body.appendChild(search.element("p", "archive-card__kind", [meta.kind, meta.illustrative].filter(Boolean).join(" · ")));
    if (meta.when) body.appendChild(search.element("p", "archive-card__when", meta.when));
    if (meta.place) body.appendChild(search.element("p", "archive-card__place", meta.place));
    var text = search.resultText(data, state.q);
    if (text) {
      var summary = search.element("p", "archive-card__summary");
      summary.appendChild(search.marked(text, words));
      body.appendChild(summary);
    }
    item.appendChild(body);
    return item;
  }

  /* ---- filters ---- */

  function valueOrder(name, values, numbers) {
    if (name === "year") return values.sort(function (a, b) { return b.localeCompare(a); });
    if (name === "section") return values;  // the order the archive lists its sections in
    return values.sort(function (a, b) { return (numbers[b] || 0) - (numbers[a] || 0) || collator.compare(a, b); });
  }

  function checkbox(name, value, n) {
    var item = search.element("li");
    var label = search.element("label", "archive-facet__value");
    var box = search.element("input");
    box.type = "checkbox";
    box.name = name;
    box.value = value;
    box.checked = state.chosen[name].indexOf(value) >= 0;
    if (!n && !box.checked) label.classList.add("archive-facet__value--empty");
    label.appendChild(box);
    label.appendChild(search.element("span", "archive-facet__label", value));
    label.appendChild(search.element("span", "archive-facet__count", "(" + (n || 0) + ")"));
    item.appendChild(label);
    return item;
  }

  var LONG = 8;

  function renderFacets(all, numbers) {
    var focused = document.activeElement && facetBox.contains(document.activeElement)
      ? [document.activeElement.name, document.activeElement.value] : null;
    facetBox.textContent = "";
    facets.forEach(function (f) {
      if (f.name === "locality") return;  // listed under its region
      var values = Object.keys(all[f.name] || {});
      if (!values.length) return;
      var set = search.element("fieldset", "archive-facet");
      var legend = search.element("legend");
      legend.appendChild(document.createTextNode(facetName(f)));
      set.appendChild(legend);
      var ul = search.element("ul", "archive-facet__values");
      var ordered = valueOrder(f.name, values, numbers[f.name] || {});
      var long = ordered.length > LONG + 2 && !expanded[f.name];
      ordered.forEach(function (value, index) {
        var chosen = state.chosen[f.name].indexOf(value) >= 0;
        if (long && index >= LONG && !chosen) return;
        var item = checkbox(f.name, value, (numbers[f.name] || {})[value]);
        if (f.name === "region") item.appendChild(localities(all, numbers, value));
        ul.appendChild(item);
      });
      set.appendChild(ul);
      if (f.name === "region") {
        var loose = Object.keys(all.locality || {}).filter(function (l) { return !regions[l]; });
        if (loose.length) set.appendChild(localityList(loose, numbers));
      }
      if (ordered.length > LONG + 2) {
        var toggle = search.element("button", "archive-facet__all",
          expanded[f.name] ? say("fewer") : say("show_all", { n: ordered.length }));
        toggle.type = "button";
        toggle.setAttribute("aria-expanded", expanded[f.name] ? "true" : "false");
        toggle.addEventListener("click", function () {
          expanded[f.name] = !expanded[f.name];
          renderFacets(all, numbers);
          var again = facetBox.querySelector('[data-facet-toggle="' + f.name + '"]');
          if (again) again.focus();
        });
        toggle.setAttribute("data-facet-toggle", f.name);
        set.appendChild(toggle);
      }
      facetBox.appendChild(set);
    });
    clear.hidden = !facets.some(function (f) { return state.chosen[f.name].length; });
    if (focused) {
      var again = facetBox.querySelector('input[name="' + CSS.escape(focused[0]) + '"][value="' + CSS.escape(focused[1]) + '"]');
      if (again) again.focus();
    }
  }

  function localities(all, numbers, region) {
    var mine = Object.keys(all.locality || {}).filter(function (l) { return regions[l] === region; });
    return mine.length ? localityList(mine, numbers) : document.createTextNode("");
  }

  function localityList(values, numbers) {
    var ul = search.element("ul", "archive-facet__values");
    valueOrder("locality", values, numbers.locality || {}).forEach(function (value) {
      ul.appendChild(checkbox("locality", value, (numbers.locality || {})[value]));
    });
    return ul;
  }

  function renderChips() {
    chips.textContent = "";
    facets.forEach(function (f) {
      state.chosen[f.name].forEach(function (value) {
        var item = search.element("li");
        var chip = search.element("button", "archive-chip");
        chip.type = "button";
        chip.appendChild(document.createTextNode(value));
        chip.appendChild(search.element("span", "", "✕"));
        chip.setAttribute("aria-label", say("remove_filter", { name: facetName(f), value: value }));
        chip.addEventListener("click", function () {
          state.chosen[f.name] = state.chosen[f.name].filter(function (v) { return v !== value; });
          update();
          input.focus();
        });
        item.appendChild(chip);
        chips.appendChild(item);
      });
    });
    chips.hidden = !chips.childNodes.length;
  }

  facetBox.addEventListener("change", function (event) {
    var box = event.target;
    if (box.type !== "checkbox") return;
    var chosen = state.chosen[box.name].filter(function (v) { return v !== box.value; });
    if (box.checked) chosen.push(box.value);
    state.chosen[box.name] = chosen;
    update();
  });

  clear.addEventListener("click", function () {
    facets.forEach(function (f) { state.chosen[f.name] = []; });
    update();
    input.focus();
  });

  var composing = false;
  function typed() {
    state.q = input.value.trim();
    update();
  }
  input.addEventListener("compositionstart", function () { composing = true; });
  input.addEventListener("compositionend", function () { composing = false; typed(); });
  input.addEventListener("input", function () { if (!composing) typed(); });
  form.addEventListener("submit", function (event) { event.preventDefault(); typed(); });
  sortSelect.addEventListener("change", function () { state.sort = sortSelect.value; update(); });
  more.addEventListener("click", function () {
    var first = shown;
    showMore().then(function () {
      var link = list.children[first] && list.children[first].querySelector("a");
      if (link) link.focus();
    });
  });

  readAddress();
  update();
})();
