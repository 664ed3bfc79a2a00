/* "Cite this page" works without this script: the references are text, the access date reads
   引用日期 for the reader to replace. The script fills in today's date (the reader's own day)
   and shows copy buttons that put a reference on the clipboard and say so to screen readers, in
   the page's language (the messages are the status element's data-copied and data-failed).
   No network requests. */
(function () {
  "use strict";

  // Without the asynchronous clipboard (pages served over plain http), copy a selection.
  function copyBySelection(node) {
    var selection = window.getSelection();
    var range = document.createRange();
    range.selectNodeContents(node);
    selection.removeAllRanges();
    selection.addRange(range);
    var done = false;
    try { done = document.execCommand("copy"); } catch (error) { done = false; }
    selection.removeAllRanges();
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copy(node) {
    var text = node.textContent.trim();
    var clipboard = navigator.clipboard;
    if (!clipboard || !window.isSecureContext) { return copyBySelection(node); }
    if (window.ClipboardItem && clipboard.write) {  // keeps the APA title's italics in word processors
      var item = new window.ClipboardItem({
        "text/plain": new Blob([text], { type: "text/plain" }),
        "text/html": new Blob([node.innerHTML.trim()], { type: "text/html" })
      });
      return clipboard.write([item]).catch(function () { return clipboard.writeText(text); })
        .catch(function () { return copyBySelection(node); });
    }
    return clipboard.writeText(text).catch(function () { return copyBySelection(node); });
  }

  function setUp(root) {
    var status = root.querySelector("[data-cite-status]");
    root.querySelectorAll("[data-cite-accessed]").forEach(function (node) { node.textContent = window.archiveDates.todayIso(); });
    root.querySelectorAll("[data-cite-hint]").forEach(function (node) { node.hidden = true; });
    root.querySelectorAll("[data-cite-copy]").forEach(function (button) {
      var target = document.getElementById(button.getAttribute("data-cite-copy"));
      if (!target) { return; }
      button.hidden = false;
      button.addEventListener("click", function () {
        var style = button.closest(".archive-citation").querySelector(".archive-citation__style").textContent;
        status.textContent = "";
        copy(target).then(function () {
          status.textContent = status.getAttribute("data-copied").replace("{style}", style);
        }, function () {
          status.textContent = status.getAttribute("data-failed");
        });
      });
    });
  }

  function start() { document.querySelectorAll("[data-cite]").forEach(setUp); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
