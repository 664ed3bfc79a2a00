/* The header's search box, over the Pagefind index of the entries (site/pagefind/).

   Pagefind is loaded the first time the reader uses the box, so a page costs nothing extra
   until then. Its bundle path and the site's root come from the page (data-bundle, data-root:
   relative URLs), so the site works below a sub-path. Results are built as DOM nodes from
   text; nothing from the index is inserted as HTML. window.archiveSearch shares the pieces
   with the browse page (browse.js). Keys: / or S focuses the box from anywhere; ↓ ↑ move
   through the results; Esc closes. No request leaves the site. */
(function () {
  "use strict";

  var box = document.querySelector("[data-archive-search]");
  if (!box) return;
  var base = document.baseURI;
  var siteRoot = new URL(box.getAttribute("data-root"), base);
  var bundle = new URL(box.getAttribute("data-bundle"), base);
  var termsUrl = new URL(box.getAttribute("data-terms"), base);
  var loading = null;

  /* Pagefind and the archive's terms, loaded once. */
  function load() {
    if (!loading) {
      var pagefind = import(new URL("pagefind.js", bundle).href).then(function (module) {
        return module.options({ baseUrl: siteRoot.pathname, excerptLength: 22 }).then(function () { return module; });
      });
      var terms = fetch(termsUrl).then(function (r) { return r.ok ? r.json() : []; }).catch(function () { return []; });
      loading = Promise.all([pagefind, terms]).then(function (both) {
        return { pagefind: both[0], terms: both[1] };
      });
      loading.catch(function () { loading = null; });  // a failed load is tried again next time
    }
    return loading;
  }

  /* Pagefind splits Chinese text into words with a dictionary that cuts the archive's terms
     (马尾绣 → 马尾 + 绣); entries also carry the whole terms, so a query keeps them whole and
     apart from what surrounds them: 马尾绣背带 → "马尾绣 背带". Terms come longest first. */
  function splitQuery(text, terms) {
    var words = [];
    text.trim().split(/\s+/).forEach(function (chunk) {
      var rest = "";
      for (var i = 0; i < chunk.length;) {
        var term = null;
        for (var t = 0; t < terms.length && !term; t++) {
          if (chunk.startsWith(terms[t], i)) term = terms[t];
        }
        if (term) {
          if (rest) words.push(rest);
          rest = "";
          words.push(term);
          i += term.length;
        } else {
          rest += chunk[i];
          i += 1;
        }
      }
      if (rest) words.push(rest);
    });
    return words.filter(Boolean);
  }

  /* A search with the terms kept whole; when that finds nothing, the query as typed (Pagefind
     then matches its longest indexed beginning, e.g. 三都县 as a word of its own). */
  function run(loaded, text, options) {
    var words = splitQuery(text || "", loaded.terms);
    var query = text ? words.join(" ") : null;
    return loaded.pagefind.search(query, options).then(function (found) {
      if (!text || found.results.length || query === text.trim()) return { found: found, words: words };
      return loaded.pagefind.search(text.trim(), options).then(function (raw) { return { found: raw, words: words }; });
    });
  }

  /* Pagefind's excerpt as plain text, the hidden whole-term words removed; null when it
     matched only those words (near the top of the page), where the summary says more. */
  function excerptText(html) {
    var body = new DOMParser().parseFromString(html || "", "text/html").body;
    var inText = Array.prototype.some.call(body.querySelectorAll("mark"), function (mark) {
      return mark.textContent.replace(/\u200b/g, "").indexOf("___") !== 0;
    });
    if (!inText) return null;
    var text = body.textContent.replace(/\u200b/g, "").replace(/(^|\s)___\S*/g, " ");
    return text.replace(/\s+/g, " ").trim();
  }

  /* What a result says under its title: where the query matched, else the entry's summary. */
  function resultText(data, query) {
    var meta = data.meta || {};
    var english = /[a-z]/i.test(query || "") && !/[\u3400-\u9fff]/.test(query);  // Chinese first
    var summary = english && meta.summary_en ? meta.summary_en : meta.summary;
    return (query && excerptText(data.excerpt)) || summary || meta.summary || "";
  }

  /* Text nodes with the query's words marked, for a text that came from the index. */
  function marked(text, words) {
    var fragment = document.createDocumentFragment();
    var wanted = words.filter(function (w) { return w.length; }).map(function (w) {
      return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    });
    if (!wanted.length) {
      fragment.appendChild(document.createTextNode(text));
      return fragment;
    }
    var pattern = new RegExp("(" + wanted.join("|") + ")", "gi");
    text.split(pattern).forEach(function (part, index) {
      if (!part) return;
      if (index % 2) {
        var mark = document.createElement("mark");
        mark.textContent = part;
        fragment.appendChild(mark);
      } else {
        fragment.appendChild(document.createTextNode(part));
      }
    });
    return fragment;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  /* The thumbnail's address: meta.thumb is relative to the site's root. */
  function thumbUrl(meta) {
    return meta.thumb ? new URL(meta.thumb, siteRoot).href : null;
  }

  /* One hit in the header's list: thumbnail, title, English title, kind (and date), excerpt. */
  function hitItem(data, words) {
    var meta = data.meta || {};
    var item = element("li", "archive-search__hit");
    var link = element("a", "archive-search__link");
    link.href = data.url;
    var thumb = thumbUrl(meta);
    if (thumb) {
      var img = element("img", "archive-search__thumb");
      img.src = thumb;
      img.alt = "";  // the title beside it names the entry
      img.loading = "lazy";
      img.decoding = "async";
      link.appendChild(img);
    } else {
      link.appendChild(element("span", "archive-search__thumb archive-search__thumb--none"));
    }
    var text = element("span", "archive-search__text");
    var title = element("span", "archive-search__title");
    title.appendChild(marked(meta.title || data.url, words));
    text.appendChild(title);
    if (meta.title_en) {
      var en = element("span", "archive-search__title-en");
      en.lang = "en";
      en.appendChild(marked(meta.title_en, words));
      text.appendChild(en);
    }
    var facts = [meta.kind, meta.when, meta.illustrative].filter(Boolean).join(" · ");
    if (facts) text.appendChild(element("span", "archive-search__kind", facts));
    var excerpt = resultText(data, words.join(" "));
    if (excerpt) {
      var quote = element("span", "archive-search__excerpt");
      quote.appendChild(marked(excerpt, words));
      text.appendChild(quote);
    }
    link.appendChild(text);
    item.appendChild(link);
    return item;
  }

  /* An element's own words (data-say-<key>, from the page's language table), with {n},
     {name} and {value} filled in from `values`. */
  function sayIn(element, key, values) {
    return (element.getAttribute("data-say-" + key) || "").replace(/\{(\w+)\}/g, function (all, name) {
      return values && name in values ? values[name] : all;
    });
  }

  window.archiveSearch = {
    load: load, run: run, splitQuery: splitQuery, resultText: resultText, marked: marked,
    element: element, thumbUrl: thumbUrl, siteRoot: siteRoot, sayIn: sayIn
  };

  /* ---- the header box ---- */

  var SHOWN = 6;
  var toggle = box.querySelector(".archive-search__toggle");
  var form = box.querySelector(".archive-search__form");
  var input = box.querySelector(".archive-search__input");
  var panel = box.querySelector(".archive-search__panel");
  var status = box.querySelector(".archive-search__status");
  var list = box.querySelector(".archive-search__results");
  var more = box.querySelector(".archive-search__more a");
  var browseUrl = more.getAttribute("href");
  var asked = 0;  // answers to older queries arrive late and are dropped

  function setOpen(open) {
    box.classList.toggle("archive-search--open", open);
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    if (!open) panel.hidden = true;
  }

  function say(key, n) {
    status.textContent = sayIn(box, key, { n: n });
  }

  function search() {
    var text = input.value.trim();
    var ticket = ++asked;
    more.href = browseUrl + (text ? "?q=" + encodeURIComponent(text) : "");
    if (!text) {
      panel.hidden = true;
      list.textContent = "";
      return;
    }
    panel.hidden = false;
    box.setAttribute("aria-busy", "true");
    say("busy");
    load().then(function (loaded) {
      return run(loaded, text, {}).then(function (answer) {
        return Promise.all(answer.found.results.slice(0, SHOWN).map(function (r) { return r.data(); }))
          .then(function (hits) { return { total: answer.found.results.length, hits: hits, words: answer.words }; });
      });
    }).then(function (answer) {
      if (ticket !== asked) return;
      list.textContent = "";
      answer.hits.forEach(function (data) { list.appendChild(hitItem(data, answer.words)); });
      if (answer.total) say("found", answer.total);
      else say("none");
      box.removeAttribute("aria-busy");
    }).catch(function () {
      if (ticket !== asked) return;
      say("unavailable");
      box.removeAttribute("aria-busy");
    });
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll("a"));
  }

  function editable(node) {
    return node && (node.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(node.tagName));
  }

  var composing = false;
  input.addEventListener("compositionstart", function () { composing = true; });
  input.addEventListener("compositionend", function () { composing = false; search(); });
  input.addEventListener("input", function () { if (!composing) search(); });
  input.addEventListener("focus", function () {
    setOpen(true);
    load();  // start fetching while the reader types
    if (input.value.trim()) panel.hidden = false;
  });

  toggle.addEventListener("click", function () {
    var open = !box.classList.contains("archive-search--open");
    setOpen(open);
    if (open) input.focus();
  });

  form.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") {
      var first = links()[0];
      if (first) { event.preventDefault(); first.focus(); }
    } else if (event.key === "Escape") {
      event.preventDefault();
      if (input.value) {
        input.value = "";
        search();
      } else {
        setOpen(false);
        input.blur();
        if (getComputedStyle(toggle).display !== "none") toggle.focus();
      }
    }
  });

  list.addEventListener("keydown", function (event) {
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (at < 0) return;
    if (event.key === "ArrowDown" && at < all.length - 1) {
      event.preventDefault();
      all[at + 1].focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      (at > 0 ? all[at - 1] : input).focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      input.focus();
    }
  });

  /* Leaving the box (a click or Tab elsewhere) folds the results away. */
  box.addEventListener("focusout", function (event) {
    if (!box.contains(event.relatedTarget)) {
      panel.hidden = true;
      if (!input.value.trim()) setOpen(false);
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key !== "/" && event.key !== "s" && event.key !== "S") return;
    if (editable(document.activeElement)) return;
    event.preventDefault();
    setOpen(true);
    input.focus();
    input.select();
  });
})();
