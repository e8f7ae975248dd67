// The site's only script: draws the figures with the local plotly.js, gives each kernel-free explorer a
// native (keyboard) control mirroring plotly's own, shows one claim card at a time, and builds the
// nbgitpuller link from the hub address the reader typed once (kept in this browser). No network.
(function () {
  "use strict";
  var HUB_KEY = "titfortat-hub";

  function drawFigures() {
    document.querySelectorAll(".plotly-figure[data-figure]").forEach(function (div) {
      var script = document.getElementById(div.getAttribute("data-figure"));
      if (!script || !window.Plotly) return;
      var fig = JSON.parse(script.textContent);
      Plotly.newPlot(div, fig.data, fig.layout, fig.config || {}).then(function (gd) {
        if (div.hasAttribute("data-control")) mirrorControl(gd, div.getAttribute("data-control"));
      });
    });
  }

  // A <select> with the same choices as the figure's dropdown or slider, kept in step with it.
  function mirrorControl(gd, name) {
    var menu = (gd.layout.updatemenus || [])[0], slider = (gd.layout.sliders || [])[0];
    var steps = menu ? menu.buttons : slider ? slider.steps : null;
    if (!steps) return;
    var label = document.createElement("label");
    label.className = "twin-control";
    label.textContent = name + ": ";
    var select = document.createElement("select");
    steps.forEach(function (step, i) {
      var option = document.createElement("option");
      option.value = String(i);
      option.textContent = step.label;
      select.appendChild(option);
    });
    select.value = String((menu || slider).active || 0);
    label.appendChild(select);
    gd.parentNode.insertBefore(label, gd);
    select.addEventListener("change", function () {
      var i = Number(select.value), args = steps[i].args, active = {};
      active[menu ? "updatemenus[0].active" : "sliders[0].active"] = i;
      Plotly.update(gd, args[0], Object.assign({}, args[1], active));
    });
    // On a phone plotly's menu (one line, as wide as its longest choice) covers the title: the native menu,
    // which the phone shows as its own picker, is enough there.
    if (menu && window.matchMedia && window.matchMedia("(max-width: 600px)").matches) {
      Plotly.relayout(gd, {"updatemenus[0].visible": false});
    }
    gd.on(menu ? "plotly_buttonclicked" : "plotly_sliderchange", function (event) {
      var i = menu ? event.active : event.slider.active;
      if (typeof i === "number") select.value = String(i);
    });
  }

  function cards() {
    document.querySelectorAll(".twin-cards").forEach(function (box) {
      var select = box.querySelector("select.card-select");
      var all = box.querySelectorAll("[data-card]");
      function show() {
        all.forEach(function (card) { card.hidden = card.getAttribute("data-card") !== select.value; });
      }
      select.addEventListener("change", show);
      show();
    });
  }

  function hubAddress(text) {
    text = (text || "").trim().replace(/\/+$/, "");
    if (!text) return "";
    if (!/^https?:\/\//i.test(text)) text = "https://" + text;
    return text.replace(/\/hub(\/.*)?$/, "");
  }

  function pullLink(form, hub) {
    return hub + "/hub/user-redirect/git-pull?repo=" + encodeURIComponent(form.getAttribute("data-repo")) +
      "&branch=" + encodeURIComponent(form.getAttribute("data-branch")) +
      "&urlpath=" + encodeURIComponent("lab/tree/" + form.getAttribute("data-path"));
  }

  function hubForms() {
    var stored = "";
    try { stored = window.localStorage.getItem(HUB_KEY) || ""; } catch (e) { stored = ""; }
    document.querySelectorAll("form.hub").forEach(function (form) {
      var input = form.querySelector("input"), link = form.querySelector("a.hub-link");
      function refresh(hub) {
        if (!hub) { link.hidden = true; return; }
        link.href = pullLink(form, hub);
        link.textContent = "Open on " + hub.replace(/^https?:\/\//, "");
        link.hidden = false;
      }
      input.value = stored;
      refresh(hubAddress(stored));
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var hub = hubAddress(input.value);
        if (!hub) { input.focus(); return; }
        try { window.localStorage.setItem(HUB_KEY, hub); } catch (e) { /* private mode: not kept */ }
        refresh(hub);
        window.location.href = pullLink(form, hub);
      });
    });
  }

  function start() { drawFigures(); cards(); hubForms(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
