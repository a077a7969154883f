/* Starts Swagger UI for /api/v1/docs without inline script (the CSP forbids it). */
(function () {
  "use strict";
  function start() {
    var root = document.getElementById("swagger-ui");
    if (!root || typeof window.SwaggerUIBundle !== "function") { return; }
    var csrfToken = root.dataset.csrfToken;
    window.SwaggerUIBundle({
      url: root.dataset.openapiUrl,
      dom_id: "#swagger-ui",
      layout: "BaseLayout",
      deepLinking: true,
      presets: [window.SwaggerUIBundle.presets.apis],
      requestInterceptor: function (request) {
        if (csrfToken && request.method && request.method !== "GET") {
          request.headers["X-CSRFToken"] = csrfToken;
        }
        return request;
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
