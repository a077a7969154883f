/* The counter's waiting queue refreshes itself (hx-trigger="every 5s" on [data-counter-queue]).
   This script pauses the polling while the tab is hidden or while staff have the keyboard focus
   inside the queue (a swap would take the focus away), refreshes at once when the tab is shown
   again, and stops when the answer is not the queue (e.g. the session has ended). */
(function () {
  "use strict";

  function queueBox() {
    return document.querySelector("[data-counter-queue]");
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    var box = queueBox();
    if (!box || event.detail.elt !== box) {
      return;
    }
    if (document.hidden || box.dataset.stopped || box.contains(document.activeElement)) {
      event.preventDefault();
    }
  });

  document.addEventListener("htmx:beforeSwap", function (event) {
    var box = queueBox();
    if (!box || event.detail.target !== box) {
      return;
    }
    var xhr = event.detail.xhr;
    var path = box.getAttribute("hx-get");
    if (xhr && xhr.responseURL && path && xhr.responseURL.indexOf(path) === -1) {
      // Redirected (signed out): keep the last queue and stop polling.
      event.detail.shouldSwap = false;
      box.dataset.stopped = "1";
    }
  });

  document.addEventListener("visibilitychange", function () {
    var box = queueBox();
    if (box && !document.hidden && window.htmx) {
      window.htmx.trigger(box, "refresh-now");
    }
  });
})();
