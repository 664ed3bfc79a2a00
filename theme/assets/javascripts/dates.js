/* The reader's date, shared by the scripts that need it (calendar.js, cite.js). Loaded first. */
(function () {
  "use strict";
  window.archiveDates = {
    /* Today in the reader's own time zone, as YYYY-MM-DD. */
    todayIso: function () {
      var now = new Date();
      var pad = function (n) { return (n < 10 ? "0" : "") + n; };
      return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
    }
  };
})();
