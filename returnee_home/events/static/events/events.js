/* Events: show times also in the visitor's own time zone when it is not Beijing time, and scan
   check-in QR codes with the browser's BarcodeDetector where it exists (typing is the fallback).
   No dependencies; loaded with defer, no inline script (the CSP forbids it). */
(function () {
  "use strict";

  var BEIJING = "Asia/Shanghai";

  function format(date, zone, lang) {
    return new Intl.DateTimeFormat(lang, {
      timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23"
    }).format(date);
  }

  function localTimes() {
    var zone;
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
    if (!zone || zone === BEIJING) { return; }
    var lang = document.documentElement.lang || undefined;
    document.querySelectorAll("[data-event-start]").forEach(function (el) {
      var start = new Date(el.getAttribute("data-event-start"));
      var end = new Date(el.getAttribute("data-event-end"));
      if (isNaN(start.getTime())) { return; }
      var here = format(start, zone, lang);
      if (here === format(start, BEIJING, lang)) { return; }  // same clock time: nothing to add
      var text = here;
      if (!isNaN(end.getTime())) {
        var endText = format(end, zone, lang);
        var startDay = new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(start);
        var endDay = new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(end);
        if (startDay === endDay) {
          endText = new Intl.DateTimeFormat(lang, {
            timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23"
          }).format(end);
        }
        text += "–" + endText;
      }
      var target = el.parentNode.querySelector(".event-local-time");
      if (!target) { return; }
      target.textContent = " · " + el.getAttribute("data-local-label") + " (" + zone + "): " + text;
      target.hidden = false;
    });
  }

  function scanner() {
    var button = document.getElementById("scan-start");
    if (!button) { return; }
    var form = document.getElementById("checkin-form");
    var input = form.querySelector("input[name=code]");
    var video = document.getElementById("scan-video");
    var help = document.getElementById("scan-help");
    var supported = "BarcodeDetector" in window && navigator.mediaDevices &&
      navigator.mediaDevices.getUserMedia;
    if (!supported) {
      document.getElementById("scan-unsupported").hidden = false;
      return;
    }
    var startLabel = button.textContent;
    var stream = null;
    var timer = null;
    var detector = null;
    try { detector = new window.BarcodeDetector({ formats: ["qr_code"] }); } catch (e) {
      document.getElementById("scan-unsupported").hidden = false;
      return;
    }
    button.hidden = false;

    function stop() {
      if (timer) { clearInterval(timer); timer = null; }
      if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); stream = null; }
      video.hidden = true; help.hidden = true;
      button.textContent = startLabel;
    }

    function found(value) {
      stop();
      input.value = value;
      form.submit();
    }

    button.addEventListener("click", function () {
      if (stream) { stop(); return; }
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false })
        .then(function (s) {
          stream = s;
          video.srcObject = s;
          video.hidden = false; help.hidden = false;
          button.textContent = button.getAttribute("data-label-stop");
          return video.play();
        })
        .then(function () {
          timer = setInterval(function () {
            if (!stream || video.readyState < 2) { return; }
            detector.detect(video).then(function (codes) {
              if (codes && codes.length && codes[0].rawValue) { found(codes[0].rawValue); }
            }).catch(function () {});
          }, 300);
        })
        .catch(function () {
          stop();
          document.getElementById("scan-unsupported").hidden = false;
        });
    });
  }

  function init() { localTimes(); scanner(); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else { init(); }
})();
