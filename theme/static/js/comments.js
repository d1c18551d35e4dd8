/* The comment form, where JavaScript runs. When the reader starts writing, the form asks
   the comment service for a signed token and loads the proof-of-work widget (a page only
   read loads neither); with both, the service counts the comment as verified. The form is
   sent in place, and "Beantwoorden" fills it in instead of opening a page of its own.
   Without this script the form works as plain HTML, its comments marked unverified. */
(function () {
  "use strict";
  var form = document.querySelector("form.comment-form");
  if (!form || !window.fetch) return;
  var asked = false;
  var script = document.currentScript;

  /* The proof-of-work widget (ALTCHA): loaded on first use, it solves its challenge in a
     worker served from the site (the CSP allows no blob: workers) and speaks Dutch. */
  function loadProofOfWork() {
    var widget = form.querySelector("altcha-widget");
    if (!widget || !script.dataset.altchaScript) return;
    var style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = script.dataset.altchaStyle;
    document.head.appendChild(style);
    var module = document.createElement("script");
    module.type = "module";
    module.src = script.dataset.altchaScript;
    module.addEventListener("load", function () {
      configureAltcha();
      window.customElements.whenDefined("altcha-widget").then(function () {
        if (widget.verify) widget.verify();
      });
    });
    document.head.appendChild(module);
  }

  function configureAltcha() {
    var altcha = window.$altcha;
    if (!altcha) return;
    var worker = script.dataset.altchaWorker;
    altcha.algorithms.set("PBKDF2/SHA-256", function () { return new Worker(worker); });
    altcha.i18n.set("nl", {
      ariaLinkLabel: "ALTCHA (website)",
      cancel: "Annuleren",
      enterCode: "Typ de code",
      enterCodeAria: "Typ de code die je hoort. Druk op spatie om het geluid af te spelen.",
      enterCodeFromImage: "Typ de code uit de afbeelding hieronder.",
      error: "De controle is mislukt. Probeer het later opnieuw.",
      expired: "De controle is verlopen. Probeer het opnieuw.",
      footer: "",
      getAudioChallenge: "Een code om te beluisteren",
      label: "Ik ben geen robot",
      loading: "Laden…",
      reload: "Opnieuw",
      verify: "Controleren",
      verificationRequired: "Controle nodig!",
      verified: "Gecontroleerd",
      verifying: "Bezig met controleren…",
      waitAlert: "Bezig met controleren… even geduld."
    });
  }

  var started = false;
  function startWriting() {
    askToken();
    if (started) return;
    started = true;
    loadProofOfWork();
  }

  function askToken() {
    if (asked) return;
    asked = true;
    var url = form.getAttribute("action") + "token?artikel=" + encodeURIComponent(form.dataset.article);
    fetch(url, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (answer) {
        if (answer && answer.token) form.elements.token.value = answer.token;
      })
      .catch(function () { asked = false; }); /* offline: the form still works, unverified */
  }

  form.addEventListener("focusin", startWriting);
  form.addEventListener("input", startWriting);

  /* Sending in place: the service answers with the same pages as without JavaScript; a
     mistake is shown next to its field here, with everything typed kept, and "Bedankt"
     takes the form's place. Should the request fail, the form is sent as a plain page. */
  var FIELDS = ["naam", "email", "website", "reactie"];

  function showProblems(answer) {
    var old = form.querySelectorAll(".field-error, .form-problems");
    for (var i = 0; i < old.length; i++) old[i].remove();
    var first = null;
    FIELDS.forEach(function (name) {
      var field = form.elements[name];
      if (!field) return;
      var problem = answer.getElementById(name + "-fout");
      var hint = document.getElementById(name + "-hint");
      field.removeAttribute("aria-invalid");
      field.setAttribute("aria-describedby", hint ? hint.id : "");
      if (!field.getAttribute("aria-describedby")) field.removeAttribute("aria-describedby");
      if (!problem) return;
      var error = document.createElement("strong");
      error.className = "field-error";
      error.id = name + "-fout";
      error.textContent = problem.textContent;
      field.parentNode.appendChild(error);
      field.setAttribute("aria-invalid", "true");
      field.setAttribute("aria-describedby", (hint ? hint.id + " " : "") + error.id);
      first = first || field;
    });
    var said = answer.querySelectorAll("main h1 ~ p");
    var summary = document.createElement("p");
    summary.className = "form-problems";
    summary.setAttribute("role", "alert");
    summary.textContent = said.length && !answer.querySelector(".form-problems")
      ? said[0].textContent
      : "Je reactie is nog niet verstuurd: verbeter wat hieronder bij de velden staat.";
    form.insertBefore(summary, form.firstChild);
    var token = answer.querySelector('form.comment-form input[name="token"]');
    if (token && token.value) form.elements.token.value = token.value;
    if (first) {
      first.focus();
    } else {
      summary.setAttribute("tabindex", "-1");
      summary.focus();
    }
  }

  /* A proof of work still being solved is waited for (a few seconds at most), so that a
     reader who is quick does not send an unverified comment for no reason. */
  function proofOfWorkDone() {
    var widget = form.querySelector("altcha-widget");
    if (!widget || !widget.getState || widget.getState() !== "verifying") {
      return Promise.resolve();
    }
    return new Promise(function (resolve) {
      widget.addEventListener("statechange", function changed(event) {
        if (event.detail && event.detail.state === "verifying") return;
        widget.removeEventListener("statechange", changed);
        resolve();
      });
      setTimeout(resolve, 10000);
    });
  }

  form.addEventListener("submit", function (event) {
    if (!window.FormData || !window.DOMParser || !window.URLSearchParams) return;
    event.preventDefault();
    var button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    proofOfWorkDone().then(send).catch(function () { form.submit(); });
  });

  function send() {
    var button = form.querySelector('button[type="submit"]');
    return fetch(form.getAttribute("action"), {
      method: "POST",
      body: new URLSearchParams(new FormData(form)),
      credentials: "same-origin"
    })
      .then(function (response) {
        return response.text().then(function (html) {
          var answer = new DOMParser().parseFromString(html, "text/html");
          if (!response.ok) return showProblems(answer);
          var thanks = document.createElement("p");
          thanks.className = "form-sent";
          thanks.setAttribute("role", "status");
          thanks.setAttribute("tabindex", "-1");
          var said = answer.querySelector("main h1 + p");
          thanks.textContent = said ? said.textContent : "Bedankt voor je reactie.";
          form.replaceWith(thanks);
          thanks.focus();
        });
      })
      .catch(function () { form.submit(); })
      .then(function () { button.disabled = false; });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.comment-reply-link");
    if (!link) return;
    event.preventDefault();
    form.elements.antwoord.value = link.dataset.replyTo;
    var note = form.querySelector(".comment-form-reply");
    note.querySelector(".comment-form-reply-to").textContent = link.dataset.replyLabel;
    note.hidden = false;
    form.elements.naam.focus();
    form.scrollIntoView({ block: "start" });
  });
})();
