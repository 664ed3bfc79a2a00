/* Gives the lightbox dialog a name for screen readers (axe: aria-dialog-name). GLightbox builds
   the dialog only when a picture opens and has no option for a name. No network requests. */
(function () {
  "use strict";
  var NAME = "图片查看 Image viewer";
  new MutationObserver(function () {
    var dialog = document.getElementById("glightbox-body");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", NAME);
  }).observe(document.body, { childList: true });
})();
