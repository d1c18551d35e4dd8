/* The comment form, where JavaScript runs: the form asks the comment service for a signed
   token when the reader starts writing (the service then counts the comment as verified),
   and "Beantwoorden" fills in the form on the page instead of opening a page of its own.
   Without this script the form works as plain HTML, its comments marked unverified. */
(function () {
  "use strict";
  var form = document.querySelector("form.comment-form");
  if (!form || !window.fetch) return;
  var asked = false;
  var script = document.currentScript;

  /* The proof-of-work widget (ALTCHA) solves its challenge in a worker served from the
     site (the CSP allows no blob: workers), and speaks Dutch. Its module has run by the
     time the document is parsed. */
  document.addEventListener("DOMContentLoaded", function () {
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
  });

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

  form.addEventListener("focusin", askToken);
  form.addEventListener("input", askToken);

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
